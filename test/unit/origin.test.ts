import { describe, expect, it } from "vitest";
import { isCrossOriginMutation } from "~/services/origin.server.ts";

describe("isCrossOriginMutation", () => {
  const host = "kompassplan.example.se";
  it("never blocks reads", () => {
    expect(isCrossOriginMutation("GET", { origin: "https://evil.example", host })).toBe(false);
  });
  it("accepts a POST from the same origin", () => {
    expect(isCrossOriginMutation("POST", { origin: `https://${host}`, host })).toBe(false);
  });
  it("refuses a POST from another origin", () => {
    expect(isCrossOriginMutation("POST", { origin: "https://evil.example", host })).toBe(true);
    expect(isCrossOriginMutation("DELETE", { origin: "https://evil.example", host })).toBe(true);
  });
  it("refuses an opaque origin and cross-site fetch metadata", () => {
    expect(isCrossOriginMutation("POST", { origin: "null", host })).toBe(true);
    expect(isCrossOriginMutation("POST", { host, secFetchSite: "cross-site" })).toBe(true);
  });
  it("accepts the configured public origin behind a proxy", () => {
    expect(isCrossOriginMutation("POST", { origin: "https://plan.kommun.se", host: "10.0.0.5:3000" }, ["https://plan.kommun.se"])).toBe(false);
  });
  it("accepts a POST without Origin from a non-browser client on the same site", () => {
    expect(isCrossOriginMutation("POST", { host })).toBe(false);
    expect(isCrossOriginMutation("POST", { host, secFetchSite: "same-origin" })).toBe(false);
  });
});
