import { createHash, randomBytes } from "node:crypto";
import { getDb } from "~/platform/db.server.ts";

/** Personal calendar feeds: the secret lives only in the user's address; we keep its hash. */

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issues a new secret; the previous address stops working at once. */
export async function renewCalendarToken(userId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await getDb().user.update({ where: { id: userId }, data: { calendarToken: hash(token) } });
  return token;
}

export async function hasCalendarToken(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { calendarToken: true } });
  return Boolean(user?.calendarToken);
}

export async function findUserByCalendarToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return getDb().user.findUnique({ where: { calendarToken: hash(token) }, select: { id: true, name: true } });
}
