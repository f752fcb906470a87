import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, singleLine } from "./fields.ts";

/** Saving a follow-up report: only its title is asked for. */
export const saveReportSchema = z.object({
  title: z.string({ error: t.report.errors.title }).trim().min(1, { error: t.report.errors.title }).max(120, { error: t.report.errors.title }).refine(singleLine, controlCharacters),
});
