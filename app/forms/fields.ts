import { z } from "zod";

/** Field types shared by several forms. */

const isCalendarDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** A date input (YYYY-MM-DD) that may be left empty (→ null). */
export const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .default("")
    .refine((s) => s === "" || isCalendarDate(s), { error: message })
    .transform((s) => (s === "" ? null : s));

/** Points typed the Swedish way ("612,5") that may be left empty (→ null), within [min, max]. */
export const optionalPoints = (message: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .default("")
    .transform((s) => (s === "" ? null : Number(s.replace(/\s/g, "").replace(",", "."))))
    .refine((n) => n === null || (Number.isFinite(n) && n >= min && n <= max), { error: message });
