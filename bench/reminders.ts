import { fork } from "node:child_process";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import type { Job } from "bullmq";
import { deliverStoredMail } from "~/models/mail.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createDeliver } from "~/platform/mailer.server.ts";
import { runReminderTick } from "~/workflows/reminders.server.ts";
import { enqueueMails, type MailJobData } from "../jobs/contracts.ts";
import { createQueue, createWorker, QUEUES, type QueueBackendConfig } from "../jobs/queues.ts";

const CONCURRENCY = 8;

/** The mail server in a process of its own (bench/smtp-sink-process.mjs), as a real one would be. */
async function startSinkProcess() {
  const child = fork(new URL("./smtp-sink-process.mjs", import.meta.url), { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const [{ port }] = (await once(child, "message")) as [{ port: number }];
  return {
    url: `smtp://127.0.0.1:${port}`,
    async received() {
      child.send("count");
      const [{ received }] = (await once(child, "message")) as [{ received: number }];
      return received;
    },
    async close() {
      child.send("stop");
      await once(child, "exit");
    },
  };
}

/**
 * Reminders at scale: 100,000 actions across 300 municipalities, scheduled by the policy and
 * sent to a local SMTP server in another process, against a no-op BullMQ job on the same queue
 * in the same run.
 */
export async function benchReminders(config: QueueBackendConfig, size = { municipalities: 300, actions: 100_000 }) {
  const db = getDb();
  const MUNICIPALITIES = size.municipalities;
  const ACTIONS = size.actions;
  console.log(`\nPåminnelser: ${ACTIONS.toLocaleString("sv-SE")} åtgärder i ${MUNICIPALITIES} kommuner`);
  const version = await db.frameworkVersion.findUniqueOrThrow({ where: { key: "2010" }, include: { areas: { include: { questions: true } } } });
  const area = version.areas[0]!;
  const t0 = performance.now();
  await db.$executeRawUnsafe(`
    WITH m AS (
      INSERT INTO "Municipality" (id, slug, name) SELECT gen_random_uuid(), 'bench-' || g || '-' || floor(random()*1e9)::text, 'Bänkkommun ' || g FROM generate_series(1, ${MUNICIPALITIES}) g RETURNING id
    ), u AS (
      INSERT INTO "User" (id, email, name) SELECT gen_random_uuid(), 'bench-' || m.id || '@bench.se', 'Ägare' FROM m RETURNING id, email
    ), mem AS (
      INSERT INTO "Membership" (id, "userId", "municipalityId", role)
      SELECT gen_random_uuid(), u.id, m.id, 'COORDINATOR' FROM m JOIN u ON u.email = 'bench-' || m.id || '@bench.se' RETURNING "userId", "municipalityId"
    ), e AS (
      INSERT INTO "Evaluation" (id, "municipalityId", "frameworkVersionId", year) SELECT gen_random_uuid(), mem."municipalityId", '${version.id}', 2024 FROM mem RETURNING id, "municipalityId"
    ), ea AS (
      INSERT INTO "EvaluationArea" (id, "evaluationId", "frameworkAreaId") SELECT gen_random_uuid(), e.id, '${area.id}' FROM e RETURNING id, "evaluationId"
    ), i AS (
      INSERT INTO "ImprovementItem" (id, "evaluationAreaId", text, "sortOrder") SELECT gen_random_uuid(), ea.id, 'Förbättra', 0 FROM ea RETURNING id, "evaluationAreaId"
    )
    INSERT INTO "Action" (id, "municipalityId", "improvementItemId", title, "ownerId", deadline, status, "updatedAt")
    SELECT gen_random_uuid(), e."municipalityId", i.id, 'Åtgärd ' || g, mem."userId",
           -- Most deadlines lie ahead (as in a real plan); every twentieth is a month late.
           CASE WHEN g::int % 20 = 0 THEN DATE '2026-10-23' ELSE DATE '2026-11-23' + (g::int % 334) + 1 END, CASE WHEN g % 3 = 0 THEN 'IN_PROGRESS'::"ActionStatus" ELSE 'NOT_STARTED'::"ActionStatus" END, now()
    FROM i JOIN ea ON ea.id = i."evaluationAreaId" JOIN e ON e.id = ea."evaluationId" JOIN mem ON mem."municipalityId" = e."municipalityId",
         generate_series(1, ${Math.ceil(ACTIONS / MUNICIPALITIES)}) g`);
  console.log(`  data inlagd på ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const smtp = await startSinkProcess();
  const deliver = createDeliver(smtp.url, "Kompassplan <noreply@bench.se>", CONCURRENCY);
  const queue = createQueue<MailJobData>(QUEUES.mail, config);
  let noops = 0;
  const worker = createWorker<MailJobData>(
    QUEUES.mail,
    async (job: Job<MailJobData>) => {
      if (job.name === "noop") {
        noops++;
        return null;
      }
      return deliverStoredMail(job.data.mailId, deliver);
    },
    config,
    CONCURRENCY,
  );
  try {
    // Baseline: no-op jobs through the same queue and worker.
    const N = 2000;
    const b0 = performance.now();
    await queue.addBulk(Array.from({ length: N }, () => ({ name: "noop", data: { mailId: "" } })));
    while (noops < N) await new Promise((r) => setTimeout(r, 20));
    const noopMs = (performance.now() - b0) / N;

    const now = new Date("2026-11-23T08:00:00Z");
    const s0 = performance.now();
    const tick = await runReminderTick(now, (ids) => enqueueMails(queue, ids));
    const scheduleMs = performance.now() - s0;
    while ((await db.mailMessage.count({ where: { status: "PENDING", recipient: { endsWith: "@bench.se" } } })) > 0) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const totalMs = performance.now() - s0;
    const perMail = totalMs / Math.max(1, tick.queued);
    console.log(`  schemaläggning: ${tick.due.toLocaleString("sv-SE")} förfallna notiser beräknade och lagrade på ${(scheduleMs / 1000).toFixed(1)} s`);
    console.log(`  schemaläggning + utskick av ${tick.queued.toLocaleString("sv-SE")} brev till SMTP: ${(totalMs / 1000).toFixed(1)} s = ${perMail.toFixed(2)} ms per brev`);
    console.log(`  = ${(perMail / noopMs).toFixed(1)} × ett tomt BullMQ-jobb i samma kö (${noopMs.toFixed(2)} ms per jobb); SMTP tog emot ${(await smtp.received()).toLocaleString("sv-SE")} brev`);
  } finally {
    await worker.close();
    await queue.close();
    await smtp.close();
  }
}
