import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEVELOPMENT_SECRET, parseEnv, publicUrl, requireSessionSecret, secureCookies } from "~/platform/env.server.ts";
import { ensureSessionSecret } from "~/cli/support/session-secret.server.ts";

const base = { DATABASE_URL: "postgresql://localhost/kompassplan" };

describe("environment", () => {
  it("refuses a missing or malformed DATABASE_URL", () => {
    expect(() => parseEnv({})).toThrow();
    expect(() => parseEnv({ DATABASE_URL: "inte en url" })).toThrow();
  });

  it("defaults the port to 3000 and reads PORT", () => {
    expect(parseEnv(base).PORT).toBe(3000);
    expect(parseEnv({ ...base, PORT: "8080" }).PORT).toBe(8080);
    expect(publicUrl(parseEnv({ ...base, PORT: "8080" }))).toBe("http://localhost:8080");
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ ...base, REDIS_URL: "" }).REDIS_URL).toBeUndefined();
  });

  it("sends Secure cookies in production, except for the quick start on http://localhost", () => {
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "production", PUBLIC_URL: "https://plan.kommun.se" }))).toBe(true);
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "production", PUBLIC_URL: "http://plan.kommun.se" }))).toBe(true);
    // Without PUBLIC_URL nothing says the site is served over plain http: Secure.
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "production" }))).toBe(true);
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "production", PUBLIC_URL: "http://localhost:3000" }))).toBe(false);
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "development", PUBLIC_URL: "https://plan.kommun.se" }))).toBe(false);
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "production", SECURE_COOKIES: "true" }))).toBe(true);
  });

  it("refuses the development session secret in production, with a message naming SESSION_SECRET", () => {
    expect(() => requireSessionSecret(parseEnv({ ...base, NODE_ENV: "production" }))).toThrow(/SESSION_SECRET/);
    expect(() => requireSessionSecret(parseEnv({ ...base, NODE_ENV: "production", SESSION_SECRET: DEVELOPMENT_SECRET }))).toThrow(/SESSION_SECRET/);
    expect(requireSessionSecret(parseEnv({ ...base, NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) }))).toBe("x".repeat(40));
    expect(requireSessionSecret(parseEnv({ ...base, NODE_ENV: "development" }))).toBe(DEVELOPMENT_SECRET);
  });

  it("the quick start generates a secret once, keeps it private in the data folder, and an explicit one wins", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kompassplan-secret-"));
    try {
      const first = ensureSessionSecret(path.join(dir, ".data"), undefined);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(ensureSessionSecret(path.join(dir, ".data"), undefined)).toBe(first);
      const file = path.join(dir, ".data", "session-secret");
      expect(readFileSync(file, "utf8").trim()).toBe(first);
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(ensureSessionSecret(path.join(dir, ".data"), "ett-eget-hemligt-värde-1234")).toBe("ett-eget-hemligt-värde-1234");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
