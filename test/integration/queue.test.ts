import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverStoredMail, listStalePendingMail, storeMail } from "~/models/mail.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createDeliver } from "~/platform/mailer.server.ts";
import { MAINTENANCE_JOBS, STALE_MAIL_MS } from "../../jobs/processors/maintenance.ts";
import { createQueue, createWorker, QUEUES, type QueueBackendConfig } from "../../jobs/queues.ts";
import { startWorker } from "../../jobs/worker.ts";
import { startSmtpSink } from "../helpers/smtp.ts";
import { expectNothingMoreWithin, waitFor } from "../helpers/wait.ts";
import { enqueueMail, MAIL_JOB, mailJobId, type MailJobData } from "../../jobs/contracts.ts";

/**
 * The worker on both queue backends: BullMQ's PostgreSQL backend (the embedded default) always,
 * and Redis when REDIS_URL is set (CI sets it). Mail goes to a real SMTP server in the test.
 */
const backends: Array<[string, QueueBackendConfig]> = [
  ["PostgreSQL", { databaseUrl: process.env.DATABASE_URL!, prefix: `q_${Date.now()}` }],
];
if (process.env.REDIS_URL) {
  backends.push(["Redis", { databaseUrl: process.env.DATABASE_URL!, redisUrl: process.env.REDIS_URL, prefix: `kp-test-${Date.now()}` }]);
}

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());


const newMail = (subject: string) => ({
  identity: `test:${randomUUID()}`,
  municipalityId: null,
  recipient: "mottagare@test.kompassplan.se",
  subject,
  text: "Hej!",
  html: "<p>Hej!</p>",
});

describe.each(backends)("worker on %s", (_label, config) => {
  it("delivers a stored mail exactly once and upserts its schedulers at boot", async () => {
    const worker = await startWorker(config, { deliver: createDeliver(smtp.url, "Kompassplan <noreply@test.se>") });
    const producer = createQueue<MailJobData>(QUEUES.mail, config);
    try {
      const subject = `Leverans ${randomUUID()}`;
      const mailId = await storeMail(newMail(subject));
      // Asking twice (e.g. web process and sweep) must still send once.
      await enqueueMail(producer, mailId);
      await producer.add(MAIL_JOB, { mailId }, { jobId: `${mailJobId(mailId)}-again` });
      await waitFor(async () => (await getDb().mailMessage.findUnique({ where: { id: mailId } }))?.status === "SENT");
      await expectNothingMoreWithin(500, () => expect(smtp.received.filter((m) => m.subject === subject)).toHaveLength(1));

      const maintenance = worker.queues.find((q) => q.name === QUEUES.maintenance)!;
      const schedulers = await maintenance.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(
        [MAINTENANCE_JOBS.purgeSessions, MAINTENANCE_JOBS.sweepMail].sort(),
      );
    } finally {
      await producer.close();
      await worker.close();
    }
  });

  it("retries a failed send with backoff and records the error", async () => {
    let calls = 0;
    const subject = `Flaky ${randomUUID()}`;
    // Only this test's mail counts: the worker's sweep may also hand it mail other tests left pending.
    const flaky = async (mail: { subject: string }) => {
      if (mail.subject !== subject) return "sent" as const;
      calls += 1;
      if (calls < 3) throw new Error("SMTP refused the connection");
      return "sent" as const;
    };
    const worker = await startWorker(config, { deliver: flaky });
    const producer = createQueue<MailJobData>(QUEUES.mail, config);
    try {
      const mailId = await storeMail(newMail(subject));
      await enqueueMail(producer, mailId, { backoff: { type: "exponential", delay: 100 } });
      const sent = await waitFor(async () => {
        const row = await getDb().mailMessage.findUnique({ where: { id: mailId } });
        return row?.status === "SENT" ? row : null;
      });
      expect(calls).toBe(3);
      expect(sent.attempts).toBe(3);
      expect(sent.lastError).toBeNull();
    } finally {
      await producer.close();
      await worker.close();
    }
  });
});

describe.runIf(process.env.REDIS_URL)("Redis connections", () => {
  it("are ended when their queue or worker closes, so a process that closes its queues can end", async () => {
    const config: QueueBackendConfig = { databaseUrl: process.env.DATABASE_URL!, redisUrl: process.env.REDIS_URL, prefix: `kp-close-${Date.now()}` };
    const queue = createQueue(QUEUES.mail, config, "producer");
    const worker = createWorker(QUEUES.mail, async () => null, config);
    await queue.add("noop", { mailId: "" });
    await worker.waitUntilReady();
    // BullMQ keeps a connection it was handed open when it closes; these two were made for them.
    const connections = [queue.opts.connection, worker.opts.connection] as unknown as Array<{ status: string }>;
    expect(connections.map((c) => c.status)).toEqual(["ready", "ready"]);
    await worker.close();
    await queue.close();
    await waitFor(async () => connections.every((c) => c.status === "end"), 5_000);
  });
});

describe("mail delivery guarantees", () => {
  it("sends at most once when two workers race for the same mail", async () => {
    const subject = `Kapplöpning ${randomUUID()}`;
    const mailId = await storeMail(newMail(subject));
    const deliver = createDeliver(smtp.url, "noreply@test.se");
    const outcomes = await Promise.all([deliverStoredMail(mailId, deliver), deliverStoredMail(mailId, deliver)]);
    expect(outcomes.sort()).toEqual(["sent", "skipped"]);
    expect(smtp.received.filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it("keeps mail in the outbox when no SMTP server is configured", async () => {
    const mailId = await storeMail(newMail("Utkorg"));
    expect(await deliverStoredMail(mailId, createDeliver(undefined))).toBe("kept");
    expect((await getDb().mailMessage.findUniqueOrThrow({ where: { id: mailId } })).status).toBe("KEPT");
  });

  it("stores each identity once", async () => {
    const mail = newMail("Samma identitet");
    expect(await storeMail(mail)).toBe(await storeMail(mail));
  });

  it("finds mail left pending for the sweep to hand to the queue again", async () => {
    const mailId = await storeMail(newMail("Bortglömd"));
    expect(await listStalePendingMail(STALE_MAIL_MS)).not.toContain(mailId);
    expect(await listStalePendingMail(STALE_MAIL_MS, new Date(Date.now() + STALE_MAIL_MS + 1000))).toContain(mailId);
  });
});
