/**
 * Forgotten passwords. Pure: the caller passes the recent requests, the link's dates and `now`.
 *
 * A reset link is valid RESET_LINK_TTL_MS, once. Requests are counted per typed address (whether
 * or not it has an account, so the limit tells nothing about who exists) and per client address;
 * over either limit within the hour, the request is refused and nothing is mailed.
 */

export const RESET_LINK_TTL_MS = 60 * 60 * 1000;
export const RESET_WINDOW_MS = 60 * 60 * 1000;
/** Requests for one e-mail address per hour: enough for a lost mail, too few to flood a mailbox. */
export const RESETS_PER_ADDRESS = 3;
/** Requests from one client address per hour, across all e-mail addresses (an office shares one). */
export const RESETS_PER_IP = 20;

export type ResetThrottle = { allowed: true } | { allowed: false; retryAfterMs: number };

function limit(requests: readonly Date[], max: number, now: Date): ResetThrottle {
  const recent = requests
    .map((d) => d.getTime())
    .filter((t) => t <= now.getTime() && now.getTime() - t < RESET_WINDOW_MS)
    .sort((a, b) => a - b);
  if (recent.length < max) return { allowed: true };
  // The oldest request that must leave the window before another is accepted.
  const oldest = recent[recent.length - max]!;
  return { allowed: false, retryAfterMs: oldest + RESET_WINDOW_MS - now.getTime() };
}

/** Whether another reset may be requested for this e-mail address from this client address. */
export function passwordResetThrottle(addressRequests: readonly Date[], ipRequests: readonly Date[], now: Date): ResetThrottle {
  const byAddress = limit(addressRequests, RESETS_PER_ADDRESS, now);
  const byIp = limit(ipRequests, RESETS_PER_IP, now);
  if (byAddress.allowed && byIp.allowed) return { allowed: true };
  const wait = (d: ResetThrottle) => (d.allowed ? 0 : d.retryAfterMs);
  return { allowed: false, retryAfterMs: Math.max(wait(byAddress), wait(byIp)) };
}

export type ResetLinkState = "open" | "used" | "expired" | "unknown";

/** What a reset link is worth at `now`: only an unused link inside its hour sets a password. */
export function resetLinkState(link: { expiresAt: Date; usedAt: Date | null } | null, now: Date): ResetLinkState {
  if (!link) return "unknown";
  if (link.usedAt) return "used";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "open";
}

export function resetLinkExpiry(now: Date): Date {
  return new Date(now.getTime() + RESET_LINK_TTL_MS);
}
