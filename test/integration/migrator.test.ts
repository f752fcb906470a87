import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropDatabase, ensureDatabase } from "~/cli/support/embedded-postgres.server.ts";
import { migrate, MigrationError, readMigrations } from "~/cli/support/migrator.server.ts";

/** The migrator against a fresh database of its own on the real PostgreSQL server. */
const base = new URL(process.env.DATABASE_URL!);
const url = new URL(base);
url.pathname = `/${base.pathname.slice(1)}_migrator`;
const dbUrl = url.toString();

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function tempMigrations(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

beforeAll(async () => {
  await dropDatabase(dbUrl);
  await ensureDatabase(dbUrl);
});
afterAll(() => dropDatabase(dbUrl));

describe("migrator", () => {
  it("applies the project's migrations and records them as Prisma does", async () => {
    const result = await migrate(dbUrl);
    const migrations = await readMigrations();
    expect(result.applied).toEqual(migrations.map((m) => m.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      migrations.map((m) => [m.name, m.checksum, 1]),
    );
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    // Prisma's checksum is the SHA-256 of the file, as 64 hex characters.
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is idempotent", async () => {
    const again = await migrate(dbUrl);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.length).toBeGreaterThan(0);
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const [first] = await readMigrations();
    const dir = tempMigrations({ [first!.name]: `${first!.sql}\n-- edited` });
    await expect(migrate(dbUrl, dir)).rejects.toThrow(MigrationError);
  });

  it("rolls back a failing migration, records it, and refuses to go on until it is resolved", async () => {
    const migrations = await readMigrations();
    const files = Object.fromEntries(migrations.map((m) => [m.name, m.sql]));
    const dir = tempMigrations({
      ...files,
      "29990101000000_broken": `CREATE TABLE "HalfDone" (id int);\nSELECT * FROM "NoSuchTable";`,
    });
    await expect(migrate(dbUrl, dir)).rejects.toThrow(/29990101000000_broken/);
    const tables = await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'HalfDone'`);
    expect(tables).toHaveLength(0);
    const [row] = await query<{ finished_at: Date | null; logs: string }>(
      `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
    );
    expect(row!.finished_at).toBeNull();
    expect(row!.logs).toMatch(/NoSuchTable/);
    await expect(migrate(dbUrl, dir)).rejects.toThrow(/failed earlier/);
  });
});
