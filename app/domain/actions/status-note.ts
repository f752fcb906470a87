import { daysBetween } from "../dates.ts";

/**
 * The action's status text (lägesbeskrivning): a short dated text the owner or the coordinator
 * writes, e.g. before a council report. Earlier ones are kept as history; the latest is the one
 * the plan, the readiness page and the council report show. Pure.
 */

/** Bounds of one status text, in characters. */
export const STATUS_NOTE_MIN = 1;
export const STATUS_NOTE_MAX = 1000;

/**
 * The owner's regular reminder mail asks for a new status text when the latest is older than
 * this many days (or there is none). There is no reminder tied to a council meeting (ADR 0042).
 */
export const STATUS_NOTE_STALE_DAYS = 30;

/** The id of the action page's status text section: reminder mails link straight to it. */
export const STATUS_NOTE_ANCHOR = "lagesbeskrivning";

/** How many characters of the latest status the plan shows (it is a compact list). */
export const PLAN_STATUS_CHARS = 140;

/** The latest status as shown beside an action: its text and its Stockholm date (YYYY-MM-DD). */
export interface LatestStatus {
  text: string;
  /** YYYY-MM-DD in Stockholm. */
  date: string;
  author: string | null;
}

export interface StatusNoteRow {
  text: string;
  createdAt: Date;
  /** YYYY-MM-DD in Stockholm of createdAt. */
  date: string;
  author: string | null;
}

/** The newest status text (ties: the last given), or null when there is none. */
export function latestStatus(notes: ReadonlyArray<StatusNoteRow>): LatestStatus | null {
  let best: StatusNoteRow | null = null;
  for (const n of notes) if (best === null || n.createdAt.getTime() >= best.createdAt.getTime()) best = n;
  return best ? { text: best.text, date: best.date, author: best.author } : null;
}

/** Whether the owner's reminder should ask for a new status text on `today` (YYYY-MM-DD). */
export function statusNoteDue(latestDate: string | null, today: string, staleDays = STATUS_NOTE_STALE_DAYS): boolean {
  return latestDate === null || daysBetween(latestDate, today) > staleDays;
}

/** The status text shortened to `max` characters at a word boundary, with an ellipsis. */
export function compactStatus(text: string, max = PLAN_STATUS_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
