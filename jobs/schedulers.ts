import type { Queue } from "bullmq";
import { MAINTENANCE_JOBS } from "./processors/maintenance.ts";
import { REMINDER_JOBS } from "./processors/reminders.ts";
import { QUEUES, type QueueName } from "./queues.ts";
import { TIME_ZONE } from "~/domain/dates.ts";

/**
 * The recurring jobs the worker keeps in the queues (BullMQ job schedulers), in one place for
 * the worker, which creates them, and the operations page, which shows whether they exist.
 */

export interface SchedulerSpec {
  queue: QueueName;
  id: string;
  repeat: { every: number } | { pattern: string; tz: string };
}

export function schedulerSpecs({ reminderEveryMs, sweepEveryMs }: { reminderEveryMs: number; sweepEveryMs: number }): SchedulerSpec[] {
  return [
    { queue: QUEUES.maintenance, id: MAINTENANCE_JOBS.purgeSessions, repeat: { pattern: "0 3 * * *", tz: TIME_ZONE } },
    { queue: QUEUES.maintenance, id: MAINTENANCE_JOBS.sweepMail, repeat: { every: sweepEveryMs } },
    { queue: QUEUES.reminders, id: REMINDER_JOBS.tick, repeat: { every: reminderEveryMs } },
  ];
}

/** Which scheduler belongs in which queue (what Drift expects to find). */
export const SCHEDULED_JOBS = schedulerSpecs({ reminderEveryMs: 1, sweepEveryMs: 1 }).map(({ queue, id }) => ({ queue, id }));

/**
 * Creates the schedulers that are missing (or, with `force`, upserts all of them, so a changed
 * interval takes effect). Returns the ids it created or updated. Safe to run by any number of
 * workers at once: an upsert with the same id is idempotent, and a race with another worker's
 * upsert of the same scheduler counts as done.
 */
export async function ensureSchedulers(queues: Queue[], specs: SchedulerSpec[], { force = false } = {}): Promise<string[]> {
  const done: string[] = [];
  for (const spec of specs) {
    const queue = queues.find((q) => q.name === spec.queue);
    if (!queue) throw new Error(`No queue ${spec.queue} for scheduler ${spec.id}`);
    if (!force && (await queue.getJobScheduler(spec.id))) continue;
    try {
      await queue.upsertJobScheduler(spec.id, spec.repeat, { name: spec.id });
    } catch (error) {
      // Another worker upserted the same scheduler at the same moment and its first run's job
      // took the id (BullMQ's PostgreSQL backend refuses the second one). The scheduler exists,
      // which is all this asks for; anything else is a real failure.
      if (!isTakenIteration(error) || !(await queue.getJobScheduler(spec.id))) throw error;
      continue;
    }
    done.push(spec.id);
  }
  return done;
}

function isTakenIteration(error: unknown): boolean {
  return error instanceof Error && error.message.includes("job ID already exists");
}
