import type { Job } from "bullmq";
import { deliverStoredMail, type Deliver } from "~/models/mail.server.ts";
import type { MailJobData } from "../contracts.ts";

/** Thin processor: the model decides (at most once, row-locked); the transport sends. */
export function deliverMailProcessor(deliver: Deliver) {
  return async (job: Job<MailJobData>) => deliverStoredMail(job.data.mailId, deliver);
}
