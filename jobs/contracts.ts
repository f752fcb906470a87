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

/** Asks the worker to deliver a stored mail (a second add of the same mail is ignored by BullMQ). */
export function enqueueMail(queue: MailQueue, mailId: string, options: Omit<JobsOptions, "jobId"> = {}) {
  return queue.add(MAIL_JOB, { mailId }, { ...options, jobId: mailJobId(mailId) });
}
