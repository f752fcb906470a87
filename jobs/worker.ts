import type { Queue, Worker } from "bullmq";
import type { Deliver } from "~/models/mail.server.ts";
import { getDb } from "~/services/db.server.ts";
import { getEnv } from "~/services/env.server.ts";
import { createDeliver } from "~/services/mailer.server.ts";
import { deliverMailProcessor } from "./processors/deliver-mail.ts";
import { maintenanceProcessor, STALE_MAIL_MS } from "./processors/maintenance.ts";
import { remindersProcessor } from "./processors/reminders.ts";
import { ensureSchedulers, schedulerSpecs } from "./schedulers.ts";
import { backendKind, createQueue, createWorker, QUEUES, type QueueBackendConfig } from "./queues.ts";

/**
 * The worker process (`npm run worker`): runs the queues' jobs, upserts the recurring
 * schedulers at boot and shuts down cleanly on SIGTERM. Holds no state of its own: any number
 * of workers can run against the same PostgreSQL and Redis.
 */

export interface RunningWorker {
  workers: Worker[];
  queues: Queue[];
  close(): Promise<void>;
}

export async function startWorker(
  config: QueueBackendConfig,
  {
    deliver = createDeliver(),
    reminderEveryMs = 5 * 60_000,
    sweepEveryMs = 60_000,
    staleMailMs = STALE_MAIL_MS,
  }: {
    deliver?: Deliver;
    reminderEveryMs?: number;
    /** How often the mail sweep runs, and how old a PENDING mail must be before it hands it on. */
    sweepEveryMs?: number;
    staleMailMs?: number;
  } = {},
): Promise<RunningWorker> {
  const mailQueue = createQueue<{ mailId: string }>(QUEUES.mail, config);
  const maintenanceQueue = createQueue(QUEUES.maintenance, config);
  const remindersQueue = createQueue(QUEUES.reminders, config);
  const enqueueMail = (mailId: string) => mailQueue.add("deliver", { mailId }, { jobId: `mail-${mailId}` });

  const workers = [
    createWorker(QUEUES.mail, deliverMailProcessor(deliver), config),
    createWorker(QUEUES.maintenance, maintenanceProcessor(enqueueMail, staleMailMs), config, 1),
    createWorker(QUEUES.reminders, remindersProcessor(enqueueMail), config, 1),
  ];
  for (const worker of workers) {
    worker.on("failed", (job, error) => console.error(`[worker] ${worker.name}/${job?.name} failed: ${error.message}`));
    worker.on("error", (error) => console.error(`[worker] ${worker.name}: ${error.message}`));
  }

  const queues = [mailQueue, maintenanceQueue, remindersQueue] as Queue[];
  await ensureSchedulers(queues, schedulerSpecs({ reminderEveryMs, sweepEveryMs }), { force: true });

  return {
    workers: workers as Worker[],
    queues,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = getEnv();
  const config = { redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: process.env.QUEUE_PREFIX };
  const running = await startWorker(config, {
    reminderEveryMs: Number(process.env.REMINDER_EVERY_MS ?? 5 * 60_000),
    sweepEveryMs: Number(process.env.MAIL_SWEEP_EVERY_MS ?? 60_000),
    staleMailMs: Number(process.env.MAIL_STALE_MS ?? STALE_MAIL_MS),
  });
  console.log(`Kompassplans bakgrundsjobb är igång (${backendKind(config) === "redis" ? "Redis" : "PostgreSQL"}).`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: avslutar pågående jobb …`);
    await running.close();
    await getDb().$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
