/** Swedish formatting; dates always in the product's time zone (Europe/Stockholm). */
import { TIME_ZONE } from "~/domain/dates.ts";

const pointsFormat = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat("sv-SE", { dateStyle: "long", timeZone: TIME_ZONE });
const isoDateFormat = new Intl.DateTimeFormat("sv-SE", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  timeZone: TIME_ZONE,
});

/** 4.5 → "4,5" (decimal comma, as the reports print points). */
export function formatPoints(value: number): string {
  return pointsFormat.format(value).replace("\u2212", "-");
}

export function formatSignedPoints(value: number): string {
  return value > 0 ? `+${formatPoints(value)}` : formatPoints(value);
}

/**
 * Formatting never throws: a date that cannot be read (a report snapshot saved with a month
 * like "99985-01" before dates had a range) is shown as it was stored, so the page still renders.
 */
function safely(format: Intl.DateTimeFormat, date: Date, fallback: string): string {
  return Number.isNaN(date.getTime()) ? fallback : format.format(date);
}

/** A calendar date stored as a DATE column (midnight UTC) or an ISO string. */
export function formatDate(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return safely(dateFormat, date, String(value));
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
