import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropDatabase, ensureDatabase } from "~/cli/support/embedded-postgres.server.ts";
import { migrate, MIGRATIONS_DIR } from "~/cli/support/migrator.server.ts";

/**
 * The migration that moves a person's manager onto the membership keeps the data that was valid
 * (a manager who is a member of the same municipality), drops what never was (a manager from
 * another municipality), voids password links one municipality issued for another's account,
 * and removes sessions stored with their raw id.
 */
const MIGRATION = "20261126100000_membership_manager";
const base = new URL(process.env.DATABASE_URL!);
const url = new URL(base);
url.pathname = `/${base.pathname.slice(1)}_manager_migration`;
const dbUrl = url.toString();
const client = new pg.Client({ connectionString: dbUrl });

/** The project's migrations up to (and, when `including`, with) this one. */
function migrationsDir(including: boolean): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const name of readdirSync(MIGRATIONS_DIR)) {
    if (!/^\d{14}_/.test(name) || name > MIGRATION || (name === MIGRATION && !including)) continue;
    cpSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

beforeAll(async () => {
  await dropDatabase(dbUrl);
  await ensureDatabase(dbUrl);
  await migrate(dbUrl, migrationsDir(false));
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await dropDatabase(dbUrl);
});

const ids = {
  a: "00000000-0000-4000-8000-00000000000a",
  b: "00000000-0000-4000-8000-00000000000b",
  owner: "00000000-0000-4000-8000-000000000001",
  bossA: "00000000-0000-4000-8000-000000000002",
  bossB: "00000000-0000-4000-8000-000000000003",
  pending: "00000000-0000-4000-8000-000000000004",
};

describe(`migration ${MIGRATION}`, () => {
  it("moves managers onto memberships in the same municipality and voids what was never valid", async () => {
    await client.query(`INSERT INTO "Municipality" (id, slug, name) VALUES ($1, 'a', 'A'), ($2, 'b', 'B')`, [ids.a, ids.b]);
    await client.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", "managerId") VALUES
         ($3, 'boss-a@x.se', 'Chef A', 'h', NULL), ($4, 'boss-b@x.se', 'Chef B', 'h', NULL),
         ($1, 'owner@x.se', 'Ägare', 'h', $3), ($2, 'pending@x.se', 'Väntar', NULL, $4)`,
      [ids.owner, ids.pending, ids.bossA, ids.bossB],
    );
    const member = (user: string, m: string, at: string) =>
      client.query(`INSERT INTO "Membership" (id, "userId", "municipalityId", role, "createdAt") VALUES (gen_random_uuid(), $1, $2, 'OWNER', $3)`, [user, m, at]);
    await member(ids.owner, ids.a, "2026-01-01");
    await member(ids.owner, ids.b, "2026-01-02");
    await member(ids.bossA, ids.a, "2026-01-01");
    await member(ids.bossB, ids.b, "2026-01-01");
    // Pending in A first; B later added it and (as older versions did) issued a link of its own.
    await member(ids.pending, ids.a, "2026-02-01");
    await member(ids.pending, ids.b, "2026-02-02");
    await client.query(
      `INSERT INTO "Invitation" (id, "tokenHash", "userId", "municipalityId", "expiresAt") VALUES
         (gen_random_uuid(), 'first', $1, $2, now() + interval '1 day'),
         (gen_random_uuid(), 'taken-over', $1, $3, now() + interval '1 day')`,
      [ids.pending, ids.a, ids.b],
    );
    await client.query(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ('raw-session-id', $1, now() + interval '1 day')`, [ids.owner]);

    const result = await migrate(dbUrl, migrationsDir(true));
    expect(result.applied).toEqual([MIGRATION]);

    const { rows: memberships } = await client.query<{ userId: string; municipalityId: string; managerId: string | null }>(
      `SELECT "userId", "municipalityId", "managerId" FROM "Membership" WHERE "userId" IN ($1, $2)`,
      [ids.owner, ids.pending],
    );
    const managerOf = (user: string, m: string) => memberships.find((r) => r.userId === user && r.municipalityId === m)?.managerId;
    // The owner's manager (a member of A only) stays in A and is not carried into B.
    expect(managerOf(ids.owner, ids.a)).toBe(ids.bossA);
    expect(managerOf(ids.owner, ids.b)).toBeNull();
    // The pending person's manager is a member of B only.
    expect(managerOf(ids.pending, ids.a)).toBeNull();
    expect(managerOf(ids.pending, ids.b)).toBe(ids.bossB);
    const { rows: columns } = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'managerId'`);
    expect(columns).toHaveLength(0);
    const { rows: invitations } = await client.query<{ tokenHash: string }>(`SELECT "tokenHash" FROM "Invitation" ORDER BY "tokenHash"`);
    expect(invitations.map((r) => r.tokenHash)).toEqual(["first"]);
    expect((await client.query(`SELECT 1 FROM "Session"`)).rows).toHaveLength(0);
  });
});
