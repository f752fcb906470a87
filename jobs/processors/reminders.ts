import type { Job } from "bullmq";
import { saveDueSnapshots } from "~/workflows/new-round.server.ts";
import { runReminderTick } from "~/workflows/reminders.server.ts";

export const REMINDER_JOBS = { tick: "reminders-tick" } as const;

/**
 * Thin processor: the policy decides what is due; identities make a repeated run harmless. The
 * same tick saves the readiness projection of municipalities whose planned evaluation date has
 * come (once per municipality and date, ADR 0037).
 */
export function remindersProcessor(enqueueMails: (mailIds: string[]) => Promise<unknown>) {
  return async (job: Job<{ at?: string; municipalityId?: string }>) => {
    const now = job.data?.at ? new Date(job.data.at) : new Date();
    const reminders = await runReminderTick(now, enqueueMails, job.data?.municipalityId);
    const { saved } = await saveDueSnapshots(now, job.data?.municipalityId);
    return { ...reminders, snapshots: saved };
  };
}
