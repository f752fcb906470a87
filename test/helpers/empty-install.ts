import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { dropDatabase, ensureDatabase } from "~/cli/support/embedded-postgres.server.ts";

/**
 * A production install on an empty database of its own (no municipality, no user), on the same
 * PostgreSQL server as the tests: for the first start and the operator command, which need a
 * database without any operator.
 */

export const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

export interface EmptyInstall {
  url: string;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function emptyDatabase(label: string): Promise<EmptyInstall> {
  const base = new URL(process.env.DATABASE_URL!);
  const url = new URL(base);
  url.pathname = `/${base.pathname.slice(1)}_${label}`.slice(0, 63);
  const dbUrl = url.toString();
  await dropDatabase(dbUrl);
  await ensureDatabase(dbUrl);
  return {
    url: dbUrl,
    async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      try {
        return (await client.query<T>(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () => dropDatabase(dbUrl),
  };
}

/**
 * Runs `tsx app/cli/<script>` (what `npm run setup` / `npm run operator --` run) against the
 * install. Asynchronously: a blocked event loop would miss the web server closing idle
 * keep-alive connections, and the next request would go out on a closed one.
 */
export function runCommand(script: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [`app/cli/${script}`, ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The operator set-up links printed in a command's output. */
export function setupLinks(output: string): string[] {
  return [...output.matchAll(/https?:\/\/[^\s/]+\/driftansvarig\/[A-Za-z0-9_-]{43}/g)].map((m) => m[0]);
}

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Starts `npm start` (app/cli/start.ts, with the existing build) and resolves once the web
 * process answers, with everything it printed so far.
 */
export async function startProduct(env: Record<string, string>, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(tsx, ["app/cli/start.ts"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), KOMPASSPLAN_SKIP_BUILD: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://localhost:${port}/healthz`)).ok) return { child, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`npm start did not answer within 90 s:\n${output}`);
}

export async function stopProduct(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}
