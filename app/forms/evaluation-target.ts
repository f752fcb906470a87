import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { optionalPlannedDate, optionalPoints } from "./fields.ts";

/**
 * The planned date of the next evaluation (not in the past: `today` in Stockholm; the date
 * already stored, `kept`, stays accepted) and the optional target total (out of 800).
 */
export const evaluationTargetSchema = (today: string, kept: string | null) =>
  z.object({
    nextEvaluationDate: optionalPlannedDate(t.readiness.errors.date, t.readiness.errors.pastDate, today, kept),
    targetTotal: optionalPoints(t.readiness.errors.target, 0, 800),
  });
