import { z } from "zod";
import { t } from "~/i18n/sv.ts";

/** The choice between the default likelihood weights and the municipality's own (Inför utvärdering). */
export const likelihoodWeightsSchema = z.object({
  intent: z.literal("weights"),
  weights: z.enum(["default", "own"], { message: t.outcome.weightsInvalid }),
});
