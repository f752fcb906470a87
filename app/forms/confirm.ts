import { t } from "~/i18n/sv.ts";

/**
 * The field a destructive form carries to say the person has confirmed (ADR 0043). A post
 * without it changes nothing and is answered with the confirmation instead.
 */
export const CONFIRM_FIELD = "confirmed";
export const CONFIRM_VALUE = "yes";

/** What a destructive step asks before it happens: the question, what will be lost, the button. */
export interface ConfirmText {
  title: string;
  /** Paragraphs saying concretely what will be lost or what happens. */
  loss: string[];
  confirmLabel: string;
}

/** The confirmation as a page of its own: the text and the fields to post again with the confirmation. */
export interface ConfirmPrompt extends ConfirmText {
  fields: Record<string, string>;
}

export interface EvaluationDeletionFacts {
  year: number;
  questions: number;
  improvements: number;
}

export function evaluationDeletion(facts: EvaluationDeletionFacts): ConfirmText {
  return {
    title: t.confirm.evaluationTitle(facts.year),
    loss: [t.confirm.evaluationLoss(facts.year, facts.questions, facts.improvements), t.confirm.permanent],
    confirmLabel: t.confirm.evaluationConfirm(facts.year),
  };
}

export interface EvidenceFacts {
  title: string;
  kind: "LINK" | "FILE";
  fileName: string | null;
  sizeBytes: number | null;
}

export function evidenceRemoval(evidence: EvidenceFacts): ConfirmText {
  const loss =
    evidence.kind === "FILE"
      ? t.confirm.evidenceFileLoss(evidence.fileName ?? evidence.title, t.confirm.size(evidence.sizeBytes ?? 0))
      : t.confirm.evidenceLinkLoss(evidence.title);
  return { title: t.confirm.evidenceTitle(evidence.title), loss: [loss, t.confirm.permanent], confirmLabel: t.confirm.evidenceConfirm };
}

export function actionCancellation(title: string): ConfirmText {
  return { title: t.confirm.cancelTitle(title), loss: [t.confirm.cancelLoss], confirmLabel: t.confirm.cancelConfirm };
}

export function calendarRenewal(): ConfirmText {
  return { title: t.confirm.calendarTitle, loss: [t.confirm.calendarLoss], confirmLabel: t.confirm.calendarConfirm };
}
