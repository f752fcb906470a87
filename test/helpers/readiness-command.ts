import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

type Four = { current: number; secured: number; likely: number; potential: number };

export interface ReadinessOutput {
  questions: Array<Four & { code: string; maxPoints: number }>;
  areas: Array<Four & { number: number }>;
  total: Four;
}

/** Runs `npm run readiness -- --municipality SLUG --json` as a user would and parses its output. */
export function readinessCommand(slug: string): ReadinessOutput {
  const out = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["app/cli/readiness.ts", "--municipality", slug, "--json"], {
    cwd: root,
    encoding: "utf8",
    env: process.env,
  });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as ReadinessOutput;
}
