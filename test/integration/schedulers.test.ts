import { afterAll, describe, expect, it } from "vitest";
import { createQueue, QUEUES, type QueueBackendConfig } from "../../jobs/queues.ts";
import { ensureSchedulers, schedulerSpecs } from "../../jobs/schedulers.ts";

/**
 * Several workers start at once (a deployment, `npm start` next to `npm run worker`): each
 * upserts the same schedulers at the same moment, and none may fail to start because of it.
 */
const backends: Array<[string, (prefix: string) => QueueBackendConfig]> = [
  ["PostgreSQL", (prefix) => ({ databaseUrl: process.env.DATABASE_URL!, prefix })],
];
if (process.env.REDIS_URL) {
  backends.push(["Redis", (prefix) => ({ databaseUrl: process.env.DATABASE_URL!, redisUrl: process.env.REDIS_URL, prefix })]);
}

const opened: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(opened.map((q) => q.close()));
});

describe.each(backends)("schedulers on %s", (_name, configFor) => {
  it("are set up by eight workers starting at the same moment, each scheduler once", async () => {
    const config = configFor(`sched_${Date.now()}`);
    const specs = schedulerSpecs({ reminderEveryMs: 300_000, sweepEveryMs: 60_000 });
    const workers = Array.from({ length: 8 }, () => {
      const queues = [createQueue(QUEUES.maintenance, config), createQueue(QUEUES.reminders, config)];
      opened.push(...queues);
      return queues;
    });
    const results = await Promise.allSettled(workers.map((queues) => ensureSchedulers(queues, specs, { force: true })));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const [maintenance, reminders] = workers[0]!;
    const keys = [...(await maintenance!.getJobSchedulers()), ...(await reminders!.getJobSchedulers())].map((s) => s.key).sort();
    expect(keys).toEqual(specs.map((s) => s.id).sort());
  });
});
