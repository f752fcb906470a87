import { z } from "zod";
import { STATUS_NOTE_MAX, STATUS_NOTE_MIN } from "~/domain/actions/status-note.ts";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, multiLine } from "./fields.ts";

/** The action page's status text form (lägesbeskrivning): one bounded text. */
export const statusNoteSchema = z.object({
  intent: z.literal("status-note"),
  text: z
    .string({ error: t.councilReport.statusError })
    .trim()
    .min(STATUS_NOTE_MIN, { error: t.councilReport.statusError })
    .max(STATUS_NOTE_MAX, { error: t.councilReport.statusError })
    .refine(multiLine, controlCharacters),
});
