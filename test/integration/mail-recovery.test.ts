import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { storeMail } from "~/models/mail.server.ts";
import { createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { freePort } from "~/cli/support/free-port.server.ts";
import { createDeliver } from "~/platform/mailer.server.ts";
import { MAINTENANCE_JOBS } from "../../jobs/processors/maintenance.ts";
import { REMINDER_JOBS } from "../../jobs/processors/reminders.ts";
import { createQueue, QUEUES, type QueueBackendConfig } from "../../jobs/queues.ts";
import { ensureSchedulers, schedulerSpecs } from "../../jobs/schedulers.ts";
import { startWorker, type RunningWorker } from "../../jobs/worker.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";
import { startThrowawayRedis } from "../helpers/redis.ts";
import { startSmtpSink } from "../helpers/smtp.ts";
import { expectNothingMoreWithin, waitFor } from "../helpers/wait.ts";
import { enqueueMail, mailJobId, type MailJobData } from "../../jobs/contracts.ts";

/**
 * Background mail must never stop silently: the worker's schedulers come back by themselves
 * when the queue store loses them (Redis restarted empty, flushed), a mail whose retries ran
 * out during an SMTP outage is delivered once SMTP is back, and Drift shows mail that waited
 * too long. Counts of delivered mail are exact: every mail arrives, none twice.
 */

const root = path.resolve(import.meta.dirname, "../..");
const redisServer = spawnSync("redis-server", ["--version"]).status === 0;
/** A worker that sweeps and checks its schedulers often, so the test sees recovery in seconds. */
const fast = { sweepEveryMs: 500, staleMailMs: 1_000, schedulerCheckMs: 1_000, reminderEveryMs: 3_600_000 };

const backends: Array<[string, QueueBackendConfig]> = [
  ["PostgreSQL", { databaseUrl: process.env.DATABASE_URL!, prefix: `rec_${Date.now()}` }],
];
if (process.env.REDIS_URL) {
  backends.push(["Redis", { databaseUrl: process.env.DATABASE_URL!, redisUrl: process.env.REDIS_URL, prefix: `kp-rec-${Date.now()}` }]);
}

/** Identities unique to this run, so a mail of an earlier run on the same database is never reused. */
const run = Date.now().toString(36);
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("aterhamtning");
});
afterAll(async () => {
  await getDb().mailMessage.updateMany({ where: { identity: { startsWith: "recovery:" }, status: "PENDING" }, data: { status: "CANCELLED" } });
});

async function dueMails(count: number, tag: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await storeMail({
        identity: `recovery:${run}:${tag}:${i}`,
        municipalityId: tenant.municipality.id,
        recipient: tenant.owner.email,
        subject: `${tag} ${i}`,
        text: "Påminnelse",
        html: "<p>Påminnelse</p>",
      }),
    );
  }
  return ids;
}

const sentCount = (ids: string[]) => getDb().mailMessage.count({ where: { id: { in: ids }, status: "SENT" } });

/** Asserts that each of the `count` mails tagged `tag` reached the SMTP server exactly once. */
async function expectEachOnce(smtp: Awaited<ReturnType<typeof startSmtpSink>>, tag: string, count: number) {
  await expectNothingMoreWithin(1_000, () => {
    const subjects = smtp.received.map((m) => m.subject).filter((s) => s.startsWith(`${tag} `));
    expect(subjects.sort()).toEqual(Array.from({ length: count }, (_, i) => `${tag} ${i}`).sort());
  });
}

async function schedulerKeys(worker: RunningWorker) {
  const keys: string[] = [];
  for (const queue of worker.queues) keys.push(...(await queue.getJobSchedulers()).map((s) => s.key));
  return keys.sort();
}
const allSchedulers = [MAINTENANCE_JOBS.purgeSessions, MAINTENANCE_JOBS.sweepMail, REMINDER_JOBS.tick].sort();

describe.each(backends)("on %s", (label, config) => {
  it("SMTP down past the retries: once SMTP is back every mail arrives exactly once, without restarting anything", async () => {
    const tag = `retries-${label}`;
    const smtp = await startSmtpSink({ closeTimeoutMs: 1_000 });
    await smtp.stop();
    const worker = await startWorker(config, { deliver: createDeliver(smtp.url, "noreply@test.se"), ...fast });
    const producer = createQueue<MailJobData>(QUEUES.mail, config);
    try {
      const ids = await dueMails(10, tag);
      // Two attempts each, quickly: the outage outlasts every attempt of every mail.
      for (const id of ids) {
        await enqueueMail(producer, id, { attempts: 2, backoff: { type: "fixed", delay: 100 } });
      }
      const exhausted = new Set<string>();
      await waitFor(async () => {
        for (const id of ids) if ((await producer.getJobState(mailJobId(id))) === "failed") exhausted.add(id);
        return exhausted.size === ids.length;
      });
      const rows = await getDb().mailMessage.findMany({ where: { id: { in: ids } } });
      expect(rows.every((r) => r.status === "PENDING" && r.attempts >= 2)).toBe(true);
      expect(smtp.received).toHaveLength(0);

      await smtp.start();
      await waitFor(async () => (await sentCount(ids)) === ids.length, 45_000);
      await expectEachOnce(smtp, tag, 10);
    } finally {
      await producer.close();
      await worker.close();
      await smtp.close();
    }
  }, 90_000);

  it("the schedulers are lost from the queue store: they come back by themselves and the sweep delivers mail that was never queued", async () => {
    const tag = `lost-${label}`;
    const smtp = await startSmtpSink({ closeTimeoutMs: 1_000 });
    const worker = await startWorker(config, { deliver: createDeliver(smtp.url, "noreply@test.se"), ...fast });
    try {
      expect(await schedulerKeys(worker)).toEqual(allSchedulers);
      // Another process (an operator's script, a wiped store) removes every scheduler.
      const maintenance = createQueue(QUEUES.maintenance, config);
      const reminders = createQueue(QUEUES.reminders, config);
      expect(await maintenance.removeJobScheduler(MAINTENANCE_JOBS.sweepMail)).toBe(true);
      expect(await maintenance.removeJobScheduler(MAINTENANCE_JOBS.purgeSessions)).toBe(true);
      expect(await reminders.removeJobScheduler(REMINDER_JOBS.tick)).toBe(true);
      await maintenance.close();
      await reminders.close();
      // Stored but never handed to the queue: only the sweep can send these.
      const ids = await dueMails(8, tag);
      await waitFor(async () => (await schedulerKeys(worker)).join() === allSchedulers.join(), 20_000);
      await waitFor(async () => (await sentCount(ids)) === ids.length, 30_000);
      await expectEachOnce(smtp, tag, 8);
    } finally {
      await worker.close();
      await smtp.close();
    }
  }, 90_000);
});

describe("the worker process", () => {
  it("(npm run worker) puts its schedulers back by itself when they are lost, without a restart", async () => {
    const prefix = `proc_${Date.now()}`;
    const config: QueueBackendConfig = { databaseUrl: process.env.DATABASE_URL!, prefix };
    // Its sweep finds nothing (no mail is that old), so other tests' mail is left alone.
    const env = { ...process.env, QUEUE_PREFIX: prefix, REDIS_URL: "", SMTP_URL: "", SCHEDULER_CHECK_MS: "500", REMINDER_EVERY_MS: "3600000", MAIL_STALE_MS: String(100 * 365 * 86_400_000) };
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["jobs/worker.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
    const maintenance = createQueue(QUEUES.maintenance, config);
    const reminders = createQueue(QUEUES.reminders, config);
    const count = async () => (await maintenance.getJobSchedulersCount()) + (await reminders.getJobSchedulersCount());
    try {
      await waitFor(async () => (await count()) === 3, 45_000);
      expect(await maintenance.removeJobScheduler(MAINTENANCE_JOBS.sweepMail)).toBe(true);
      expect(await maintenance.removeJobScheduler(MAINTENANCE_JOBS.purgeSessions)).toBe(true);
      expect(await reminders.removeJobScheduler(REMINDER_JOBS.tick)).toBe(true);
      await waitFor(async () => (await count()) === 3, 10_000);
      expect(child.exitCode).toBeNull();
      const keys = [...(await maintenance.getJobSchedulers()), ...(await reminders.getJobSchedulers())].map((s) => s.key).sort();
      expect(keys).toEqual(allSchedulers);
    } finally {
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
      await maintenance.close();
      await reminders.close();
    }
  }, 90_000);
});

describe.runIf(redisServer)("Redis of its own", () => {
  let port: number;
  let redis: ChildProcess;
  beforeAll(async () => {
    port = await freePort();
    redis = await startThrowawayRedis(port);
  });
  afterAll(() => {
    redis.kill("SIGKILL");
  });

  it("Redis restarted empty: without restarting the worker its schedulers come back and every mail arrives exactly once", async () => {
    const config: QueueBackendConfig = { databaseUrl: process.env.DATABASE_URL!, redisUrl: `redis://127.0.0.1:${port}`, prefix: "empty" };
    const smtp = await startSmtpSink({ acceptDelayMs: 150, closeTimeoutMs: 1_000 });
    const worker = await startWorker(config, { deliver: createDeliver(smtp.url, "noreply@test.se"), ...fast });
    const producer = createQueue<MailJobData>(QUEUES.mail, config);
    try {
      const ids = await dueMails(30, "empty");
      for (const id of ids) await enqueueMail(producer, id);
      await waitFor(async () => smtp.received.some((m) => m.subject.startsWith("empty ")));
      // Killed without persistence: every job and every scheduler is gone when it comes back.
      redis.kill("SIGKILL");
      await new Promise((r) => redis.once("exit", r));
      expect(await sentCount(ids)).toBeLessThan(ids.length);
      redis = await startThrowawayRedis(port);
      await waitFor(async () => (await sentCount(ids)) === ids.length, 60_000);
      await expectEachOnce(smtp, "empty", 30);
      expect(await schedulerKeys(worker)).toEqual(allSchedulers);
    } finally {
      await producer.close().catch(() => {});
      await worker.close().catch(() => {});
      await smtp.close();
    }
  }, 120_000);

  it("Redis flushed (FLUSHALL) with the worker's connections still open: the schedulers come back and the mail arrives exactly once", async () => {
    const config: QueueBackendConfig = { databaseUrl: process.env.DATABASE_URL!, redisUrl: `redis://127.0.0.1:${port}`, prefix: "flushed" };
    const smtp = await startSmtpSink({ closeTimeoutMs: 1_000 });
    await smtp.stop();
    const worker = await startWorker(config, { deliver: createDeliver(smtp.url, "noreply@test.se"), ...fast });
    const producer = createQueue<MailJobData>(QUEUES.mail, config);
    const admin = new Redis(port, "127.0.0.1");
    try {
      const ids = await dueMails(12, "flushed");
      for (const id of ids) await enqueueMail(producer, id, { backoff: { type: "fixed", delay: 500 } });
      await waitFor(async () => (await getDb().mailMessage.count({ where: { id: { in: ids }, attempts: { gte: 1 } } })) === ids.length);
      await admin.flushall();
      expect(await admin.dbsize()).toBe(0);
      await smtp.start();
      await waitFor(async () => (await sentCount(ids)) === ids.length, 60_000);
      await expectEachOnce(smtp, "flushed", 12);
      expect(await schedulerKeys(worker)).toEqual(allSchedulers);
    } finally {
      admin.disconnect();
      await producer.close().catch(() => {});
      await worker.close().catch(() => {});
      await smtp.close();
    }
  }, 120_000);
});

describe("the Drift page", () => {
  it("shows operators mail that has waited too long, and whether the background schedulers exist; coordinators get 403", async () => {
    const operator = await createUserWithPassword({ email: `drift-rec-${tenant.municipality.slug}@test.se`, name: "Drift", password: PASSWORD, isOperator: true });
    const http = new HttpClient();
    await http.signIn(operator.email, PASSWORD);
    await setUpTwoStep(http); // operators use two-step sign-in
    const coordinator = new HttpClient();
    await coordinator.signIn(tenant.coordinator.email, PASSWORD);
    expect((await coordinator.get("/drift")).status).toBe(403);

    // The test web server's queues (see test/helpers/global-server.ts); no worker runs there.
    const config = { redisUrl: process.env.REDIS_URL, databaseUrl: process.env.DATABASE_URL!, prefix: `test_${new URL(inject("baseUrl")).port}` };
    const queues = [createQueue(QUEUES.maintenance, config), createQueue(QUEUES.reminders, config)];
    const ids = await dueMails(2, "waited");
    try {
      // Two mails stored long ago and never sent; one just now, which has not waited too long.
      await getDb().mailMessage.update({ where: { id: ids[0]! }, data: { createdAt: new Date("2001-01-01T08:00:00Z") } });
      await getDb().mailMessage.update({ where: { id: ids[1]! }, data: { createdAt: new Date("2001-01-02T08:00:00Z") } });
      await dueMails(1, "fresh");
      const overdue = await getDb().mailMessage.count({ where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - 30 * 60_000) } } });
      expect(overdue).toBeGreaterThanOrEqual(2);

      const html = await (await http.get("/drift")).text();
      expect(html).toContain("E-post som väntat för länge");
      expect(html).toContain(`${overdue} e-postmeddelanden har väntat mer än 30 minuter på att skickas`);
      expect(html).toContain("Det äldsta skapades 2001-01-01 09:00");
      // No worker has created the schedulers of this server's queues.
      // Queues are named in Swedish (issue #14): "Underhåll", not the technical "maintenance".
      expect(html).toContain(`${MAINTENANCE_JOBS.sweepMail}</code></td><td>Underhåll</td><td>Saknas`);
      for (const name of ["E-post", "Underhåll", "Påminnelser"]) expect(html).toContain(`<th scope="row">${name}</th>`);

      await ensureSchedulers(queues, schedulerSpecs({ reminderEveryMs: 3_600_000, sweepEveryMs: 3_600_000 }));
      const after = await (await http.get("/drift")).text();
      expect(after).not.toContain("Saknas");
      expect(after).toContain(`${MAINTENANCE_JOBS.sweepMail}</code></td><td>Underhåll</td><td>Finns, nästa körning `);

      await getDb().mailMessage.updateMany({ where: { id: { in: ids } }, data: { status: "CANCELLED" } });
      const none = await getDb().mailMessage.count({ where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - 30 * 60_000) } } });
      if (none === 0) expect(await (await http.get("/drift")).text()).toContain("Ingen e-post har väntat mer än 30 minuter.");
    } finally {
      await getDb().mailMessage.updateMany({ where: { id: { in: ids } }, data: { status: "CANCELLED" } });
      await queues[0]!.removeJobScheduler(MAINTENANCE_JOBS.sweepMail);
      await queues[0]!.removeJobScheduler(MAINTENANCE_JOBS.purgeSessions);
      await queues[1]!.removeJobScheduler(REMINDER_JOBS.tick);
      await Promise.all(queues.map((q) => q.close()));
    }
  });
});
