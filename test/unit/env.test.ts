import { describe, expect, it } from "vitest";
import { parseEnv, publicUrl, secureCookies } from "~/services/env.server.ts";

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
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "production" }))).toBe(false);
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "development", PUBLIC_URL: "https://plan.kommun.se" }))).toBe(false);
    expect(secureCookies(parseEnv({ ...base, NODE_ENV: "production", SECURE_COOKIES: "true" }))).toBe(true);
  });
});
