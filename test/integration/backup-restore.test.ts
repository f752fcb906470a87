import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "~/cli/support/embedded-postgres.server.ts";
import { freePort } from "~/cli/support/free-port.server.ts";
import { migrate } from "~/cli/support/migrator.server.ts";
import { findPgTool, PgToolMissing, serverMajor } from "~/cli/support/pg-tools.server.ts";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { addEvidence, addNote, changeStatus, getActionDetail, getPlan } from "~/models/action.server.ts";
import { getEvaluation } from "~/models/evaluation.server.ts";
import { findMunicipalityBySlug } from "~/models/municipality.server.ts";
import { createDb } from "~/platform/db.server.ts";
import { seedCatalog } from "../../prisma/seed/seed.ts";
import { createTenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * The backup procedure of docs/operations/backup.md, run for real: a plan made in a throwaway
 * database is dumped with `npm run backup`, read back with `npm run restore` into another fresh
 * database, and found intact through the app's own models; and the embedded set-up's copy of
 * its stopped data folder starts as a server holding the same plan.
 */
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const testServer = process.env.DATABASE_URL!;
const stamp = `${Date.now()}_${process.pid}`;
const dbUrl = (name: string) => {
  const url = new URL(testServer);
  url.pathname = `/${name}`;
  return url.toString();
};
const source = dbUrl(`kompassplan_backup_src_${stamp}`);
const target = dbUrl(`kompassplan_backup_dst_${stamp}`);
const work = mkdtempSync(path.join(os.tmpdir(), "kompassplan-backup-"));
chmodSync(work, 0o755);

// pg_dump must be as new as the server; CI installs PostgreSQL with its own client programs.
let missing: string | null = null;
try {
  findPgTool("pg_dump", await serverMajor(testServer));
} catch (error) {
  if (!(error instanceof PgToolMissing)) throw error;
  missing = error.message;
  if (process.env.CI) throw error;
  console.warn(`⚠ Testet av säkerhetskopiering med pg_dump hoppas över: ${missing}`);
}

/** Runs the models against another database for a while (getDb() is one client per process). */
async function using<T>(db: PrismaClient, work: () => Promise<T>): Promise<T> {
  const saved = globalThis.__kompassplanDb;
  globalThis.__kompassplanDb = db;
  try {
    return await work();
  } finally {
    globalThis.__kompassplanDb = saved;
  }
}

/** A plan with an evaluation, actions in two statuses, notes and evidence. */
async function makePlan() {
  await seedCatalog();
  const tenant = await createTenant("backup");
  const done = await createTestAction(tenant, tenant.owner.id, "2026-09-30", "Klar åtgärd");
  await addNote(tenant.municipality.id, done.id, "Beslut fattat i nämnden.", tenant.owner.id);
  await addEvidence(tenant.municipality.id, done.id, { kind: "LINK", title: "Protokoll", url: "https://kommun.example/protokoll", evidenceDate: "2026-09-15" }, tenant.owner.id);
  await changeStatus(tenant.municipality.id, done.id, 1, "DONE", null, tenant.owner.id);
  await createTestAction(tenant, tenant.coordinator.id, "2027-03-31", "Pågående åtgärd");
  return tenant.municipality.slug;
}

/** What a person sees of the plan, read through the models. */
async function readPlan(slug: string) {
  const municipality = await findMunicipalityBySlug(slug);
  expect(municipality, slug).not.toBeNull();
  const plan = await getPlan(municipality!.id);
  const evaluation = await getEvaluation(municipality!.id, plan.evaluation!.id);
  const actions = plan.areas.flatMap((a) => a.items.flatMap((i) => i.actions));
  const details = await Promise.all(actions.map((a) => getActionDetail(municipality!.id, a.id)));
  return {
    municipality,
    evaluation,
    items: plan.areas.flatMap((a) => a.items.map((i) => i.text)),
    actions,
    notes: details.flatMap((d) => d!.action.notes.map((n) => `${n.body} (${n.author?.name})`)),
    evidence: details.flatMap((d) => d!.action.evidence.map((e) => `${e.title} ${e.url}`)),
    audit: details.flatMap((d) => d!.audit.map((e) => `${e.event}:${e.field}:${e.newValue}`)),
  };
}

function run(script: string, args: string[], databaseUrl: string) {
  return spawnSync(tsx, [path.join(root, "app/cli", script), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" });
}

afterAll(async () => {
  await dropDatabase(source).catch(() => {});
  await dropDatabase(target).catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it.skipIf(missing !== null)("npm run backup dumps a plan that npm run restore brings back intact into a fresh database", async () => {
    await ensureDatabase(source);
    await migrate(source);
    const src = createDb(source);
    const dst = createDb(target);
    try {
      const slug = await using(src, makePlan);
      const before = await using(src, () => readPlan(slug));
      expect(before.actions.map((a) => a.title).sort()).toEqual(["Klar åtgärd", "Pågående åtgärd"]);
      expect(before.notes).toHaveLength(1);
      expect(before.evidence).toHaveLength(1);
      expect(before.evaluation!.areas.length).toBeGreaterThan(0);

      const file = path.join(work, "kompassplan.dump");
      const backup = run("backup.ts", ["--out", file], source);
      expect(backup.status, backup.stderr).toBe(0);

      await ensureDatabase(target);
      const restore = run("restore.ts", [file], target);
      expect(restore.status, restore.stderr).toBe(0);
      expect(await using(dst, () => readPlan(slug))).toEqual(before);

      // A second restore into the same database is refused and changes nothing.
      const again = run("restore.ts", [file], target);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("Databasen är inte tom.");
      expect(await using(dst, () => readPlan(slug))).toEqual(before);
    } finally {
      await src.$disconnect();
      await dst.$disconnect();
    }
  });

  it("a copy of the embedded server's stopped data folder starts with the plan intact", { timeout: 180_000 }, async () => {
    const dataDir = path.join(work, "data", "postgres");
    const first = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "kompassplan", persistent: true });
    let slug: string;
    let before: Awaited<ReturnType<typeof readPlan>>;
    try {
      await migrate(first.url);
      const db = createDb(first.url);
      try {
        slug = await using(db, makePlan);
        before = await using(db, () => readPlan(slug));
      } finally {
        await db.$disconnect();
      }
    } finally {
      await first.stop();
    }
    // The procedure: stop, copy the folder (cp -a keeps the owner and modes PostgreSQL needs).
    const copy = path.join(work, "restored", "postgres");
    rmSync(path.dirname(copy), { recursive: true, force: true });
    const copied = spawnSync("sh", ["-c", `mkdir -p "${path.dirname(copy)}" && cp -a "${dataDir}" "${copy}"`]);
    expect(copied.status, String(copied.stderr)).toBe(0);
    rmSync(path.join(work, "data"), { recursive: true, force: true });
    const restored = await startEmbeddedPostgres({ dataDir: copy, port: await freePort(), database: "kompassplan", persistent: true });
    const db = createDb(restored.url);
    try {
      expect(await using(db, () => readPlan(slug))).toEqual(before);
    } finally {
      await db.$disconnect();
      await restored.stop();
    }
  });
});
