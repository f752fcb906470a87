import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeMail } from "~/models/mail.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createDeliver } from "~/platform/mailer.server.ts";
import { setNextEvaluationDate } from "~/models/municipality.server.ts";
import { readinessFor } from "~/workflows/readiness.server.ts";
import { runReminderTick } from "~/workflows/reminders.server.ts";
import { createQueue, QUEUES, type QueueBackendConfig } from "../../jobs/queues.ts";
import { startWorker } from "../../jobs/worker.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";
import { freePort } from "~/cli/support/free-port.server.ts";
import { startSmtpSink } from "../helpers/smtp.ts";
import { expectNothingMoreWithin, waitFor } from "../helpers/wait.ts";
import { enqueueMail, MAIL_JOB, mailJobId, type MailJobData } from "../../jobs/contracts.ts";
import { formatPoints } from "~/utils/format.ts";

const root = path.resolve(import.meta.dirname, "../..");
const pgConfig = (tag: string): QueueBackendConfig => ({ databaseUrl: process.env.DATABASE_URL!, prefix: `r_${tag}_${Date.now()}` });



let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("remind");
});

describe("the reminder job", () => {
  it("stores each due notification once, however often and however many run it", async () => {
    const action = await createTestAction(tenant, tenant.owner.id, "2026-12-16", "Påminn mig");
    const now = new Date("2026-12-23T08:00:00Z");
    const noop = async () => {};
    const first = await runReminderTick(now, noop, tenant.municipality.id);
    expect(first.stored).toBeGreaterThanOrEqual(2);
    await Promise.all([1, 2, 3].map(() => runReminderTick(now, noop, tenant.municipality.id)));
    const mails = await getDb().mailMessage.findMany({ where: { actionId: action.id } });
    expect(mails.map((m) => m.kind).sort()).toEqual(["escalation", "late"]);
    expect(new Set(mails.map((m) => m.identity)).size).toBe(mails.length);
    const late = mails.find((m) => m.kind === "late")!;
    expect(late.recipient).toBe(tenant.owner.email);
    expect(late.subject).toBe("Försenad åtgärd: Påminn mig");
    expect(late.text).toContain(`/k/${tenant.municipality.slug}/atgarder/${action.id}`);
    expect(late.html).toContain(`href="http://localhost`);
    expect(late.sendAt?.toISOString()).toBe("2026-12-23T06:00:00.000Z");
    expect(mails.find((m) => m.kind === "escalation")!.recipient).toBe(tenant.coordinator.email);
  });

  it("sends coordinators a readiness summary with the projection and a link to the readiness page", async () => {
    const ready = await createTenant("sammanfattning");
    await setNextEvaluationDate(ready.municipality.id, "2027-03-31");
    await createTestAction(ready, ready.owner.id, "2027-02-01", "Före utvärderingen");
    await runReminderTick(new Date("2027-03-01T08:00:00Z"), async () => {}, ready.municipality.id);
    const mail = await getDb().mailMessage.findFirstOrThrow({ where: { municipalityId: ready.municipality.id, kind: "readiness" } });
    expect(mail.recipient).toBe(ready.coordinator.email);
    const { total } = (await readinessFor(ready.municipality.id, new Date("2027-03-01T08:00:00Z")))!.projection;
    const sv = formatPoints;
    expect(mail.text).toContain(`Prognos av 800 poäng: nu ${sv(total.current)}, säkrat ${sv(total.secured)}, troligt ${sv(total.likely)}, möjligt ${sv(total.potential)}.`);
    expect(mail.text).toContain(`/k/${ready.municipality.slug}/infor-utvardering`);
  });

  it("withdraws pending reminders when the deadline changes, and sends nothing for a done action", async () => {
    const action = await createTestAction(tenant, tenant.owner.id, "2026-12-16", "Ändras");
    await runReminderTick(new Date("2026-12-23T08:00:00Z"), async () => {}, tenant.municipality.id);
    const http = new HttpClient();
    await http.signIn(tenant.coordinator.email, PASSWORD);
    const q = await getDb().actionQuestion.findFirstOrThrow({ where: { actionId: action.id } });
    const res = await http.post(`/k/${tenant.municipality.slug}/atgarder/${action.id}/redigera`, {
      title: "Ändras", ownerId: tenant.owner.id, deadline: "2027-03-01", priority: "MEDIUM", version: "1",
      deadlineReason: "Ny budget", [`effect.${q.questionId}`]: "1",
    });
    expect(res.status).toBe(302);
    const statuses = await getDb().mailMessage.findMany({ where: { actionId: action.id, kind: { in: ["late", "escalation"] } } });
    expect(statuses.every((m) => m.status === "CANCELLED")).toBe(true);
    const done = await createTestAction(tenant, tenant.owner.id, "2026-12-16", "Klar redan");
    await getDb().action.update({ where: { id: done.id }, data: { status: "DONE" } });
    await runReminderTick(new Date("2026-12-30T08:00:00Z"), async () => {}, tenant.municipality.id);
    expect(await getDb().mailMessage.count({ where: { actionId: done.id } })).toBe(0);
  });

  it("prints the policy at work as JSON without sending or recording anything", async () => {
    const before = await getDb().mailMessage.count();
    const out = spawnSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["app/cli/reminders.ts", "--dry-run", "--at", "2027-01-15T09:00:00+01:00", "--municipality", tenant.municipality.slug, "--json"],
      { cwd: root, encoding: "utf8", env: process.env },
    );
    expect(out.status, out.stderr).toBe(0);
    const rows = JSON.parse(out.stdout) as Array<{ recipient: string; kind: string; actionId: string | null; identity: string; sendAt: string }>;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(["actionId", "identity", "kind", "recipient", "sendAt"]);
      expect(r.sendAt).toMatch(/T06:00:00\.000Z$/);
    }
    expect(rows.map((r) => r.kind)).toContain("late");
    expect(await getDb().mailMessage.count()).toBe(before);
  });
});

describe("delivery guarantees", () => {
  async function dueMails(count: number, tag: string) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        await storeMail({
          identity: `fault:${tag}:${i}`,
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

  it("an SMTP server that refuses connections for a while: every mail arrives exactly once afterwards", async () => {
    const smtp = await startSmtpSink();
    const config = pgConfig("smtp");
    const worker = await startWorker(config, { deliver: createDeliver(smtp.url, "noreply@test.se") });
    const producer = createQueue<MailJobData>(QUEUES.mail, config);
    try {
      await smtp.stop();
      const ids = await dueMails(10, "smtpdown");
      for (const id of ids) await enqueueMail(producer, id, { backoff: { type: "exponential", delay: 200 } });
      await waitFor(async () => (await getDb().mailMessage.count({ where: { id: { in: ids }, attempts: { gte: 2 } } })) === ids.length);
      expect(smtp.received).toHaveLength(0);
      await smtp.start();
      await waitFor(async () => (await getDb().mailMessage.count({ where: { id: { in: ids }, status: "SENT" } })) === ids.length);
      const subjects = smtp.received.map((m) => m.subject).filter((s) => s.startsWith("smtpdown"));
      expect(subjects.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `smtpdown ${i}`).sort());
    } finally {
      await producer.close();
      await worker.close();
      await smtp.close();
    }
  });

  it("several workers at once duplicate nothing", async () => {
    const smtp = await startSmtpSink();
    const config = pgConfig("many");
    const workers = await Promise.all([1, 2, 3].map(() => startWorker(config, { deliver: createDeliver(smtp.url, "noreply@test.se") })));
    const producer = createQueue<MailJobData>(QUEUES.mail, config);
    try {
      const ids = await dueMails(30, "many");
      // Each mail is also queued twice, as the web process and the sweep might both do.
      for (const id of ids) {
        await enqueueMail(producer, id);
        await producer.add(MAIL_JOB, { mailId: id }, { jobId: `${mailJobId(id)}-sweep` });
      }
      await waitFor(async () => (await getDb().mailMessage.count({ where: { id: { in: ids }, status: "SENT" } })) === ids.length);
      await expectNothingMoreWithin(500, () => {
        const subjects = smtp.received.map((m) => m.subject).filter((s) => s.startsWith("many"));
        expect(subjects).toHaveLength(30);
        expect(new Set(subjects).size).toBe(30);
      });
    } finally {
      await producer.close();
      await Promise.all(workers.map((w) => w.close()));
      await smtp.close();
    }
  });

  it("a worker killed with SIGKILL mid-batch: after a restart every mail has arrived exactly once", async () => {
    const smtp = await startSmtpSink({ acceptDelayMs: 150 });
    const prefix = `kill_${Date.now()}`;
    const env = {
      ...process.env,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: prefix,
      REDIS_URL: "",
      WORKER_STALLED_MS: "1500",
      REMINDER_EVERY_MS: "3600000",
    };
    // Node itself runs the worker (tsx as a loader), so SIGKILL reaches the worker: through the
    // tsx command it killed only the wrapper, and the orphaned worker went on writing to the
    // test database for the rest of the run.
    const spawnWorker = () =>
      spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
    const producer = createQueue<MailJobData>(QUEUES.mail, { databaseUrl: process.env.DATABASE_URL!, prefix });
    let worker: ChildProcess = spawnWorker();
    try {
      const ids = await dueMails(40, "killed");
      for (const id of ids) await enqueueMail(producer, id);
      // Kill while mails are on their way: some sent, others waiting for the server's answer.
      // The kill waits until every answered mail is recorded as sent, so it never falls in the
      // window ADR 0005 names (after the server's "250 OK", before PostgreSQL commits "sent").
      const killed = () => smtp.received.filter((m) => m.subject.startsWith("killed")).length;
      await waitFor(async () => killed() >= 5);
      smtp.holdAnswers();
      await waitFor(
        async () => smtp.held() >= 1 && (await getDb().mailMessage.count({ where: { id: { in: ids }, status: "SENT" } })) === killed(),
      );
      worker.kill("SIGKILL");
      await new Promise((r) => worker.once("exit", r));
      // The held mails' connections died with the worker; once the server has seen that, it
      // refuses them instead of answering a sender that is gone.
      await waitFor(async () => smtp.heldClosed());
      smtp.releaseAnswers();
      const sentBefore = await getDb().mailMessage.count({ where: { id: { in: ids }, status: "SENT" } });
      expect(sentBefore).toBeLessThan(ids.length);
      worker = spawnWorker();
      await waitFor(async () => (await getDb().mailMessage.count({ where: { id: { in: ids }, status: "SENT" } })) === ids.length, 60_000);
      const subjects = smtp.received.map((m) => m.subject).filter((s) => s.startsWith("killed"));
      expect(subjects).toHaveLength(40);
      expect(new Set(subjects).size).toBe(40);
    } finally {
      if (worker.exitCode === null) {
        worker.kill("SIGTERM");
        await new Promise((r) => worker.once("exit", r));
      }
      await producer.close();
      await smtp.close();
    }
  }, 120_000);

  const redisServer = spawnSync("redis-server", ["--version"]).status === 0;
  it.runIf(redisServer)("a Redis restart mid-batch: every mail is delivered exactly once after it is back", async () => {
    const port = await freePort();
    const startRedis = () =>
      spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always",
          "--dir", process.env.TMPDIR ?? "/tmp", "--appendfilename", `kp-${port}.aof`],
        { stdio: "ignore" },
      );
    let redis = startRedis();
    await new Promise((r) => setTimeout(r, 500));
    const config: QueueBackendConfig = { databaseUrl: process.env.DATABASE_URL!, redisUrl: `redis://127.0.0.1:${port}`, prefix: "restart" };
    const smtp = await startSmtpSink({ acceptDelayMs: 100 });
    const worker = await startWorker(config, { deliver: createDeliver(smtp.url, "noreply@test.se") });
    const producer = createQueue<MailJobData>(QUEUES.mail, config);
    const ids = await dueMails(20, "redis");
    try {
      for (const id of ids) await enqueueMail(producer, id, { backoff: { type: "exponential", delay: 200 } });
      await waitFor(async () => smtp.received.some((m) => m.subject.startsWith("redis")));
      redis.kill("SIGKILL");
      await new Promise((r) => redis.once("exit", r));
      await new Promise((r) => setTimeout(r, 1000));
      redis = startRedis();
      await waitFor(async () => (await getDb().mailMessage.count({ where: { id: { in: ids }, status: "SENT" } })) === ids.length, 60_000);
      await expectNothingMoreWithin(500, () => {
        const subjects = smtp.received.map((m) => m.subject).filter((s) => s.startsWith("redis"));
        expect(subjects).toHaveLength(20);
        expect(new Set(subjects).size).toBe(20);
      });
    } finally {
      await producer.close().catch(() => {});
      await worker.close().catch(() => {});
      redis.kill("SIGKILL");
      await smtp.close();
    }
  }, 120_000);
});

afterAll(async () => {
  await getDb().mailMessage.updateMany({ where: { identity: { startsWith: "fault:" }, status: "PENDING" }, data: { status: "CANCELLED" } });
});
