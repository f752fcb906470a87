import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { waitFor } from "./wait.ts";

/** Whether a Redis on this port answers PING now (one try, no retries). */
export async function redisAnswers(port: number): Promise<boolean> {
  const client = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A Redis of the test's own that keeps nothing on disk, so a restart comes back empty. */
export async function startThrowawayRedis(port: number): Promise<ChildProcess> {
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  await waitFor(() => redisAnswers(port), 10_000);
  return redis;
}
