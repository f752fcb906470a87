import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/platform/env.server.ts";

const base = { DATABASE_URL: "postgresql://localhost/kompassplan" };
const root = path.resolve(import.meta.dirname, "../..");

/** Reading process.env is allowed only where the environment is validated, or set before it exists. */
const allowed = [
  "app/platform/env.server.ts", // the one place that validates it
  "app/cli/support/embedded-postgres.server.ts", // the launcher resolves DATABASE_URL before it exists
  "app/cli/", // commands and the test harness set the environment of the processes they start
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : files(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe("the environment, validated once", () => {
  it("knows the worker's, the queues' and the web process's variables, with their defaults", () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({ REMINDER_EVERY_MS: 300_000, MAIL_SWEEP_EVERY_MS: 60_000, SCHEDULER_CHECK_MS: 60_000, WORKER_STALLED_MS: 30_000, TRUST_PROXY: false });
    expect(env.MAIL_STALE_MS).toBeUndefined();
    expect(env.QUEUE_PREFIX).toBeUndefined();
    const set = parseEnv({
      ...base,
      QUEUE_PREFIX: "test_1",
      UPLOAD_DIR: "/srv/uploads",
      KOMPASSPLAN_DATA_DIR: "/srv/data",
      TRUST_PROXY: "true",
      REMINDER_EVERY_MS: "1000",
      MAIL_SWEEP_EVERY_MS: "500",
      MAIL_STALE_MS: "2000",
      SCHEDULER_CHECK_MS: "700",
      WORKER_STALLED_MS: "1500",
    });
    expect(set).toMatchObject({
      QUEUE_PREFIX: "test_1",
      UPLOAD_DIR: "/srv/uploads",
      KOMPASSPLAN_DATA_DIR: "/srv/data",
      TRUST_PROXY: true,
      REMINDER_EVERY_MS: 1000,
      MAIL_SWEEP_EVERY_MS: 500,
      MAIL_STALE_MS: 2000,
      SCHEDULER_CHECK_MS: 700,
      WORKER_STALLED_MS: 1500,
    });
    expect(parseEnv({ ...base, TRUST_PROXY: "yes" }).TRUST_PROXY).toBe(false);
    expect(() => parseEnv({ ...base, REMINDER_EVERY_MS: "snart" })).toThrow();
  });

  it("is read from process.env nowhere else in app/, jobs/ and server.ts", () => {
    const found: string[] = [];
    for (const file of [...files(path.join(root, "app")), ...files(path.join(root, "jobs")), path.join(root, "server.ts")]) {
      const rel = path.relative(root, file);
      if (allowed.some((a) => rel.startsWith(a))) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/process\.env\b/.test(line)) found.push(`${rel}:${i + 1}`);
        });
    }
    expect(found).toEqual([]);
  });
});
