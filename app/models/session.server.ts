import { createHash } from "node:crypto";
import { getDb } from "~/services/db.server.ts";

/** Session ids are stored only as SHA-256 hashes: a copy of the database signs nobody in. */
function idHash(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isOperator: boolean;
}

export async function createSession(userId: string, id: string, now = new Date()) {
  return getDb().session.create({
    data: { id: idHash(id), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
}

export async function findSessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const session = await getDb().session.findUnique({
    where: { id: idHash(sessionId) },
    select: {
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, isOperator: true } },
    },
  });
  if (!session || session.expiresAt <= now) return null;
  return session.user;
}

export async function deleteSession(sessionId: string) {
  await getDb().session.deleteMany({ where: { id: idHash(sessionId) } });
}

export async function deleteUserSessions(userId: string) {
  await getDb().session.deleteMany({ where: { userId } });
}

/** Removes expired sessions and sign-in attempts older than a day; returns what was removed. */
export async function purgeExpired(now = new Date()) {
  const db = getDb();
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const attempts = await db.signInAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } },
  });
  return { sessions: sessions.count, attempts: attempts.count };
}

export async function recordSignInAttempt(email: string, ip: string, succeeded: boolean) {
  await getDb().signInAttempt.create({ data: { email, ip, succeeded } });
}

/** Failed attempts for this e-mail address since `since`. */
export async function recentFailures(email: string, since: Date): Promise<Date[]> {
  const rows = await getDb().signInAttempt.findMany({
    where: { email, succeeded: false, createdAt: { gte: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.createdAt);
}
