import { spawnSync, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { getDb } from "~/platform/db.server.ts";
import { freePort } from "~/cli/support/free-port.server.ts";
import { createDeliver } from "~/platform/mailer.server.ts";
import type { QueueBackendConfig } from "../../jobs/queues.ts";
import { startWorker } from "../../jobs/worker.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { startServer } from "../helpers/global-server.ts";
import { HttpClient } from "../helpers/http.ts";
import { startThrowawayRedis } from "../helpers/redis.ts";
import { startSmtpSink } from "../helpers/smtp.ts";
import { waitFor } from "../helpers/wait.ts";
import { mailJobId } from "../../jobs/contracts.ts";

/**
 * The web process only hands mail to the queue; when Redis is down it must answer at once and
 * leave the mail PENDING in PostgreSQL for the worker's sweep, never hang the request. Runs a
 * Redis and a web server of its own so that Redis can be stopped and started under it.
 */

const redisServer = spawnSync("redis-server", ["--version"]).status === 0;
/** What "at once" means here: well below any proxy's or person's patience, far above a normal post. */
const PROMPT_MS = 5_000;

describe.runIf(redisServer)("the web process with Redis down", () => {
  let redisPort: number;
  let redis: ChildProcess | undefined;
  let web: ChildProcess;
  let http: HttpClient;
  let tenant: Tenant;
  const prefix = `webdown_${Date.now()}`;

  const startRedis = async () => {
    redis = await startThrowawayRedis(redisPort);
  };
  const stopRedis = async () => {
    const running = redis!;
    running.kill("SIGKILL");
    if (running.exitCode === null) await new Promise((r) => running.once("exit", r));
    redis = undefined;
  };

  beforeAll(async () => {
    tenant = await createTenant("redis-nere");
    redisPort = await freePort();
    const webPort = await freePort();
    // Redis is not running yet: the web process starts without it and must still answer.
    web = await startServer(webPort, { REDIS_URL: `redis://127.0.0.1:${redisPort}`, QUEUE_PREFIX: prefix });
    http = new HttpClient(`http://localhost:${webPort}`);
    expect((await http.signIn(tenant.coordinator.email, PASSWORD)).status).toBe(302);
  }, 60_000);
  afterAll(async () => {
    web?.kill("SIGTERM");
    if (web && web.exitCode === null) await new Promise((r) => web.once("exit", r));
    if (redis) await stopRedis();
  });

  /** Invites a new person (which stores and enqueues a mail) and returns how long the answer took. */
  const invite = async (tag: string) => {
    const email = `${tag}-${tenant.municipality.slug}@test.kompassplan.se`;
    const started = Date.now();
    const res = await http.post(
      `/k/${tenant.municipality.slug}/anvandare`,
      { intent: "invite", name: `Person ${tag}`, email, role: "OWNER" },
      {},
    );
    const ms = Date.now() - started;
    return { res, ms, email };
  };
  const postInvite = (tag: string) =>
    Promise.race([
      invite(tag),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the invitation ${tag} did not answer within 20 s`)), 20_000)),
    ]);

  it("answers an invitation at once whether Redis never came up or went away later, keeps every mail PENDING for the sweep, and the sweep delivers each exactly once", async () => {
    const emails: string[] = [];
    const expectPromptSuccess = async (tag: string) => {
      const { res, ms, email } = await postInvite(tag);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`En inbjudan har skickats till ${email}.`);
      expect(ms).toBeLessThan(PROMPT_MS);
      emails.push(email);
      const mail = await getDb().mailMessage.findFirstOrThrow({ where: { recipient: email } });
      return mail;
    };

    // 1. Redis has never been reachable since the web process started.
    const never = await expectPromptSuccess("aldrig");
    expect(never.status).toBe("PENDING");

    // 2. Redis comes up: the web process reconnects by itself and queues the mail.
    await startRedis();
    const admin = new Redis(redisPort, "127.0.0.1");
    try {
      const up = await expectPromptSuccess("uppe");
      await waitFor(async () => (await admin.exists(`${prefix}:mail:${mailJobId(up.id)}`)) === 1, 10_000);
    } finally {
      admin.disconnect();
    }

    // 3. Redis goes away under a connected web process: two posts in a row both answer at once.
    await stopRedis();
    const gone = await expectPromptSuccess("borta");
    const again = await expectPromptSuccess("borta-igen");
    expect([gone.status, again.status]).toEqual(["PENDING", "PENDING"]);

    // Nothing is lost: every invited person has a membership and a stored mail.
    const rows = await getDb().mailMessage.findMany({ where: { recipient: { in: emails } } });
    expect(rows.map((r) => r.recipient).sort()).toEqual([...emails].sort());
    const members = await getDb().membership.count({ where: { municipalityId: tenant.municipality.id, user: { email: { in: emails } } } });
    expect(members).toBe(emails.length);

    // Redis back, empty (no persistence): the worker's sweep delivers every one of them, once.
    await startRedis();
    const smtp = await startSmtpSink({ closeTimeoutMs: 1_000 });
    const config: QueueBackendConfig = { databaseUrl: process.env.DATABASE_URL!, redisUrl: `redis://127.0.0.1:${redisPort}`, prefix };
    const worker = await startWorker(config, {
      deliver: createDeliver(smtp.url, "noreply@test.se"),
      sweepEveryMs: 500,
      staleMailMs: 1_000,
      schedulerCheckMs: 1_000,
      reminderEveryMs: 3_600_000,
    });
    try {
      await waitFor(async () => (await getDb().mailMessage.count({ where: { recipient: { in: emails }, status: "SENT" } })) === emails.length, 45_000);
      // Give a duplicate, if any, the time to arrive before counting.
      await new Promise((r) => setTimeout(r, 1_000));
      const received = smtp.received.map((m) => m.to).filter((to) => emails.includes(to));
      expect(received.sort()).toEqual([...emails].sort());
    } finally {
      await worker.close().catch(() => {});
      await smtp.close();
    }
  }, 120_000);
});
