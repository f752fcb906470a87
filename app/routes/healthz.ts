import { checkDatabase } from "~/models/health.server.ts";

/** Liveness and database check for load balancers. */
export async function loader() {
  await checkDatabase();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
