import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { getEnv } from "./env.server.ts";

export type Db = PrismaClient;

declare global {
  var __kompassplanDb: PrismaClient | undefined;
}

/** One Prisma client per process (kept on globalThis so dev rebuilds do not leak pools). */
export function getDb(): PrismaClient {
  if (!globalThis.__kompassplanDb) {
    globalThis.__kompassplanDb = createDb(getEnv().DATABASE_URL);
  }
  return globalThis.__kompassplanDb;
}

export function createDb(connectionString: string): PrismaClient {
  // The adapter passes the name on to pg, where no name (undefined) is an unnamed statement; its type says string only.
  const adapter = new PrismaPg({ connectionString, max: 10 }, { statementNameGenerator: statementName as (query: { sql: string; args: unknown[] }) => string });
  return new PrismaClient({ adapter });
}

/**
 * PostgreSQL parses and plans a query afresh every time it arrives unnamed, and planning the
 * plan's six-way join took longer than running it (1.3 ms of 2.5). A named statement is parsed
 * once per connection, and after a few runs PostgreSQL keeps its plan too. Only reads are named (SELECT, WITH), and only those with at
 * most 32 parameters: a list of ids makes a new text for every length, and each name stays
 * prepared on its connection for the connection's life, so the number of names must stay small
 * (ADR 0048).
 */
const names = new Map<string, string>();
const MAX_NAMED_PARAMETERS = 32;
function statementName(query: { sql: string; args: unknown[] }): string | undefined {
  if (query.args.length > MAX_NAMED_PARAMETERS || !/^\s*(SELECT|WITH)\b/i.test(query.sql)) return undefined;
  let name = names.get(query.sql);
  if (!name) {
    name = `k${createHash("sha1").update(query.sql).digest("hex").slice(0, 20)}`;
    names.set(query.sql, name);
  }
  return name;
}
