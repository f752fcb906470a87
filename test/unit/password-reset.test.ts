import { describe, expect, it } from "vitest";
import {
  passwordResetThrottle,
  RESET_LINK_TTL_MS,
  RESET_WINDOW_MS,
  resetLinkExpiry,
  resetLinkState,
  RESETS_PER_ADDRESS,
  RESETS_PER_IP,
} from "~/domain/password-reset.ts";

const now = new Date("2026-11-26T17:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const times = (n: number, ms = 60_000) => Array.from({ length: n }, (_, i) => ago((i + 1) * ms));

describe("passwordResetThrottle", () => {
  it("accepts requests below both limits", () => {
    expect(passwordResetThrottle(times(RESETS_PER_ADDRESS - 1), times(RESETS_PER_IP - 1), now)).toEqual({ allowed: true });
  });

  it("refuses once the address has had its requests within the hour, until the oldest leaves the window", () => {
    const requests = times(RESETS_PER_ADDRESS, 10 * 60_000); // 10, 20, 30 minutes ago
    const decision = passwordResetThrottle(requests, [], now);
    expect(decision).toEqual({ allowed: false, retryAfterMs: RESET_WINDOW_MS - 30 * 60_000 });
    const later = new Date(now.getTime() + 30 * 60_000);
    expect(passwordResetThrottle(requests, [], later)).toEqual({ allowed: true });
  });

  it("refuses a client address over its own limit whatever the e-mail address", () => {
    const decision = passwordResetThrottle([], times(RESETS_PER_IP), now);
    expect(decision.allowed).toBe(false);
  });

  it("waits for the longer of the two limits", () => {
    const address = times(RESETS_PER_ADDRESS, 60_000); // oldest 3 minutes ago: wait 57 minutes
    const ip = times(RESETS_PER_IP, 1_000); // oldest 20 s ago: wait 59 min 40 s
    const decision = passwordResetThrottle(address, ip, now);
    expect(decision).toEqual({ allowed: false, retryAfterMs: RESET_WINDOW_MS - 20_000 });
  });

  it("ignores requests older than the window and requests dated in the future", () => {
    const old = Array.from({ length: 10 }, () => ago(RESET_WINDOW_MS));
    const future = Array.from({ length: 10 }, () => new Date(now.getTime() + 1000));
    expect(passwordResetThrottle([...old, ...future], [...old, ...future], now)).toEqual({ allowed: true });
  });
});

describe("reset link expiry", () => {
  it("expires one hour after it was made", () => {
    expect(resetLinkExpiry(now).getTime() - now.getTime()).toBe(RESET_LINK_TTL_MS);
    expect(RESET_LINK_TTL_MS).toBe(60 * 60 * 1000);
  });

  it("is open until its expiry, expired from that moment", () => {
    const expiresAt = resetLinkExpiry(now);
    expect(resetLinkState({ expiresAt, usedAt: null }, new Date(expiresAt.getTime() - 1))).toBe("open");
    expect(resetLinkState({ expiresAt, usedAt: null }, expiresAt)).toBe("expired");
    expect(resetLinkState({ expiresAt, usedAt: null }, new Date(expiresAt.getTime() + 1))).toBe("expired");
  });

  it("is used once used, even inside its hour; unknown when there is no such link", () => {
    expect(resetLinkState({ expiresAt: resetLinkExpiry(now), usedAt: now }, now)).toBe("used");
    expect(resetLinkState(null, now)).toBe("unknown");
  });
});
