import { createHash, randomBytes } from "node:crypto";
import { getDb } from "~/platform/db.server.ts";
import { encryptSecret, tryDecryptSecret } from "~/platform/secret-box.server.ts";

/**
 * Personal calendar feeds. The feed is found by the hash of the secret in its address
 * (`calendarToken`); a copy of the secret sealed with DATA_ENCRYPTION_KEY (`calendarTokenSealed`,
 * ADR 0045) lets its owner see the address again without renewing it.
 */

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issues a new secret; the previous address stops working at once. */
export async function renewCalendarToken(userId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await getDb().user.update({ where: { id: userId }, data: { calendarToken: hash(token), calendarTokenSealed: encryptSecret(token) } });
  return token;
}

export async function hasCalendarToken(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { calendarToken: true } });
  return Boolean(user?.calendarToken);
}

/**
 * The user's own calendar feed: `none` without one; `hidden` when the address cannot be shown
 * again (made before the sealed copy was kept, or sealed under another DATA_ENCRYPTION_KEY);
 * otherwise the secret of the address that works now. Call only with the signed-in user's id.
 */
export type CalendarFeed = { state: "none" } | { state: "hidden" } | { state: "shown"; token: string };

export async function calendarFeedOf(userId: string): Promise<CalendarFeed> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { calendarToken: true, calendarTokenSealed: true } });
  if (!user?.calendarToken) return { state: "none" };
  const token = user.calendarTokenSealed ? tryDecryptSecret(user.calendarTokenSealed) : null;
  // A sealed copy that does not belong to the current hash is never shown: it would not work.
  if (!token || hash(token) !== user.calendarToken) return { state: "hidden" };
  return { state: "shown", token };
}

/** The secret of the user's calendar address when it can be shown again, else null. */
export async function calendarAddressOf(userId: string): Promise<string | null> {
  const feed = await calendarFeedOf(userId);
  return feed.state === "shown" ? feed.token : null;
}

export async function findUserByCalendarToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return getDb().user.findUnique({ where: { calendarToken: hash(token) }, select: { id: true, name: true } });
}
