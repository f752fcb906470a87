import type { JobsOptions, Queue } from "bullmq";

/**
 * The mail job's contract, shared by the producer (the web process, the CLI), the worker and
 * the tests: its name, its payload, and its id (one job per stored mail, whoever adds it).
 */

export const MAIL_JOB = "deliver";

export interface MailJobData {
  mailId: string;
}

export type MailQueue = Queue<MailJobData>;

/** The job id under which a stored mail is queued: one job per mail, whoever adds it. */
export function mailJobId(mailId: string) {
  return `mail-${mailId}`;
}

/** How many mail jobs one call to Redis adds: a reminder run hands thousands on in a few calls. */
const MAIL_BATCH = 500;

/** Asks the worker to deliver stored mails, in batches (a second add of the same mail is ignored by BullMQ). */
export async function enqueueMails(queue: MailQueue, mailIds: readonly string[], options: Omit<JobsOptions, "jobId"> = {}) {
  for (let i = 0; i < mailIds.length; i += MAIL_BATCH) {
    await queue.addBulk(
      mailIds.slice(i, i + MAIL_BATCH).map((mailId) => ({ name: MAIL_JOB, data: { mailId }, opts: { ...options, jobId: mailJobId(mailId) } })),
    );
  }
}

/** Asks the worker to deliver a stored mail (a second add of the same mail is ignored by BullMQ). */
export function enqueueMail(queue: MailQueue, mailId: string, options: Omit<JobsOptions, "jobId"> = {}) {
  return queue.add(MAIL_JOB, { mailId }, { ...options, jobId: mailJobId(mailId) });
}
