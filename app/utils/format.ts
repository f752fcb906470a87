/** Swedish formatting; dates always in the product's time zone (Europe/Stockholm). */
import { TIME_ZONE } from "~/domain/dates.ts";
import { t } from "~/i18n/sv.ts";

const pointsFormat = new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 0, maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat("sv-SE", { dateStyle: "long", timeZone: TIME_ZONE });
const isoDateFormat = new Intl.DateTimeFormat("sv-SE", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  timeZone: TIME_ZONE,
});

/**
 * `write` with its answers remembered: the formatters below write the same few values hundreds
 * of times a page, and Intl's formatting costs microseconds each (ADR 0046). The memory is
 * emptied when it holds 5,000 answers, so it stays small whatever it is asked.
 */
function remembered<K, V>(write: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= 5_000) answers.clear();
      answer = write(key);
      answers.set(key, answer);
    }
    return answer;
  };
}

/** The Unicode minus sign (U+2212) that every negative number people read is written with. */
export const MINUS = "\u2212";

/**
 * A points value rounded to one decimal, half away from zero, in whole tenths: computed in
 * integer hundredths first (points are kept in hundredths), so 634.35 is 634.4 and not
 * 634.3 from the binary 634.349999….
 */
export function tenthsOf(value: number): number {
  const hundredths = Math.round(Math.abs(value) * 100);
  const tenths = Math.floor((hundredths + 5) / 10);
  return value < 0 && tenths !== 0 ? -tenths : tenths;
}

/**
 * 4.5 → "4,5", 634.35 → "634,4", 12 → "12", −15.65 → "−15,7": at most one decimal, a decimal
 * comma, a real minus sign (U+2212), never "−0". The one place points are written for people
 * (pages, PDF, the Excel display formats below); the data keeps the exact value.
 */
export function formatPoints(value: number): string {
  const tenths = tenthsOf(value);
  const text = writtenTenths(Math.abs(tenths));
  return tenths < 0 ? `${MINUS}${text}` : text;
}

/** Points written, by whole tenths: a page writes the same few values hundreds of times (ADR 0046). */
const writtenTenths = remembered((tenths: number) => pointsFormat.format(tenths / 10));

/** A change: "+3,5", "−2", "0" (no sign on nothing). */
export function formatSignedPoints(value: number): string {
  const tenths = tenthsOf(value);
  return tenths > 0 ? `+${formatPoints(value)}` : formatPoints(value);
}

/** Where a figure stands against a target, in words: "16 poäng under målet", "3,5 poäng över målet", "på målet". */
export function formatAgainstTarget(value: number, target: number): string {
  const gap = tenthsOf(value) - tenthsOf(target);
  if (gap === 0) return t.numbers.onTarget;
  const points = formatPoints(Math.abs(gap) / 10);
  return gap > 0 ? t.numbers.aboveTarget(points) : t.numbers.belowTarget(points);
}

/**
 * The Excel number format for one points cell: the cell keeps the exact value, the reader sees
 * what formatPoints writes: a whole number without decimals, otherwise one decimal, and a real
 * minus sign (Excel's own is a hyphen). Chosen per cell, because one format cannot drop the
 * decimal separator on whole numbers only ("0.#" shows "12,").
 */
export function pointsNumberFormat(value: number, options: { signed?: boolean } = {}): string {
  const whole = tenthsOf(value) % 10 === 0;
  const body = whole ? "0" : "0.0";
  return `${options.signed ? '"+"' : ""}${body};"${MINUS}"${body};0`;
}

/**
 * Formatting never throws: a date that cannot be read (a report snapshot saved with a month
 * like "99985-01" before dates had a range) is shown as it was stored, so the page still renders.
 */
function safely(format: Intl.DateTimeFormat, date: Date, fallback: string): string {
  return Number.isNaN(date.getTime()) ? fallback : format.format(date);
}

const writtenDates = remembered((text: string) => safely(dateFormat, new Date(text), text));

/**
 * A calendar date stored as a DATE column (midnight UTC) or an ISO string. Dates given as text
 * are remembered (a plan writes the same few hundred deadlines on every page; the time-zone
 * formatting costs microseconds each).
 */
export function formatDate(value: Date | string): string {
  return typeof value === "string" ? writtenDates(value) : safely(dateFormat, value, String(value));
}

export function formatIsoDate(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return safely(isoDateFormat, date, String(value));
}

const dateTimeFormat = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeStyle: "short", timeZone: TIME_ZONE });

/** An instant as "2026-11-26 15:04", Stockholm time. */
export function formatDateTime(value: Date | string): string {
  return dateTimeFormat.format(typeof value === "string" ? new Date(value) : value);
}

const timeFormat = new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });

/** An instant written out as the rest of the product writes dates: "3 december 2026 14:05", Stockholm time. */
export function formatWrittenDateTime(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? String(value) : `${dateFormat.format(date)} ${timeFormat.format(date)}`;
}

const monthFormat = new Intl.DateTimeFormat("sv-SE", { month: "short", year: "numeric", timeZone: "UTC" });

/** "2026-11" → "nov. 2026". */
export function formatMonth(month: string): string {
  return safely(monthFormat, new Date(`${month}-01T00:00:00Z`), month);
}
