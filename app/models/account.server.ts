import { getDb } from "~/platform/db.server.ts";
import { hashPassword, verifyPassword } from "~/platform/password.server.ts";
import { recordAudit } from "./audit.server.ts";
import { beginSignInAttempt, markSignInSucceeded } from "./session.server.ts";

/**
 * A person's own account (Mitt konto). Every function takes the signed-in person's id and
 * touches only that person's rows: nobody can see or end another person's sessions.
 */

export interface OwnSession {
  /** The session's stored key (the SHA-256 of its cookie id), never the id itself. */
  key: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  device: string | null;
}

/** Sessions bounded per page: a person rarely has more; the oldest beyond this are not listed. */
const MAX_LISTED_SESSIONS = 50;

export async function listOwnSessions(userId: string, now = new Date()): Promise<OwnSession[]> {
  const rows = await getDb().session.findMany({
    where: { userId, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, lastSeenAt: true, device: true },
    orderBy: [{ createdAt: "desc" }],
    take: MAX_LISTED_SESSIONS,
  });
  return rows
    .map((r) => ({ key: r.id, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, device: r.device }))
    .sort((a, b) => (b.lastSeenAt ?? b.createdAt).getTime() - (a.lastSeenAt ?? a.createdAt).getTime());
}

/** Ends one of the person's own sessions; returns false when no such session of theirs exists. */
export async function endOwnSession(userId: string, key: string): Promise<boolean> {
  const ended = await getDb().session.deleteMany({ where: { id: key, userId } });
  return ended.count === 1;
}

/** Ends every session of the person (sign out everywhere). */
export async function endAllOwnSessions(userId: string): Promise<number> {
  return (await getDb().session.deleteMany({ where: { userId } })).count;
}

export async function renameSelf(userId: string, name: string): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { name } });
}

export type PasswordChange =
  | { ok: true }
  | { ok: false; reason: "wrong-current" | "no-password" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Changes the person's password after checking the current one. The check counts as a sign-in
 * attempt of the account and address (the same throttle as the sign-in page), so a left-open
 * session cannot be used to guess the password. Every other session of the person ends; the
 * one making the change (keepKey) stays. Audited as password.changed.
 */
export async function changeOwnPassword(
  user: { id: string; email: string },
  current: string,
  next: string,
  keepKey: string | null,
  ip: string,
): Promise<PasswordChange> {
  const row = await getDb().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row?.passwordHash) return { ok: false, reason: "no-password" };
  const attempt = await beginSignInAttempt(user.email, ip);
  if (!attempt.allowed) return { ok: false, reason: "throttled", retryAfterMs: attempt.retryAfterMs };
  if (!(await verifyPassword(row.passwordHash, current))) return { ok: false, reason: "wrong-current" };
  await markSignInSucceeded(attempt.attemptId);
  const passwordHash = await hashPassword(next);
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.id, ...(keepKey ? { id: { not: keepKey } } : {}) } });
    await recordAudit(
      { municipalityId: null, actorId: user.id, entityType: "User", entityId: user.id, event: "password.changed" },
      tx,
    );
  });
  return { ok: true };
}
