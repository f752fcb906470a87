import { getDb } from "~/services/db.server.ts";

/** Liveness and database check for load balancers. */
export async function loader() {
  await getDb().$queryRaw`SELECT 1`;
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
