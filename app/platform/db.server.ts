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
  const adapter = new PrismaPg({ connectionString, max: 10 });
  return new PrismaClient({ adapter });
}
