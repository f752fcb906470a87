import { z } from "zod";
import { t } from "~/i18n/sv.ts";

/** Erasing a person's data: the box that says the erasure cannot be undone must be ticked. */
export const erasePersonSchema = z.object({
  confirm: z.literal("ja", { error: t.personalData.confirmRequired }),
});
