import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(import.meta.dirname, "../..");

type Four = { current: number; secured: number; likely: number; potential: number };

export interface ReadinessOutput {
  questions: Array<Four & { code: string; maxPoints: number }>;
  areas: Array<Four & { number: number }>;
  total: Four;
}

/**
 * Runs `npm run readiness -- --municipality SLUG --json` as a user would and parses its output.
 * Asynchronous on purpose: spawnSync blocked the test while the server closed idle keep-alive
 * sockets, and the next request then met a closed socket ("fetch failed: other side closed").
 * A failing command rejects with its stderr.
 */
export async function readinessCommand(slug: string): Promise<ReadinessOutput> {
  const { stdout } = await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["app/cli/readiness.ts", "--municipality", slug, "--json"], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ReadinessOutput;
}
