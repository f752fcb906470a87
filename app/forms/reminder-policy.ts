import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { optionalPlannedDate, parseWholeNumber, wholeNumber } from "./fields.ts";

const e = t.policy.errors;
const days = wholeNumber(e.days, 1, 365);

/** The reminder settings; the planned evaluation date as on Inför utvärdering (not in the past). */
export const reminderPolicySchema = (today: string, kept: string | null) =>
  z.object({
    daysBefore: z
      .string({ error: e.daysBefore })
      .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean).map((x) => parseWholeNumber(x) ?? Number.NaN))
      .refine((list) => list.length >= 1 && list.length <= 5 && list.every((n) => Number.isInteger(n) && n >= 1 && n <= 365), {
        error: e.daysBefore,
      })
      .transform((list) => [...new Set(list)].sort((a, b) => b - a)),
    onDeadlineDay: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    lateEveryDays: days,
    graceDays: days,
    secondLevelDays: days,
    silenceDays: days,
    digestWeekday: wholeNumber(e.weekday, 1, 7),
    nextEvaluationDate: optionalPlannedDate(e.date, t.readiness.errors.pastDate, today, kept),
  });
