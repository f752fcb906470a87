import { describe, expect, it } from "vitest";
import { isCrossOriginMutation } from "~/http/origin.server.ts";

describe("isCrossOriginMutation", () => {
  const host = "kompassplan.example.se";
  it("never blocks reads", () => {
    expect(isCrossOriginMutation("GET", { origin: "https://evil.example", host })).toBe(false);
  });
  it("accepts a POST from the same origin", () => {
    expect(isCrossOriginMutation("POST", { origin: `https://${host}`, host, protocol: "https" })).toBe(false);
  });
  it("refuses a POST from another origin", () => {
    expect(isCrossOriginMutation("POST", { origin: "https://evil.example", host })).toBe(true);
    expect(isCrossOriginMutation("DELETE", { origin: "https://evil.example", host })).toBe(true);
  });
  it("refuses an opaque origin and cross-site fetch metadata", () => {
    expect(isCrossOriginMutation("POST", { origin: "null", host })).toBe(true);
    expect(isCrossOriginMutation("POST", { host, secFetchSite: "cross-site" })).toBe(true);
  });
  it("accepts the configured public origin behind a proxy that forwards the host", () => {
    const allowed = ["https://plan.kommun.se"];
    expect(isCrossOriginMutation("POST", { origin: "https://plan.kommun.se", host: "plan.kommun.se", protocol: "http" }, allowed)).toBe(false);
    expect(
      isCrossOriginMutation("POST", { origin: "https://plan.kommun.se", host: "10.0.0.5:3000", forwardedHost: "plan.kommun.se" }, allowed),
    ).toBe(false);
  });
  it("refuses the configured public origin when Host names another site (Remix would abort the action with a 500)", () => {
    expect(isCrossOriginMutation("POST", { origin: "https://plan.kommun.se", host: "10.0.0.5:3000" }, ["https://plan.kommun.se"])).toBe(true);
  });
  it("compares whole origins: another scheme or port on the same host is another origin", () => {
    expect(isCrossOriginMutation("POST", { origin: "https://127.0.0.1:3400", host: "127.0.0.1:3400", protocol: "http" })).toBe(true);
    expect(isCrossOriginMutation("POST", { origin: "http://127.0.0.1:3400", host: "127.0.0.1:3400", protocol: "http" })).toBe(false);
    expect(isCrossOriginMutation("POST", { origin: "http://127.0.0.1:3401", host: "127.0.0.1:3400", protocol: "http" })).toBe(true);
    expect(isCrossOriginMutation("POST", { origin: "https://plan.kommun.se", host: "plan.kommun.se", protocol: "https" })).toBe(false);
  });
  it("accepts a POST without Origin from a non-browser client on the same site", () => {
    expect(isCrossOriginMutation("POST", { host })).toBe(false);
    expect(isCrossOriginMutation("POST", { host, secFetchSite: "same-origin" })).toBe(false);
  });
});
