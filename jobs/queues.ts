import { createPostgresBackend, Queue, Worker, type JobsOptions, type Processor } from "bullmq";
import { Redis } from "ioredis";

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

function redisConnection(config: QueueBackendConfig) {
  return new Redis(config.redisUrl!, { maxRetriesPerRequest: null });
}

export function createQueue<T = unknown>(name: QueueName, config: QueueBackendConfig): Queue<T> {
  const opts = { defaultJobOptions };
  if (backendKind(config) === "postgres") {
    return new Queue(name, { ...opts, connection: postgresConnection(config) }, createPostgresBackend) as unknown as Queue<T>;
  }
  return new Queue<T>(name, { ...opts, connection: redisConnection(config), prefix: config.prefix ?? "bull" });
}

export function createWorker<T = unknown>(
  name: QueueName,
  processor: Processor<T>,
  config: QueueBackendConfig,
  concurrency = 4,
): Worker<T> {
  // A job whose worker died is picked up again after this long (BullMQ's stalled-job check).
  const stalledInterval = Number(process.env.WORKER_STALLED_MS ?? 30_000);
  if (backendKind(config) === "postgres") {
    return new Worker(
      name,
      processor as Processor,
      { concurrency, stalledInterval, connection: postgresConnection(config) },
      createPostgresBackend,
    ) as unknown as Worker<T>;
  }
  return new Worker<T>(name, processor, {
    concurrency,
    stalledInterval,
    connection: redisConnection(config),
    prefix: config.prefix ?? "bull",
  });
}
