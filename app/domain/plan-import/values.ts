import type { ActionStatus } from "../actions/status.ts";
import { checkDate, type DateCheck } from "../dates.ts";
import { MONTHS } from "../report-reader/text.ts";

/**
 * Reading one cell of an imported plan: dates as people type them in Swedish spreadsheets,
 * statuses in Swedish words, e-mail addresses and sub-question codes. Pure.
 */

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A deadline cell as YYYY-MM-DD, or why not: "2026-12-31" (with or without a time after it),
 * "2026/12/31", "31/12/2026", "31.12.2026", "31-12-2026", "31 december 2026", "31 dec. 2026".
 * Day-first, as in Sweden. The date must exist and lie within the product's range.
 */
export function parseImportDate(raw: string): { ok: true; date: string } | { ok: false; reason: Exclude<DateCheck, "ok"> } {
  const s = raw.trim().toLowerCase();
  let y: number | null = null;
  let m: number | null = null;
  let d: number | null = null;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?z?)?$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})$/.exec(s))) {
    const word = match[2]!;
    const index = MONTHS.findIndex((name) => name === word || (word.length >= 3 && name.startsWith(word)));
    if (index >= 0) [d, m, y] = [Number(match[1]), index + 1, Number(match[3])];
  }
  if (y === null || m === null || d === null) return { ok: false, reason: "format" };
  const iso = `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
  const check = checkDate(iso);
  return check === "ok" ? { ok: true, date: iso } : { ok: false, reason: check };
}

/** Swedish (and the product's own) words for each status, folded to lower case. */
const STATUS_WORDS: Record<ActionStatus, readonly string[]> = {
  NOT_STARTED: ["ej påbörjad", "ej påbörjat", "inte påbörjad", "inte påbörjat", "ej startad", "ej startat", "inte startad", "ny", "planerad", "planerat", "not started", "not_started"],
  IN_PROGRESS: ["pågår", "pågående", "påbörjad", "påbörjat", "startad", "startat", "under arbete", "pågår delvis", "in progress", "in_progress"],
  DONE: ["klar", "klart", "genomförd", "genomfört", "avslutad", "avslutat", "färdig", "färdigt", "utförd", "utfört", "done"],
  CANCELLED: ["avbruten", "avbrutet", "struken", "struket", "inställd", "inställt", "utgår", "utgått", "cancelled", "canceled"],
};

/** A status cell as a status: empty means not started; null when the word is unknown. */
export function parseImportStatus(raw: string): ActionStatus | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, " ").replace(/[.!]+$/, "");
  if (s === "") return "NOT_STARTED";
  for (const [status, words] of Object.entries(STATUS_WORDS) as Array<[ActionStatus, readonly string[]]>) {
    if (words.includes(s)) return status;
  }
  return null;
}

/** A plain address check, as forms do; the mail itself proves the address. */
export function isEmailAddress(raw: string): boolean {
  return raw.length <= 254 && /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/.test(raw);
}

/**
 * The sub-question codes a cell names: "1.5", "1.5 Etik – hur hantera korruption?", "1,5", or
 * several separated by ";" or line breaks. An empty cell names none.
 */
export function questionCodes(raw: string): string[] {
  return raw
    .split(/[;\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const code = /^(\d{1,2}(?:[.,]\d{1,2}){1,2}[a-z]?)(?=$|[\s:–-])/i.exec(part);
      return code ? code[1]!.replace(/,/g, ".").toLowerCase() : part;
    });
}
