import type { z } from "zod";
import { can, canUpdateAction, type Principal } from "~/domain/access.ts";
import { isoDate, stockholmDate } from "~/domain/dates.ts";
import { daysLate } from "~/domain/actions/status.ts";
import { buildTimeline } from "~/domain/actions/timeline.ts";
import type { statusSchema } from "~/forms/action.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { ActionConflictError, ActionRuleError, changeStatus, getActionDetail } from "~/models/action.server.ts";
import { storedFileName } from "~/platform/file-storage.server.ts";
import { latestStatus } from "~/domain/actions/status-note.ts";
import { listStatusNotes } from "~/models/status-note.server.ts";

/** What the action page shows of one action at `now`, for the viewer; null when the municipality has no such action. */
export async function actionPage(municipalityId: string, actionId: string, viewer: Principal & { userId: string }, now: Date) {
  const [detail, statusNotes] = await Promise.all([getActionDetail(municipalityId, actionId), listStatusNotes(municipalityId, actionId)]);
  if (!detail) return null;
  const { action, audit } = detail;
  return {
    action: {
      id: action.id,
      title: action.title,
      description: action.description,
      status: action.status,
      priority: action.priority,
      deadline: isoDate(action.deadline),
      daysLate: daysLate({ status: action.status, deadline: isoDate(action.deadline) }, now),
      version: action.version,
      cancelReason: action.cancelReason,
      deadlineChangeCount: action.deadlineChangeCount,
      owner: action.owner ? { name: action.owner.name, email: action.owner.email } : null,
      committee: action.committee?.name ?? null,
      decisionReference: action.decisionReference,
      item: action.improvementItem.text,
      area: `${action.improvementItem.evaluationArea.frameworkArea.number}. ${action.improvementItem.evaluationArea.frameworkArea.name}`,
      effects: action.questions.map((q) => ({ code: q.question.code, text: q.question.text, effect: Number(q.expectedEffect) })),
      evidence: action.evidence.map((e) => ({ id: e.id, kind: e.kind, title: e.title, url: e.url, fileName: e.storageKey ? storedFileName(e.fileName, e.storageKey) : null, sizeBytes: e.sizeBytes, date: isoDate(e.evidenceDate) })),
    },
    latestStatus: latestStatus(statusNotes),
    timeline: buildTimeline({ audit, notes: action.notes, evidence: action.evidence, mails: action.mails, statusNotes }),
    canUpdate: canUpdateAction(viewer, viewer.userId, action.ownerId),
    canManage: can(viewer, "actions:manage"),
    today: stockholmDate(now),
  };
}

/**
 * Changes the action's status from the page's form. A refusal answers the HTTP status and the
 * Swedish error for the field it concerns (409 when someone else changed the action first).
 */
export async function changeStatusFromForm(
  municipalityId: string,
  actionId: string,
  form: z.infer<typeof statusSchema>,
  actorId: string,
): Promise<{ ok: true } | { ok: false; status: 400 | 409; errors: FieldErrors }> {
  try {
    await changeStatus(municipalityId, actionId, form.version, form.status, form.reason, actorId);
  } catch (error) {
    if (error instanceof ActionConflictError) return { ok: false, status: 409, errors: { "": t.action.conflict } };
    if (error instanceof ActionRuleError) {
      const field = error.code === "reason-required" ? "reason" : "status";
      const message = t.action.errors[error.code as "reason-required" | "evidence-required" | "unchanged"];
      return { ok: false, status: 400, errors: { [field]: message } };
    }
    throw error;
  }
  return { ok: true };
}
