import { z } from "zod";
import { checkDate, MAX_DATE, MIN_DATE } from "~/domain/dates.ts";
import { t } from "~/i18n/sv.ts";

/**
 * Field types and checks shared by several forms. The limits are recorded in
 * docs/decisions/0008-input-limits.md ("Dates and numbers").
 */

/** Control characters (NUL and the like): never allowed in a one-line field. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** In multi-line text, line breaks and tabs are allowed; other control characters are not. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** True when one-line text holds no control character. */
export const singleLine = (s: string) => !CONTROL.test(s);
/** True when multi-line text holds no control character other than line breaks and tabs. */
export const multiLine = (s: string) => !CONTROL_EXCEPT_LINES.test(s);
/** The error for both, to pass as `.refine(singleLine, controlCharacters)`. */
export const controlCharacters = { error: t.errors.controlCharacters } as const;

/**
 * A decimal number as people type it: digits with a decimal comma or point ("4,5", "4.5",
 * "612,5", "-1"), spaces as thousands separators allowed. Anything else — "0x10", "1e3",
 * "Infinity", "" — is null, where Number() would have read a value.
 */
export function parseDecimal(raw: string): number | null {
  const s = raw.replace(/[\s\u00A0\u202F]/g, "");
  if (!/^[-+\u2212]?\d{1,15}(?:[.,]\d{1,15})?$/.test(s)) return null;
  const n = Number(s.replace("\u2212", "-").replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

/** A whole number written in decimal digits ("16", "-3"); "0x10", "1e3", "16.0" are null. */
export function parseWholeNumber(raw: string): number | null {
  const s = raw.trim();
  if (!/^[-+]?\d{1,15}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** A whole number in [min, max], written in decimal digits. */
export const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string({ error: message })
    .transform((s) => parseWholeNumber(s))
    .refine((n): n is number => n !== null && n >= min && n <= max, { error: message })
    .transform((n) => n as number);

/** The Swedish error for a YYYY-MM-DD value, or null when it is a real date inside the range. */
export function dateError(value: string, formatMessage: string): string | null {
  switch (checkDate(value)) {
    case "ok":
      return null;
    case "calendar":
      return t.errors.dateNotInCalendar;
    case "range":
      return t.errors.dateOutOfRange(MIN_DATE, MAX_DATE);
    default:
      return formatMessage;
  }
}

/** A required date input (YYYY-MM-DD): a real calendar date within MIN_DATE..MAX_DATE. */
export const requiredDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .superRefine((s, ctx) => {
      const error = dateError(s, message);
      if (error) ctx.addIssue({ code: "custom", message: error });
    });

/** A date input (YYYY-MM-DD) that may be left empty (→ null); otherwise as requiredDate. */
export const optionalDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .default("")
    .superRefine((s, ctx) => {
      const error = s === "" ? null : dateError(s, message);
      if (error) ctx.addIssue({ code: "custom", message: error });
    })
    .transform((s) => (s === "" ? null : s));

/**
 * A planned date that may be left empty: as optionalDate, and not before `today` (YYYY-MM-DD in
 * Stockholm, passed by the server), unless it is the date already stored (`kept`), so that a
 * stored date that has since passed does not block saving the form's other fields.
 */
export const optionalPlannedDate = (message: string, pastMessage: string, today: string, kept: string | null) =>
  optionalDate(message).refine((date) => date === null || date >= today || date === kept, { error: pastMessage });

/** Points typed the Swedish way ("612,5") that may be left empty (→ null), within [min, max]. */
export const optionalPoints = (message: string, min: number, max: number) =>
  z
    .string({ error: message })
    .trim()
    .default("")
    .refine((s) => {
      if (s === "") return true;
      const n = parseDecimal(s);
      return n !== null && n >= min && n <= max;
    }, { error: message })
    .transform((s) => (s === "" ? null : (parseDecimal(s) as number)));
