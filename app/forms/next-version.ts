import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { uuid } from "./correspondence.ts";

/** The version the coordinator chose for the next evaluation ("" → the default). */
export const nextVersionSchema = z.object({
  nextFrameworkVersionId: z
    .string({ error: t.correspondence.versionError })
    .trim()
    .refine((s) => s === "" || uuid.test(s), { error: t.correspondence.versionError })
    .transform((s) => (s === "" ? null : s.toLowerCase())),
});
