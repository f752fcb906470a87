import { getDb } from "~/platform/db.server.ts";

/** Throws when the database does not answer; for the load balancers' liveness check. */
export async function checkDatabase(): Promise<void> {
  await getDb().$queryRaw`SELECT 1`;
}
