import type { Queue } from "bullmq";
import { enqueueMails, type MailJobData, type MailQueue } from "../../jobs/contracts.ts";
import { backendKind, createQueue, PRODUCER_CONNECT_TIMEOUT_MS, QUEUES, type QueueName } from "../../jobs/queues.ts";
import { SCHEDULED_JOBS } from "../../jobs/schedulers.ts";
import { getEnv } from "./env.server.ts";

/**
 * The web process's side of the queues: it only adds jobs; the worker process runs them. Its
 * Redis connections are producer connections (jobs/queues.ts): with Redis down they fail fast
 * instead of holding a request.
 */

let mailQueue: MailQueue | undefined;

function producerQueue<T>(name: QueueName): Queue<T> {
  const queue = createQueue<T>(name, queueConfig(), "producer");
  // Without a listener BullMQ prints every failed reconnect with its stack.
  queue.on("error", (error) => console.error(`[queue] ${name}: ${error.message}`));
  return queue;
}

/**
 * BullMQ waits for a connection's first 'ready' without a limit (a web process started while
 * Redis is down), so adding a job is also bounded in time; a job added late is harmless
 * (one job id per mail, and delivery skips mail already sent).
 */
function withinConnectTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the queue did not answer in time")), PRODUCER_CONNECT_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function queueConfig() {
  const env = getEnv();
  return { redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: env.QUEUE_PREFIX };
}

/**
 * Asks the worker to deliver stored mails. If the queue is unreachable the mails stay
 * PENDING in PostgreSQL and the worker's sweep picks them up, so nothing is lost.
 */
export async function enqueueMailDeliveries(mailIds: readonly string[]): Promise<boolean> {
  if (mailIds.length === 0) return true;
  try {
    mailQueue ??= producerQueue<MailJobData>(QUEUES.mail);
    const adding = enqueueMails(mailQueue, mailIds);
    adding.catch(() => {}); // a late failure after the timeout below is already handled
    await withinConnectTimeout(adding);
    return true;
  } catch (error) {
    console.error("Could not enqueue mail delivery; the sweep will retry", error);
    return false;
  }
}

export function enqueueMailDelivery(mailId: string): Promise<boolean> {
  return enqueueMailDeliveries([mailId]);
}

const queues = new Map<QueueName, Queue>();
function queueFor(name: QueueName): Queue {
  let queue = queues.get(name);
  if (!queue) {
    queue = producerQueue(name);
    queues.set(name, queue);
  }
  return queue;
}

/**
 * Counts and failed jobs per queue, and whether each recurring job's scheduler exists (the
 * worker creates them and puts them back when the queue store lost them), for the operations page.
 */
export async function queueHealth() {
  const names = Object.values(QUEUES);
  return {
    backend: backendKind(queueConfig()),
    schedulers: await Promise.all(
      SCHEDULED_JOBS.map(async ({ queue, id }) => {
        const scheduler = await queueFor(queue).getJobScheduler(id);
        return { queue, id, present: Boolean(scheduler), next: scheduler?.next ? new Date(scheduler.next).toISOString() : null };
      }),
    ),
    queues: await Promise.all(
      names.map(async (name) => {
        const queue = queueFor(name);
        const counts = await queue.getJobCounts("waiting", "active", "delayed", "failed", "completed");
        const failed = await queue.getFailed(0, 49);
        return {
          name,
          counts,
          failed: failed.map((job) => ({
            id: job.id ?? "",
            name: job.name,
            reason: job.failedReason ?? "",
            attempts: job.attemptsMade,
            at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          })),
        };
      }),
    ),
  };
}

export async function retryFailedJob(name: string, jobId: string): Promise<boolean> {
  if (!(Object.values(QUEUES) as string[]).includes(name)) return false;
  const job = await queueFor(name as QueueName).getJob(jobId);
  if (!job || !(await job.isFailed())) return false;
  await job.retry("failed");
  return true;
}
