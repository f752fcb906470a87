import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, singleLine } from "./fields.ts";

/** The list of committees and departments (issue #14, item 5): add, rename, remove. */

const e = t.committees.errors;
export const COMMITTEE_NAME_MAX = 120;

const name = z
  .string({ error: e.name })
  .trim()
  .min(1, { error: e.name })
  .max(COMMITTEE_NAME_MAX, { error: e.name })
  .refine(singleLine, controlCharacters)
  // Runs of spaces inside the name count as one, so "Social  nämnden" is not a second entry.
  .transform((s) => s.replace(/\s+/g, " "));

const id = z.uuid({ error: e.gone });

export const committeeSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), name }),
    z.object({ intent: z.literal("rename"), id, name }),
    z.object({ intent: z.literal("delete"), id }),
  ],
  { error: t.errors.fixErrors },
);

export type CommitteeForm = z.infer<typeof committeeSchema>;
