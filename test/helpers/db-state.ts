import { getDb } from "~/platform/db.server.ts";

/** Tables a request may write without any form being accepted (sessions, sign-in attempts, migrations). */
const IGNORED = new Set(["Session", "SignInAttempt", "_prisma_migrations"]);

let tables: Promise<string[]> | undefined;

/**
 * The whole database as row count and a hash of every row per table, in one round trip: two
 * states that are equal mean that nothing was written (apart from IGNORED tables).
 */
export async function dbState(): Promise<Record<string, string>> {
  const db = getDb();
  tables ??= db
    .$queryRawUnsafe<Array<{ name: string }>>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
    .then((rows) => rows.map((r) => r.name).filter((n) => !IGNORED.has(n)));
  const names = await tables;
  const sql = names
    // Signing in is recorded on purpose (ADR 0031: sign-in rows in the audit log; the account's
    // last sign-in): those rows and that column are left out, every other write still counts.
    .map((n) => {
      const row = n === "User" ? `(to_jsonb(t) - 'lastSignInAt')::text` : "t::text";
      const where = n === "AuditEvent" ? ` WHERE t.event NOT LIKE 'sign-in.%'` : "";
      return `SELECT '${n}' AS name, count(*)::text || ':' || md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS state FROM "${n}" t${where}`;
    })
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<Array<{ name: string; state: string }>>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.state]));
}
