import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { optionalDate, optionalPoints } from "./fields.ts";

/** The planned date of the next evaluation and the optional target total (out of 800). */
export const evaluationTargetSchema = z.object({
  nextEvaluationDate: optionalDate(t.readiness.errors.date),
  targetTotal: optionalPoints(t.readiness.errors.target, 0, 800),
});
