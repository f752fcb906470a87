import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client.ts";
import { getEnv } from "./env.server.ts";

export type Db = PrismaClient;

declare global {
  var __kompassplanDb: PrismaClient | undefined;
}

/** One Prisma client per process (kept on globalThis so dev rebuilds do not leak pools). */
export function getDb(): PrismaClient {
  if (!globalThis.__kompassplanDb) {
    const env = getEnv();
    globalThis.__kompassplanDb = createDb(env.DATABASE_URL, { preparedStatements: env.DATABASE_PREPARED_STATEMENTS });
  }
  return globalThis.__kompassplanDb;
}

export function createDb(connectionString: string, { preparedStatements = true } = {}): PrismaClient {
  // One pool for the ORM and for readRows; ended with the client ($disconnect).
  const pool = new pg.Pool({ connectionString, max: 10 });
  // The adapter passes the name on to pg, where no name (undefined) is an unnamed statement; its type says string only.
  const naming = preparedStatements ? { statementNameGenerator: statementName as (query: { sql: string; args: unknown[] }) => string } : {};
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { ...naming, disposeExternalPool: true }) });
  pools.set(client, { pool, preparedStatements });
  return client;
}

const pools = new WeakMap<PrismaClient, { pool: pg.Pool; preparedStatements: boolean }>();

/**
 * The rows of a read written in SQL (`Prisma.sql`), straight from the driver: the hot reads of
 * the heavy pages (the plan's actions, the latest evaluations, the session). `$queryRaw` wraps
 * every cell in a typed value and unwraps it again, ~1 ms of a page for its few thousand cells
 * (ADR 0046). Values come as node-postgres gives them: so the SQL casts what it returns (uuid and
 * enums ::text, numeric ::float8, counts ::int; a DATE would come as local midnight, so dates are
 * written out with to_char). Not for use inside a transaction: it runs on its own connection.
 */
export async function readRows<T extends unknown[]>(query: Prisma.Sql, db: PrismaClient = getDb()): Promise<T> {
  const found = pools.get(db);
  if (!found) throw new Error("readRows needs a client made by createDb");
  const name = found.preparedStatements ? statementName({ sql: query.text, args: query.values }) : undefined;
  const result = await found.pool.query({ name, text: query.text, values: query.values as unknown[] });
  return result.rows as T;
}

/**
 * PostgreSQL parses and plans a query afresh every time it arrives unnamed, and planning the
 * plan's six-way join took longer than running it (1.3 ms of 2.5). A named statement is parsed
 * once per connection, and after a few runs PostgreSQL keeps its plan too. Only reads are named
 * (SELECT, WITH), and only those with at most 32 parameters: a list of ids makes a new text for
 * every length, and each name stays prepared on its connection for the connection's life, so the
 * number of names must stay small.
 * Behind a pooler in transaction mode they are turned off (DATABASE_PREPARED_STATEMENTS=false).
 * A column's type changed by a migration while the server runs fails those reads on connections
 * that prepared them ("cached plan must not change result type") until the server restarts;
 * `npm start` migrates before it starts the server (ADR 0046).
 */
const names = new Map<string, string>();
const MAX_NAMED_PARAMETERS = 32;
export function statementName(query: { sql: string; args: unknown[] }): string | undefined {
  if (query.args.length > MAX_NAMED_PARAMETERS || !/^\s*(SELECT|WITH)\b/i.test(query.sql)) return undefined;
  let name = names.get(query.sql);
  if (!name) {
    name = `k${createHash("sha1").update(query.sql).digest("hex").slice(0, 20)}`;
    names.set(query.sql, name);
  }
  return name;
}
