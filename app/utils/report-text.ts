import type { ReportAction, ReportActionShown, ReportChanges, ReportSnapshot } from "~/domain/follow-up-report.ts";
import { t } from "~/i18n/sv.ts";
import { formatAgainstTarget, formatDate, formatPoints } from "./format.ts";

const nonNull = <T>(value: T | null): T[] => (value === null ? [] : [value]);

/** The report's summary as sentences, the same on screen, in the PDF and in Excel. */
export function summaryParagraphs(snapshot: ReportSnapshot<ReportActionShown>): string[] {
  const r = t.report;
  const c = snapshot.counts;
  const plan = r.summary({
    actions: c.actions,
    done: c.byStatus.DONE,
    inProgress: c.byStatus.IN_PROGRESS,
    notStarted: c.byStatus.NOT_STARTED,
    cancelled: c.byStatus.CANCELLED,
    late: c.late,
  });
  const projection = r.projectionLine(
    formatPoints(snapshot.total.current),
    formatPoints(snapshot.total.secured),
    formatPoints(snapshot.total.likely),
    formatPoints(snapshot.total.potential),
  );
  const withoutEvidence = snapshot.actions.filter((a) => a.status === "DONE" && a.hasEvidence === false).length;
  const next = snapshot.nextEvaluationDate ? r.nextEvaluation(formatDate(snapshot.nextEvaluationDate)) : r.noNextEvaluation;
  return [
    c.itemsWithoutAction > 0 ? `${plan} ${r.withoutAction(c.itemsWithoutAction)}` : plan,
    `${projection} ${next}`,
    ...nonNull(scoreDifferenceLine(snapshot.questionSum != null ? { stated: snapshot.total.current, questionSum: snapshot.questionSum } : null)),
    ...(snapshot.targetTotal !== null ? [targetLine(snapshot.targetTotal, snapshot.total.likely)] : []),
    ...(withoutEvidence > 0 ? [t.numbers.doneWithoutEvidenceCount(withoutEvidence)] : []),
    r.basedOn(snapshot.evaluation.year, snapshot.evaluation.version),
  ];
}

export function targetLine(target: number, likely: number): string {
  return t.readiness.targetLine(formatPoints(target), formatPoints(likely), formatAgainstTarget(likely, target));
}

/**
 * The one sentence that explains why the sum of the sub-questions differs from the score
 * (ADR 0040); null when they agree. The same on the evaluation page, the readiness page and the report.
 */
export function scoreDifferenceLine(score: { stated: number; questionSum: number } | null): string | null {
  return score === null ? null : t.numbers.scoreDiffers(formatPoints(score.questionSum), formatPoints(score.stated));
}

/** An action's status as the report and the readiness view say it: a done action without evidence is "Klar, underlag saknas". */
export function statusLabel(action: { status: ReportAction["status"]; hasEvidence?: boolean }): string {
  return action.status === "DONE" && action.hasEvidence === false ? t.numbers.doneWithoutEvidenceStatus : t.statuses[action.status];
}

/** The changed actions with their headings, in the order the page, the PDF and Excel show them. */
export function changedActionGroups<A extends ReportActionShown>(changes: ReportChanges<A>): Array<{ title: string; actions: A[] }> {
  const r = t.report;
  return [
    { title: r.completed, actions: changes.completed },
    { title: r.added, actions: changes.added },
    { title: r.newlyLate, actions: changes.newlyLate },
    { title: r.cancelled, actions: changes.cancelled },
  ];
}

/**
 * The change lists the PDF and the Word file print under "what changed": each heading with its
 * lines (the changed actions with their owners, moved deadlines, removed actions), empty ones included.
 */
export function changeLists(changes: ReportChanges): Array<{ title: string; items: string[] }> {
  const r = t.report;
  return [
    ...changedActionGroups(changes).map((g) => ({ title: g.title, items: g.actions.map(withOwner) })),
    { title: r.deadlineMoved, items: changes.deadlineMoved.map((m) => `${m.action.title}: ${r.movedFrom(formatDate(m.from), formatDate(m.action.deadline))}`) },
    { title: r.removed, items: changes.removed.map((a) => a.title) },
  ];
}

/** An action as the change lists print it: "Title (Owner)". */
export function withOwner(action: Pick<ReportAction, "title" | "owner" | "status" | "hasEvidence">): string {
  return `${action.title} (${ownerNote(action)})`;
}

/** What the change lists print in brackets: the owner, and "klar, underlag saknas" for a done action without evidence. */
export function ownerNote(action: Pick<ReportAction, "owner" | "status" | "hasEvidence">): string {
  const owner = action.owner ?? t.report.noOwner;
  return action.status === "DONE" && action.hasEvidence === false ? `${owner}; ${t.numbers.doneWithoutEvidence}` : owner;
}
