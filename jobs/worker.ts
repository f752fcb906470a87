import type { Queue, Worker } from "bullmq";
import type { Deliver } from "~/models/mail.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { getEnv } from "~/platform/env.server.ts";
import { createDeliver } from "~/platform/mailer.server.ts";
import { deliverMailProcessor } from "./processors/deliver-mail.ts";
import { maintenanceProcessor, STALE_MAIL_MS } from "./processors/maintenance.ts";
import { remindersProcessor } from "./processors/reminders.ts";
import { ensureSchedulers, schedulerSpecs, type SchedulerSpec } from "./schedulers.ts";
import { enqueueMails, type MailJobData } from "./contracts.ts";
import { backendKind, createQueue, createWorker, QUEUES, requeueMail, type QueueBackendConfig } from "./queues.ts";

/**
 * The worker process (`npm run worker`): runs the queues' jobs, upserts the recurring
 * schedulers at boot, puts them back whenever the queue store has lost them (checked on every
 * (re)connect and periodically), and shuts down cleanly on SIGTERM. Holds no state of its own:
 * any number of workers can run against the same PostgreSQL and Redis.
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
    schedulerCheckMs = 60_000,
  }: {
    deliver?: Deliver;
    reminderEveryMs?: number;
    /** How often the mail sweep runs, and how old a PENDING mail must be before it hands it on. */
    sweepEveryMs?: number;
    staleMailMs?: number;
    /** How often the worker checks that its schedulers still exist (also on every reconnect). */
    schedulerCheckMs?: number;
  } = {},
): Promise<RunningWorker> {
  const mailQueue = createQueue<MailJobData>(QUEUES.mail, config);
  const maintenanceQueue = createQueue(QUEUES.maintenance, config);
  const remindersQueue = createQueue(QUEUES.reminders, config);

  const workers = [
    createWorker(QUEUES.mail, deliverMailProcessor(deliver), config),
    createWorker(
      QUEUES.maintenance,
      maintenanceProcessor((mailId) => requeueMail(mailQueue, mailId, staleMailMs), staleMailMs),
      config,
      1,
    ),
    createWorker(QUEUES.reminders, remindersProcessor((mailIds) => enqueueMails(mailQueue, mailIds)), config, 1),
  ];
  for (const worker of workers) {
    worker.on("failed", (job, error) => console.error(`[worker] ${worker.name}/${job?.name} failed: ${error.message}`));
    worker.on("error", (error) => console.error(`[worker] ${worker.name}: ${error.message}`));
  }

  const queues = [mailQueue, maintenanceQueue, remindersQueue] as Queue[];
  for (const queue of queues) queue.on("error", (error) => console.error(`[worker] queue ${queue.name}: ${error.message}`));
  const specs = schedulerSpecs({ reminderEveryMs, sweepEveryMs });
  await ensureSchedulers(queues, specs, { force: true });
  const keeper = keepSchedulers(queues, specs, schedulerCheckMs);

  return {
    workers: workers as Worker[],
    queues,
    async close() {
      await keeper.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}

/**
 * Puts the schedulers back when the queue store has lost them: Redis restarted empty or
 * flushed, or a scheduler removed by hand. Without this the mail sweep, the reminder run and
 * the session purge would stop silently until the worker was restarted. Checks on every
 * 'ready' of a queue's connection (a Redis reconnect) and every `everyMs` (a FLUSHALL keeps
 * the connection; the PostgreSQL backend has no reconnect event), one check at a time.
 */
function keepSchedulers(queues: Queue[], specs: SchedulerSpec[], everyMs: number) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const check = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const recreated = await ensureSchedulers(queues, specs);
          if (recreated.length > 0) console.warn(`[worker] schedulers were missing and are back: ${recreated.join(", ")}`);
        } catch (error) {
          console.error(`[worker] could not check the schedulers: ${error instanceof Error ? error.message : String(error)}`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  const onReady = () => void check();
  for (const queue of queues) queue.getBackend().on("ready", onReady);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      // A check waiting for an unreachable Redis must not hold up the shutdown.
      if (running) await Promise.race([running, new Promise((r) => setTimeout(r, 5_000).unref())]);
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = getEnv();
  const config = { redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: env.QUEUE_PREFIX };
  const running = await startWorker(config, {
    reminderEveryMs: env.REMINDER_EVERY_MS,
    sweepEveryMs: env.MAIL_SWEEP_EVERY_MS,
    staleMailMs: env.MAIL_STALE_MS ?? STALE_MAIL_MS,
    schedulerCheckMs: env.SCHEDULER_CHECK_MS,
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
