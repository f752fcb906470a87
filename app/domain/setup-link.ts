/**
 * The one-time link with which an operator chooses a password (first start, `npm run operator`).
 * Pure: the caller passes `now`.
 */

export const SETUP_LINK_HOURS = 24;
const HOUR_MS = 60 * 60 * 1000;

/** When a link made at `now` stops working. */
export function setupLinkExpiry(now: Date): Date {
  return new Date(now.getTime() + SETUP_LINK_HOURS * HOUR_MS);
}

export type SetupLinkState = "open" | "used" | "expired";

/** A link works until it is used or until its expiry time (the expiry instant itself is too late). */
export function setupLinkState(link: { expiresAt: Date; usedAt: Date | null }, now: Date): SetupLinkState {
  if (link.usedAt) return "used";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "open";
}
