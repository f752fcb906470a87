import { createPostgresBackend, Queue, Worker, type JobsOptions, type Processor } from "bullmq";
import { Redis } from "ioredis";
import { enqueueMail, mailJobId, type MailQueue } from "./contracts.ts";
import { getEnv } from "~/platform/env.server.ts";

/**
 * Queue names, default job options and the backend choice, shared by the web process
 * (producer) and the worker process. With REDIS_URL set the queues run on Redis; without it
 * (the embedded default) they run on BullMQ's PostgreSQL backend in the app's own database.
 */

export const QUEUES = {
  mail: "mail",
  maintenance: "maintenance",
  reminders: "reminders",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
};

/**
 * Hands a PENDING mail to the mail queue again (the sweep). BullMQ ignores `add` with the id of
 * a job that still exists, so a job that is finished although its mail is still PENDING (its
 * retries ran out during an SMTP outage, or it found the row locked) is retried, with its
 * attempts reset, once it has been finished for `retryFinishedAfterMs`. A job still waiting,
 * delayed or active is left alone. Delivery locks the row and skips mail already sent, so a
 * retry never sends a mail twice.
 */
export async function requeueMail(
  queue: MailQueue,
  mailId: string,
  retryFinishedAfterMs = 0,
  now = Date.now(),
): Promise<"added" | "retried" | "queued"> {
  const jobId = mailJobId(mailId);
  const job = await queue.getJob(jobId);
  if (job) {
    const state = await job.getState();
    if (state === "failed" || state === "completed") {
      if (job.finishedOn && now - job.finishedOn < retryFinishedAfterMs) return "queued";
      try {
        await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
        return "retried";
      } catch {
        // Moved or removed in between (another worker's sweep, removeOnFail): add below.
      }
    } else if (state !== "unknown") {
      return "queued";
    }
  }
  await enqueueMail(queue, mailId);
  return "added";
}

export interface QueueBackendConfig {
  redisUrl?: string | undefined;
  databaseUrl: string;
  /** Prefix (Redis) or schema (PostgreSQL) that namespaces the queues, e.g. per test run. */
  prefix?: string | undefined;
}

export function backendKind(config: QueueBackendConfig): "redis" | "postgres" {
  return config.redisUrl ? "redis" : "postgres";
}

function postgresConnection(config: QueueBackendConfig) {
  // migrate: BullMQ creates and upgrades its own tables in that schema on first connect.
  return { connectionString: config.databaseUrl, schema: config.prefix ?? "bullmq", max: 5, migrate: true };
}

/**
 * Who holds a connection. The worker waits for Redis as long as it takes (BullMQ requires
 * `maxRetriesPerRequest: null` for its blocking commands). A producer (the web process) must
 * not: with Redis down a command fails at once instead of waiting in ioredis' offline queue,
 * so a request answers and the mail stays PENDING in PostgreSQL for the worker's sweep. It
 * still reconnects by itself in the background.
 */
export type ConnectionRole = "worker" | "producer";

/** How long a producer waits for Redis to accept a connection before a command fails. */
export const PRODUCER_CONNECT_TIMEOUT_MS = 2_000;

function redisConnection(config: QueueBackendConfig, role: ConnectionRole = "worker") {
  if (role === "producer") {
    return new Redis(config.redisUrl!, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: PRODUCER_CONNECT_TIMEOUT_MS,
    });
  }
  return new Redis(config.redisUrl!, { maxRetriesPerRequest: null });
}

export function createQueue<T = unknown>(name: QueueName, config: QueueBackendConfig, role: ConnectionRole = "worker"): Queue<T> {
  const opts = { defaultJobOptions };
  if (backendKind(config) === "postgres") {
    return new Queue(name, { ...opts, connection: postgresConnection(config) }, createPostgresBackend) as unknown as Queue<T>;
  }
  const connection = redisConnection(config, role);
  return closingWith(new Queue<T>(name, { ...opts, connection, prefix: config.prefix ?? "bull" }), connection);
}

/**
 * BullMQ leaves open a Redis connection it was handed when the queue or worker closes (it may be
 * shared); the ones made here belong to that queue or worker alone, so they are ended with it.
 * Without this a process that closes its queues and does not exit (the bench) stayed alive.
 */
function closingWith<T extends { close(...args: never[]): Promise<void> }>(owner: T, connection: Redis): T {
  const close = owner.close.bind(owner) as (...args: unknown[]) => Promise<void>;
  owner.close = (async (...args: unknown[]) => {
    try {
      await close(...args);
    } finally {
      connection.disconnect();
    }
  }) as T["close"];
  return owner;
}

export function createWorker<T = unknown>(
  name: QueueName,
  processor: Processor<T>,
  config: QueueBackendConfig,
  concurrency = 4,
): Worker<T> {
  // A job whose worker died is picked up again after this long (BullMQ's stalled-job check).
  const stalledInterval = getEnv().WORKER_STALLED_MS;
  if (backendKind(config) === "postgres") {
    return new Worker(
      name,
      processor as Processor,
      { concurrency, stalledInterval, connection: postgresConnection(config) },
      createPostgresBackend,
    ) as unknown as Worker<T>;
  }
  const connection = redisConnection(config);
  return closingWith(
    new Worker<T>(name, processor, {
      concurrency,
      stalledInterval,
      connection,
      prefix: config.prefix ?? "bull",
    }),
    connection,
  );
}
