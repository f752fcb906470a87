import { guessMapping, type ColumnMapping } from "~/domain/plan-import/columns.ts";
import { allRowsValid, checkRows, isBlocking, ownersToInvite, type CheckedRow, type RowProblem } from "~/domain/plan-import/rows.ts";
import { splitSheet, type Sheet } from "~/domain/plan-import/sheet.ts";
import { t } from "~/i18n/sv.ts";
import {
  createPlanImport,
  planImportContext,
  PlanImportConflict,
  savePlanImport,
  type StoredPlanImport,
} from "~/models/plan-import.server.ts";
import { readPlanFile } from "~/platform/plan-file.server.ts";
import { notifyAssignments } from "./action-mail.server.ts";
import { mailInvitation } from "./invitations.server.ts";

/**
 * An existing action plan from Excel or CSV (issue #13, item 6; ADR 0038): read and keep the
 * file, check its rows for the preview, and save them all in one transaction with the same mail
 * as actions made by hand (an assignment mail to each owner of an open action, an invitation to
 * each person invited).
 */

const MAX_FILE_NAME = 200;

/** Reads the uploaded bytes into headings and rows, or a Swedish refusal. */
export async function readPlanUpload(bytes: Uint8Array): Promise<{ ok: true; sheet: Sheet; mapping: ColumnMapping } | { ok: false; message: string }> {
  const file = await readPlanFile(bytes);
  if (!file.ok) return { ok: false, message: t.planImport.failures[file.reason] };
  const split = splitSheet(file.table);
  if (!split.ok) {
    const message = t.planImport.failures[split.reason];
    return { ok: false, message: split.line ? t.planImport.failureAtLine(message, split.line) : message };
  }
  return { ok: true, sheet: split.sheet, mapping: guessMapping(split.sheet.headings) };
}

/** Reads a file and keeps it for the next steps; returns the import's id or a Swedish refusal. */
export async function startPlanImport(municipalityId: string, userId: string, bytes: Uint8Array, fileName: string) {
  const read = await readPlanUpload(bytes);
  if (!read.ok) return read;
  // eslint-disable-next-line no-control-regex -- control characters are removed from the name
  const name = fileName.replace(/[\u0000-\u001F\u007F]/g, "").slice(0, MAX_FILE_NAME) || "filen";
  const created = await createPlanImport(municipalityId, userId, { fileName: name, ...read.sheet, mapping: read.mapping });
  return { ok: true as const, id: created.id };
}

/** A row problem in Swedish. */
export function problemText(problem: RowProblem): string {
  const m = t.planImport.rowProblems;
  switch (problem.kind) {
    case "item-unmatched":
      return m["item-unmatched"](problem.text);
    case "question-unknown":
      return m["question-unknown"](problem.code);
    case "owner-email-invalid":
    case "owner-viewer":
    case "owner-unknown":
    case "deadline-format":
    case "deadline-calendar":
    case "deadline-range":
    case "status-unknown":
      return m[problem.kind](problem.value);
    case "duplicate-in-file":
      return m["duplicate-in-file"](problem.line);
    default:
      return m[problem.kind];
  }
}

export interface PreviewRow {
  line: number;
  title: string;
  itemText: string;
  itemId: string | null;
  itemLabel: string | null;
  itemBy: CheckedRow["itemBy"];
  questionText: string;
  ownerEmail: string;
  invite: boolean;
  deadline: string | null;
  deadlineText: string;
  statusText: string;
  status: CheckedRow["status"];
  note: string;
  /** Problems in Swedish; `blocking` false for the invitation notice. */
  problems: Array<{ text: string; blocking: boolean }>;
  /** The row needs (or got) an item chosen by hand: the preview shows a select. */
  choose: boolean;
}

/** Every row checked against the plan as it is now, with the choices made by hand. */
export async function previewPlanImport(municipalityId: string, stored: StoredPlanImport) {
  const context = await planImportContext(municipalityId);
  if (!context || !stored.mapping) return null;
  const byHand = new Map(Object.entries(stored.choices).map(([line, id]) => [Number(line), id]));
  const checked = checkRows(stored.rows, stored.mapping, context, byHand);
  const rows: PreviewRow[] = checked.map((row) => ({
    line: row.line,
    title: row.title,
    itemText: row.itemText,
    itemId: row.itemId,
    itemLabel: row.itemId ? (context.itemLabels.get(row.itemId) ?? null) : null,
    itemBy: row.itemBy,
    questionText: row.questionText,
    ownerEmail: row.ownerEmail,
    invite: row.invite,
    deadline: row.deadline,
    deadlineText: row.deadlineText,
    statusText: row.statusText,
    status: row.status,
    note: row.note,
    problems: row.problems.map((p) => ({ text: problemText(p), blocking: isBlocking(p) })),
    choose: row.itemBy !== "wording",
  }));
  return {
    evaluation: context.evaluation,
    items: context.items.map((i) => ({ id: i.id, label: context.itemLabels.get(i.id)! })),
    rows,
    checked,
    valid: allRowsValid(checked),
    withProblems: checked.filter((row) => row.problems.some(isBlocking)).length,
    invites: ownersToInvite(checked).length,
  };
}

export type ConfirmResult =
  | { ok: true; count: number; already: boolean }
  | { ok: false; message: string }
  | null;

/**
 * Saves the import when every row is valid: all rows in one transaction or none; then the mail.
 * A repeated confirmation saves nothing and answers as the first did.
 */
export async function confirmPlanImport(
  municipality: { id: string; slug: string; name: string },
  stored: StoredPlanImport,
  actorId: string,
): Promise<ConfirmResult> {
  if (stored.confirmedAt) return { ok: true, count: stored.createdCount, already: true };
  const preview = await previewPlanImport(municipality.id, stored);
  if (!preview) return null;
  if (!preview.valid) return { ok: false, message: t.planImport.fixFirst };
  let saved: Awaited<ReturnType<typeof savePlanImport>>;
  try {
    saved = await savePlanImport(
      municipality.id,
      stored.id,
      preview.checked.map((row) => ({
        title: row.title,
        improvementItemId: row.itemId!,
        questionIds: row.questionIds,
        ownerId: row.ownerId,
        inviteEmail: row.invite ? row.ownerEmail : null,
        deadline: row.deadline!,
        status: row.status!,
        note: row.note,
      })),
      actorId,
    );
  } catch (error) {
    if (error instanceof PlanImportConflict) return { ok: false, message: t.planImport.conflicts[error.code] };
    throw error;
  }
  if (!saved) return null;
  if (saved.already) return { ok: true, count: saved.count, already: true };
  for (const invited of saved.invitations) await mailInvitation(municipality, invited);
  // As for an action made by hand: its owner is told; closed actions need no one's attention.
  await notifyAssignments(
    municipality,
    saved.actions.flatMap((a) => (a.owner && (a.status === "NOT_STARTED" || a.status === "IN_PROGRESS") ? [{ ...a, owner: a.owner }] : [])),
  );
  return { ok: true, count: saved.count, already: false };
}
