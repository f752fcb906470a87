import type { Queue } from "bullmq";
import { createQueue, QUEUES } from "../../jobs/queues.ts";
import { getEnv } from "./env.server.ts";

/** The web process's side of the queues: it only adds jobs; the worker process runs them. */

let mailQueue: Queue<{ mailId: string }> | undefined;

export function queueConfig() {
  const env = getEnv();
  return { redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: process.env.QUEUE_PREFIX };
}

/**
 * Asks the worker to deliver a stored mail. If the queue is unreachable the mail stays
 * PENDING in PostgreSQL and the worker's sweep picks it up, so nothing is lost.
 */
export async function enqueueMailDelivery(mailId: string): Promise<boolean> {
  try {
    mailQueue ??= createQueue<{ mailId: string }>(QUEUES.mail, queueConfig());
    await mailQueue.add("deliver", { mailId }, { jobId: `mail-${mailId}` });
    return true;
  } catch (error) {
    console.error("Could not enqueue mail delivery; the sweep will retry", error);
    return false;
  }
}
