import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, multiLine, singleLine } from "./fields.ts";

/** The longest cover text (sammanfattning till nämnden), in characters. */
export const COVER_TEXT_MAX = 5000;

const coverText = z
  .string({ error: t.councilReport.coverError })
  .trim()
  .max(COVER_TEXT_MAX, { error: t.councilReport.coverError })
  .default("")
  .refine(multiLine, controlCharacters);

/** Saving a follow-up report: its title and, optionally, the cover text to the council. */
export const saveReportSchema = z.object({
  title: z.string({ error: t.report.errors.title }).trim().min(1, { error: t.report.errors.title }).max(120, { error: t.report.errors.title }).refine(singleLine, controlCharacters),
  coverText,
});

/** Changing a saved report's cover text (the figures stay as saved). */
export const coverTextSchema = z.object({ coverText });
