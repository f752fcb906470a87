import type { Job } from "bullmq";
import { runReminderTick } from "~/workflows/reminders.server.ts";

export const REMINDER_JOBS = { tick: "reminders-tick" } as const;

/** Thin processor: the policy decides what is due; identities make a repeated run harmless. */
export function remindersProcessor(enqueueMails: (mailIds: string[]) => Promise<unknown>) {
  return async (job: Job<{ at?: string; municipalityId?: string }>) => {
    const now = job.data?.at ? new Date(job.data.at) : new Date();
    return runReminderTick(now, enqueueMails, job.data?.municipalityId);
  };
}
