/**
 * Calendar dates, in one place: the product's time zone, ISO dates (YYYY-MM-DD), day and month
 * arithmetic, and the range of dates the product accepts anywhere (forms, imports, commands).
 * A date outside the range is refused on input; data stored before the range existed is
 * clamped when it is read for a page, a chart or a report. See
 * docs/decisions/0008-input-limits.md ("Dates and numbers"). Pure: `now` is passed in.
 */

/** Every date the product shows or computes is a date in this time zone. */
export const TIME_ZONE = "Europe/Stockholm";

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

const stockholm = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

let lastInstant = Number.NaN;
let lastDate = "";

/**
 * The calendar date it is in Stockholm at the given instant. The last answer is kept: a page asks
 * this of the same `now` once per action (is it late?), and the time-zone formatting costs
 * microseconds each, ~1 ms for a plan of 300 actions.
 */
export function stockholmDate(instant: Date): string {
  const ms = instant.getTime();
  if (ms !== lastInstant) {
    lastDate = stockholm.format(instant);
    lastInstant = ms;
  }
  return lastDate;
}

/** A DATE column's value (midnight UTC) as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The earliest date accepted: evaluation years start at 1990 (the evaluation form's year field). */
export const MIN_DATE = "1990-01-01";
/** The latest date accepted: far enough for any plan, near enough that month series stay small. */
export const MAX_DATE = "2100-12-31";

export type DateCheck = "ok" | "format" | "calendar" | "range";

/** YYYY-MM-DD, with the year, month and day captured. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Checks a YYYY-MM-DD string: "format" when it is not one, "calendar" when the day does not
 * exist (2026-02-30, 0000-01-01's month 00…), "range" when outside MIN_DATE..MAX_DATE.
 */
export function checkDate(value: string): DateCheck {
  const m = ISO_DATE.exec(value);
  if (!m) return "format";
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "calendar";
  if (value < MIN_DATE || value > MAX_DATE) return "range";
  return "ok";
}

/** A real calendar date inside the accepted range. */
export function isAcceptedDate(value: string): boolean {
  return checkDate(value) === "ok";
}

/** A stored YYYY-MM-DD brought into the range (for reading data saved before the range existed). */
export function clampDate(value: string): string {
  if (!ISO_DATE.test(value)) return value < MIN_DATE ? MIN_DATE : MAX_DATE;
  return value < MIN_DATE ? MIN_DATE : value > MAX_DATE ? MAX_DATE : value;
}

/** "2026-11" or "2026-11-23" → months since year 0 (year × 12 + month − 1). */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** The inverse of monthIndex: → "YYYY-MM". */
export function monthOfIndex(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The last day of the month with the given index, as YYYY-MM-DD. */
export function lastDayOfMonthIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${monthOfIndex(index)}-${String(daysInMonth(year, month)).padStart(2, "0")}`;
}
