import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { resolveDatabase } from "~/cli/support/embedded-postgres.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { ensureSessionSecret } from "~/cli/support/session-secret.server.ts";
import { ensureDataEncryptionKey } from "~/cli/support/data-key.server.ts";
import { supervise } from "~/cli/support/supervise.server.ts";
import { setup } from "./setup.ts";

/**
 * `npm start`: the one command of the quick start. Uses DATABASE_URL/REDIS_URL when set,
 * otherwise the embedded PostgreSQL (queues on its PostgreSQL backend); applies migrations,
 * seeds the catalog and the demo when empty, builds the app, and runs the web
 * process and the worker process until stopped, restarting either if it exits unexpectedly.
 */
const root = process.cwd();
const database = await resolveDatabase(root);
await setup(database.url);
await getDb().$disconnect();

if (process.env.KOMPASSPLAN_SKIP_BUILD !== "true" || !existsSync(path.join(root, "build/index.js"))) {
  const built = spawnSync("npx", ["--no-install", "remix", "build"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// One command starts the product: without configuration it gets a secret of its own (kept in
// the data folder) and a PUBLIC_URL on this computer, over http, so cookies work without TLS.
const dataDir = process.env.KOMPASSPLAN_DATA_DIR ?? path.join(root, ".data");
const env = {
  ...process.env,
  DATABASE_URL: database.url,
  NODE_ENV: process.env.NODE_ENV ?? "production",
  SESSION_SECRET: ensureSessionSecret(dataDir, process.env.SESSION_SECRET || undefined),
  DATA_ENCRYPTION_KEY: ensureDataEncryptionKey(dataDir, process.env.DATA_ENCRYPTION_KEY || undefined),
  PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`,
};
const tsx = path.join(root, "node_modules/.bin/tsx");
// Each is started again if it exits unexpectedly; one crashing never ends the other.
const supervisor = supervise(
  [
    { name: "webbprocessen", command: tsx, args: ["server.ts"] },
    { name: "bakgrundsprocessen", command: tsx, args: ["jobs/worker.ts"] },
  ],
  { spawnOptions: { stdio: "inherit", env } },
);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await supervisor.stop();
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
