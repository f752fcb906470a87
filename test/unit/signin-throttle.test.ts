import { describe, expect, it } from "vitest";
import {
  accountAndAddressThrottle,
  BASE_DELAY_MS,
  FREE_ATTEMPTS,
  IP_FREE_ATTEMPTS,
  MAX_DELAY_MS,
  maySendSignInLink,
  SIGN_IN_LINKS_PER_HOUR,
  signInThrottle,
  WINDOW_MS,
} from "~/domain/signin-throttle.ts";

const now = new Date("2026-11-23T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("signInThrottle", () => {
  it("lets the first failures through without delay", () => {
    const failures = Array.from({ length: FREE_ATTEMPTS - 1 }, (_, i) => ago(i * 1000));
    expect(signInThrottle(failures, now)).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it("makes the caller wait once the free attempts are used", () => {
    const failures = Array.from({ length: FREE_ATTEMPTS }, () => ago(500));
    expect(signInThrottle(failures, now)).toEqual({ allowed: false, retryAfterMs: BASE_DELAY_MS - 500 });
  });

  it("doubles the delay with every further failure, up to the maximum", () => {
    const seven = Array.from({ length: FREE_ATTEMPTS + 2 }, () => now);
    expect(signInThrottle(seven, now).retryAfterMs).toBe(BASE_DELAY_MS * 4);
    const many = Array.from({ length: FREE_ATTEMPTS + 30 }, () => now);
    expect(signInThrottle(many, now).retryAfterMs).toBe(MAX_DELAY_MS);
  });

  it("allows again when the delay has passed", () => {
    const failures = Array.from({ length: FREE_ATTEMPTS }, () => ago(BASE_DELAY_MS));
    expect(signInThrottle(failures, now).allowed).toBe(true);
  });

  it("forgets failures outside the window", () => {
    const failures = Array.from({ length: 20 }, () => ago(WINDOW_MS + 1));
    expect(signInThrottle(failures, now)).toEqual({ allowed: true, retryAfterMs: 0 });
  });
});

describe("accountAndAddressThrottle and sign-in links", () => {
  it("slows an address down after IP_FREE_ATTEMPTS failures across accounts, the longer wait winning", () => {
    const few = Array.from({ length: IP_FREE_ATTEMPTS - 1 }, () => ago(100));
    expect(accountAndAddressThrottle([], few, now)).toEqual({ allowed: true, retryAfterMs: 0 });
    const many = Array.from({ length: IP_FREE_ATTEMPTS }, () => ago(100));
    expect(accountAndAddressThrottle([], many, now)).toEqual({ allowed: false, retryAfterMs: BASE_DELAY_MS - 100 });
    const account = Array.from({ length: FREE_ATTEMPTS + 1 }, () => ago(100));
    expect(accountAndAddressThrottle(account, many, now).retryAfterMs).toBe(BASE_DELAY_MS * 2 - 100);
  });

  it("sends at most SIGN_IN_LINKS_PER_HOUR links an hour", () => {
    const sent = Array.from({ length: SIGN_IN_LINKS_PER_HOUR }, () => ago(10 * 60 * 1000));
    expect(maySendSignInLink(sent.slice(1), now)).toBe(true);
    expect(maySendSignInLink(sent, now)).toBe(false);
    expect(maySendSignInLink(sent.map(() => ago(61 * 60 * 1000)), now)).toBe(true);
  });
});
