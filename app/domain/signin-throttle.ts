/**
 * Slows down repeated failed sign-ins. Pure: the caller passes the recent failures and `now`.
 * After FREE_ATTEMPTS failures within the window, each further attempt must wait a delay that
 * doubles with every failure, up to MAX_DELAY_MS.
 */

export const WINDOW_MS = 15 * 60 * 1000;
export const FREE_ATTEMPTS = 5;
export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 5 * 60 * 1000;

export interface ThrottleDecision {
  allowed: boolean;
  /** Milliseconds until the next attempt is accepted (0 when allowed). */
  retryAfterMs: number;
}

export function signInThrottle(failures: readonly Date[], now: Date): ThrottleDecision {
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t <= now.getTime() && now.getTime() - t < WINDOW_MS)
    .sort((a, b) => a - b);
  if (recent.length < FREE_ATTEMPTS) return { allowed: true, retryAfterMs: 0 };
  const excess = recent.length - FREE_ATTEMPTS;
  const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** excess);
  const last = recent[recent.length - 1]!;
  const waitUntil = last + delay;
  const retryAfterMs = Math.max(0, waitUntil - now.getTime());
  return { allowed: retryAfterMs === 0, retryAfterMs };
}
