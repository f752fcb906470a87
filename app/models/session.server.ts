import { createHash } from "node:crypto";
import { accountAndAddressThrottle, maySendSignInLink, WINDOW_MS } from "~/domain/signin-throttle.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";
import { DAY_MS } from "~/domain/dates.ts";

/** Session ids are stored only as SHA-256 hashes: a copy of the database signs nobody in. */
function idHash(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

export const SESSION_TTL_MS = 14 * DAY_MS;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isOperator: boolean;
  /** Two-step sign-in is on (operators, and members where it is required, need it). */
  twoStepEnabled: boolean;
}

export async function createSession(userId: string, id: string, now = new Date()) {
  return getDb().session.create({
    data: { id: idHash(id), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
}

/** How often a session's lastSeenAt is written: at most once in this time, not on every request. */
export const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

/**
 * The signed-in person of a session id. Notes when the session was last used (at most every
 * LAST_SEEN_EVERY_MS) and, the first time, the short device label, for Mitt konto.
 */
export async function findSessionUser(sessionId: string, now = new Date(), device: string | null = null): Promise<SessionUser | null> {
  const id = idHash(sessionId);
  // One query: it runs on every page request (the ORM read session, user and two-step in sequence).
  const [session] = await readRows<
    Array<{ expiresAt: Date; lastSeenAt: Date | null; device: string | null; userId: string; email: string; name: string; isOperator: boolean; twoStepEnabled: boolean }>
  >(Prisma.sql`
    SELECT s."expiresAt", s."lastSeenAt", s."device", u."id"::text AS "userId", u."email", u."name", u."isOperator",
           (t."enabledAt" IS NOT NULL) AS "twoStepEnabled"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "TwoStepSecret" t ON t."userId" = u."id"
    WHERE s."id" = ${id}`);
  if (!session || session.expiresAt <= now) return null;
  const stale = !session.lastSeenAt || now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS;
  const newDevice = device !== null && session.device === null;
  if (stale || newDevice) {
    await getDb().session.updateMany({ where: { id }, data: { lastSeenAt: now, ...(newDevice ? { device } : {}) } });
  }
  return { id: session.userId, email: session.email, name: session.name, isOperator: session.isOperator, twoStepEnabled: session.twoStepEnabled };
}

/** The stored key (hash) of a session id: what Mitt konto uses to mark "this session". */
export function sessionKey(sessionId: string): string {
  return idHash(sessionId);
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
    where: { createdAt: { lt: new Date(now.getTime() - DAY_MS) } },
  });
  await db.signInLink.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - DAY_MS) } } });
  await db.passwordReset.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - DAY_MS) } } });
  await db.passwordResetRequest.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - DAY_MS) } } });
  return { sessions: sessions.count, attempts: attempts.count };
}

export type AttemptStart = { allowed: true; attemptId: string } | { allowed: false; retryAfterMs: number };

/**
 * Decides whether a sign-in attempt may check its password, and if so counts it as failed
 * before the (slow) check. Advisory locks per account and per address serialise the
 * read-decide-record step, so parallel attempts see each other: of any number sent at once,
 * only the free attempts get through. A successful check then marks the row succeeded.
 */
export async function beginSignInAttempt(email: string, ip: string, clock: () => Date = () => new Date()): Promise<AttemptStart> {
  return getDb().$transaction(
    async (tx) => {
      // Always account first, then address: no two transactions wait on each other in a cycle.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(8101, hashtext(${email}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(8102, hashtext(${ip}))`;
      // The time is read under the locks, so recorded attempts are in the order they were decided.
      const now = clock();
      const since = new Date(now.getTime() - WINDOW_MS);
      const failures = (where: { email: string } | { ip: string }) =>
        tx.signInAttempt
          .findMany({ where: { ...where, succeeded: false, createdAt: { gte: since } }, select: { createdAt: true } })
          .then((rows) => rows.map((r) => r.createdAt));
      const decision = accountAndAddressThrottle(await failures({ email }), await failures({ ip }), now);
      if (!decision.allowed) return { allowed: false as const, retryAfterMs: decision.retryAfterMs };
      const row = await tx.signInAttempt.create({ data: { email, ip, succeeded: false, createdAt: now }, select: { id: true } });
      return { allowed: true as const, attemptId: row.id };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

export async function markSignInSucceeded(attemptId: string) {
  await getDb().signInAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}

/**
 * Stores a sign-in link (its hash) unless the account already received SIGN_IN_LINKS_PER_HOUR
 * within the hour; returns whether it was stored.
 */
export async function createSignInLink(userId: string, tokenHash: string, expiresAt: Date, now = new Date()): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(8103, hashtext(${userId}))`;
    const recent = await tx.signInLink.findMany({
      where: { userId, createdAt: { gt: new Date(now.getTime() - 60 * 60 * 1000) } },
      select: { createdAt: true },
    });
    if (!maySendSignInLink(recent.map((r) => r.createdAt), now)) return false;
    await tx.signInLink.create({ data: { userId, tokenHash, expiresAt, createdAt: now } });
    return true;
  });
}

/** The person an unused, unexpired link signs in (for the confirmation page). */
export async function findOpenSignInLink(tokenHash: string, now = new Date()) {
  const link = await getDb().signInLink.findUnique({
    where: { tokenHash },
    select: { usedAt: true, expiresAt: true, user: { select: { name: true, email: true } } },
  });
  if (!link || link.usedAt || link.expiresAt <= now) return null;
  return link.user;
}

/** Uses a link once, atomically (one UPDATE): returns its user, or null when it is spent, expired or unknown. */
export async function consumeSignInLink(tokenHash: string, now = new Date()): Promise<string | null> {
  const used = await getDb().signInLink.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) return null;
  const link = await getDb().signInLink.findUnique({ where: { tokenHash }, select: { userId: true } });
  return link?.userId ?? null;
}
