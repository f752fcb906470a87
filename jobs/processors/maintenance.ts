import type { Job } from "bullmq";
import { listStalePendingMail } from "~/models/mail.server.ts";
import { purgeExpired } from "~/models/session.server.ts";

export const MAINTENANCE_JOBS = {
  purgeSessions: "purge-expired-sessions",
  sweepMail: "sweep-pending-mail",
} as const;

/**
 * A mail still PENDING this long after it was stored is handed to the queue again; a job of
 * such a mail that failed for good is retried when it has been failed this long.
 */
export const STALE_MAIL_MS = 2 * 60 * 1000;

/** `requeueMail` hands a stale mail on again, also when its earlier job failed for good. */
export function maintenanceProcessor(requeueMail: (mailId: string) => Promise<unknown>, staleMailMs = STALE_MAIL_MS) {
  return async (job: Job) => {
    if (job.name === MAINTENANCE_JOBS.purgeSessions) return purgeExpired();
    if (job.name === MAINTENANCE_JOBS.sweepMail) {
      const ids = await listStalePendingMail(staleMailMs);
      for (const id of ids) await requeueMail(id);
      return { requeued: ids.length };
    }
    throw new Error(`Unknown maintenance job ${job.name}`);
  };
}
