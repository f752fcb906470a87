/**
 * Slows down repeated failed sign-ins. Pure: the caller passes the recent failures and `now`.
 * After FREE_ATTEMPTS failures within the window, each further attempt must wait a delay that
 * doubles with every failure, up to MAX_DELAY_MS. The same holds per address (all accounts
 * together) after IP_FREE_ATTEMPTS. The caller counts an attempt as failed before it checks the
 * password, atomically, so parallel attempts cannot all pass (ADR 0008).
 */

export const WINDOW_MS = 15 * 60 * 1000;
export const FREE_ATTEMPTS = 5;
/** Failed sign-ins from one address, across all accounts, before that address is slowed down. */
export const IP_FREE_ATTEMPTS = 20;
export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 5 * 60 * 1000;

export interface ThrottleDecision {
  allowed: boolean;
  /** Milliseconds until the next attempt is accepted (0 when allowed). */
  retryAfterMs: number;
}

export function signInThrottle(failures: readonly Date[], now: Date, freeAttempts = FREE_ATTEMPTS): ThrottleDecision {
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t <= now.getTime() && now.getTime() - t < WINDOW_MS)
    .sort((a, b) => a - b);
  if (recent.length < freeAttempts) return { allowed: true, retryAfterMs: 0 };
  const excess = recent.length - freeAttempts;
  const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** excess);
  const last = recent[recent.length - 1]!;
  const waitUntil = last + delay;
  const retryAfterMs = Math.max(0, waitUntil - now.getTime());
  return { allowed: retryAfterMs === 0, retryAfterMs };
}

/** The account's and the address's limits together: the longer wait wins. */
export function accountAndAddressThrottle(accountFailures: readonly Date[], addressFailures: readonly Date[], now: Date): ThrottleDecision {
  const account = signInThrottle(accountFailures, now, FREE_ATTEMPTS);
  const address = signInThrottle(addressFailures, now, IP_FREE_ATTEMPTS);
  const retryAfterMs = Math.max(account.retryAfterMs, address.retryAfterMs);
  return { allowed: account.allowed && address.allowed, retryAfterMs };
}

/** A mailed sign-in link is valid this long, once. */
export const SIGN_IN_LINK_TTL_MS = 30 * 60 * 1000;
/** At most this many sign-in links per account and hour, so nobody can flood a mailbox. */
export const SIGN_IN_LINKS_PER_HOUR = 3;

export function maySendSignInLink(recentLinks: readonly Date[], now: Date): boolean {
  const hourAgo = now.getTime() - 60 * 60 * 1000;
  return recentLinks.filter((d) => d.getTime() > hourAgo && d.getTime() <= now.getTime()).length < SIGN_IN_LINKS_PER_HOUR;
}
