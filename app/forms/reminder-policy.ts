import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { optionalDate } from "./fields.ts";

const e = t.policy.errors;
const days = z.coerce.number({ error: e.days }).int({ error: e.days }).min(1, { error: e.days }).max(365, { error: e.days });

export const reminderPolicySchema = z.object({
  daysBefore: z
    .string({ error: e.daysBefore })
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean).map(Number))
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
  digestWeekday: z.coerce.number({ error: e.weekday }).int().min(1, { error: e.weekday }).max(7, { error: e.weekday }),
  nextEvaluationDate: optionalDate(e.date),
});
