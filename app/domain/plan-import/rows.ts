import type { ActionStatus } from "../actions/status.ts";
import { similarity, words } from "../report-reader/text.ts";
import type { ColumnMapping } from "./columns.ts";
import { isEmailAddress, parseImportDate, parseImportStatus, questionCodes } from "./values.ts";

/**
 * Every row of an imported plan checked against the municipality's plan: the improvement item
 * matched by wording (or chosen by hand), the sub-questions by code, the owner among the
 * members (or invited), the deadline, the status, and duplicates in the file and in the plan.
 * Pure: the caller passes the plan, the members and the choices made by hand.
 */

export const IMPORT_LIMITS = {
  /** Rows of data (the heading row not counted). */
  maxRows: 2_000,
  /** Columns read from each row. */
  maxColumns: 50,
  /** Characters in one cell. */
  maxCellChars: 5_000,
  /** Characters in the whole file's cells together. */
  maxTotalChars: 5_000_000,
  /** As the action form: a title of at most 200 characters, a note of at most 5,000. */
  maxTitleChars: 200,
  maxNoteChars: 5_000,
  /** Sub-questions one row may name. */
  maxQuestions: 10,
};

/** How much of its wording a row's item must share with a plan's item to be matched. */
export const ITEM_MATCH_THRESHOLD = 0.5;

export type RowProblem =
  | { kind: "title-missing" }
  | { kind: "title-too-long" }
  | { kind: "control-characters" }
  | { kind: "item-unmatched"; text: string }
  | { kind: "question-unknown"; code: string }
  | { kind: "too-many-questions" }
  | { kind: "owner-email-invalid"; value: string }
  | { kind: "owner-viewer"; value: string }
  | { kind: "owner-unknown"; value: string }
  | { kind: "deadline-missing" }
  | { kind: "deadline-format"; value: string }
  | { kind: "deadline-calendar"; value: string }
  | { kind: "deadline-range"; value: string }
  | { kind: "status-unknown"; value: string }
  | { kind: "done-needs-note" }
  | { kind: "cancelled-needs-note" }
  | { kind: "note-too-long" }
  | { kind: "duplicate-in-file"; line: number }
  | { kind: "duplicate-in-plan" };

/** Problems that do not stop the import: an unknown owner is invited. */
export const isBlocking = (problem: RowProblem) => problem.kind !== "owner-unknown";

export interface PlanItem {
  id: string;
  text: string;
  area: number;
}
export interface PlanQuestion {
  id: string;
  code: string;
}
export interface PlanMember {
  id: string;
  email: string;
  role: "COORDINATOR" | "OWNER" | "VIEWER";
}
export interface PlanContext {
  items: readonly PlanItem[];
  questions: readonly PlanQuestion[];
  members: readonly PlanMember[];
  /** The actions already in the plan, for duplicates. */
  existing: ReadonlyArray<{ improvementItemId: string; title: string }>;
}

export interface SheetRow {
  /** The row's number in the spreadsheet (1 is the first row, usually the headings). */
  line: number;
  cells: readonly string[];
}

export interface CheckedRow {
  line: number;
  title: string;
  itemText: string;
  /** The plan's item the row is attached to, by wording or by hand; null when none. */
  itemId: string | null;
  itemBy: "wording" | "hand" | null;
  questionIds: string[];
  questionText: string;
  ownerEmail: string;
  /** A member's id; null when the row has no owner or the owner is to be invited. */
  ownerId: string | null;
  invite: boolean;
  deadline: string | null;
  deadlineText: string;
  status: ActionStatus | null;
  statusText: string;
  note: string;
  problems: RowProblem[];
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
const cell = (row: SheetRow, column: number | null) => (column === null ? "" : (row.cells[column] ?? "").trim());

/** The plan's item a wording names: the most similar one at or above the threshold. */
export function matchItem(text: string, items: readonly PlanItem[], prepared = prepareItems(items)): PlanItem | null {
  const folded = fold(text);
  if (folded === "") return null;
  const exact = prepared.byText.get(folded);
  if (exact) return exact;
  if (words(text).length === 0) return null;
  let best: { item: PlanItem; score: number } | null = null;
  for (const item of items) {
    const score = similarity(text, item.text);
    if (score >= ITEM_MATCH_THRESHOLD && (!best || score > best.score)) best = { item, score };
  }
  return best?.item ?? null;
}

function prepareItems(items: readonly PlanItem[]) {
  return { byText: new Map(items.map((item) => [fold(item.text), item])) };
}

/**
 * Checks every row. `byHand` holds the items chosen by hand in the preview (line → item id);
 * a choice wins over the wording. Rows without any cell are skipped before they get here.
 */
export function checkRows(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  context: PlanContext,
  byHand: ReadonlyMap<number, string> = new Map(),
): CheckedRow[] {
  const prepared = prepareItems(context.items);
  const itemIds = new Set(context.items.map((i) => i.id));
  const matchCache = new Map<string, PlanItem | null>();
  const questionByCode = new Map(context.questions.map((q) => [q.code.toLowerCase(), q]));
  const memberByEmail = new Map(context.members.map((m) => [m.email.toLowerCase(), m]));
  const inPlan = new Set(context.existing.map((a) => `${a.improvementItemId}\n${fold(a.title)}`));
  const seen = new Map<string, number>();

  return rows.map((row) => {
    const problems: RowProblem[] = [];
    const title = cell(row, mapping.title);
    const itemText = cell(row, mapping.item);
    const questionText = cell(row, mapping.question);
    const ownerEmail = cell(row, mapping.ownerEmail).toLowerCase();
    const deadlineText = cell(row, mapping.deadline);
    const statusText = cell(row, mapping.status);
    const note = cell(row, mapping.note);

    if (title === "") problems.push({ kind: "title-missing" });
    else if (title.length > IMPORT_LIMITS.maxTitleChars) problems.push({ kind: "title-too-long" });
    if ([title, itemText, questionText, ownerEmail, deadlineText, statusText].some((s) => CONTROL.test(s)) || CONTROL_EXCEPT_LINES.test(note)) {
      problems.push({ kind: "control-characters" });
    }

    // The item: a choice by hand, else the wording.
    let itemId: string | null = null;
    let itemBy: CheckedRow["itemBy"] = null;
    const chosen = byHand.get(row.line);
    if (chosen && itemIds.has(chosen)) [itemId, itemBy] = [chosen, "hand"];
    else {
      if (!matchCache.has(itemText)) matchCache.set(itemText, matchItem(itemText, context.items, prepared));
      const matched = matchCache.get(itemText);
      if (matched) [itemId, itemBy] = [matched.id, "wording"];
      else problems.push({ kind: "item-unmatched", text: itemText });
    }

    const questionIds: string[] = [];
    const codes = questionCodes(questionText);
    if (codes.length > IMPORT_LIMITS.maxQuestions) problems.push({ kind: "too-many-questions" });
    else
      for (const code of codes) {
        const question = questionByCode.get(code);
        if (!question) problems.push({ kind: "question-unknown", code });
        else if (!questionIds.includes(question.id)) questionIds.push(question.id);
      }

    let ownerId: string | null = null;
    let invite = false;
    if (ownerEmail !== "") {
      if (!isEmailAddress(ownerEmail)) problems.push({ kind: "owner-email-invalid", value: ownerEmail });
      else {
        const member = memberByEmail.get(ownerEmail);
        if (!member) {
          invite = true;
          problems.push({ kind: "owner-unknown", value: ownerEmail });
        } else if (member.role === "VIEWER") problems.push({ kind: "owner-viewer", value: ownerEmail });
        else ownerId = member.id;
      }
    }

    let deadline: string | null = null;
    if (deadlineText === "") problems.push({ kind: "deadline-missing" });
    else {
      const parsed = parseImportDate(deadlineText);
      if (parsed.ok) deadline = parsed.date;
      else problems.push({ kind: `deadline-${parsed.reason}`, value: deadlineText });
    }

    const status = parseImportStatus(statusText);
    if (status === null) problems.push({ kind: "status-unknown", value: statusText });
    // As when the status is changed by hand: done needs a note, cancelled a reason.
    if (status === "DONE" && note === "") problems.push({ kind: "done-needs-note" });
    if (status === "CANCELLED" && note === "") problems.push({ kind: "cancelled-needs-note" });
    if (note.length > IMPORT_LIMITS.maxNoteChars) problems.push({ kind: "note-too-long" });

    if (title !== "") {
      const key = `${itemId ?? `text:${fold(itemText)}`}\n${fold(title)}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ kind: "duplicate-in-file", line: first });
      else seen.set(key, row.line);
      if (itemId && inPlan.has(key)) problems.push({ kind: "duplicate-in-plan" });
    }

    return {
      line: row.line,
      title,
      itemText,
      itemId,
      itemBy,
      questionIds,
      questionText,
      ownerEmail,
      ownerId,
      invite,
      deadline,
      deadlineText,
      status,
      statusText,
      note,
      problems,
    };
  });
}

/** True when every row can be saved (unknown owners are invited). */
export function allRowsValid(rows: readonly CheckedRow[]): boolean {
  return rows.length > 0 && rows.every((row) => !row.problems.some(isBlocking));
}

/** The addresses to invite, each once, in the order they first appear. */
export function ownersToInvite(rows: readonly CheckedRow[]): string[] {
  return [...new Set(rows.filter((row) => row.invite).map((row) => row.ownerEmail))];
}
