import type { Job } from "bullmq";
import { deliverStoredMail, type Deliver } from "~/models/mail.server.ts";

/** Thin processor: the model decides (at most once, row-locked); the transport sends. */
export function deliverMailProcessor(deliver: Deliver) {
  return async (job: Job<{ mailId: string }>) => deliverStoredMail(job.data.mailId, deliver);
}
