import { passwordResetThrottle, RESET_WINDOW_MS, resetLinkState, type ResetLinkState, type ResetThrottle } from "~/domain/password-reset.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";

/**
 * Forgotten-password links and the requests for them. Only the token's SHA-256 is stored; a
 * link is used once with one conditional UPDATE, so of two simultaneous uses exactly one wins.
 */

/**
 * Counts a reset request for this address from this client, unless either is over its limit.
 * Advisory locks per address and per client serialise the read-decide-record step, as for
 * sign-in attempts, so parallel requests cannot all pass.
 */
export async function recordResetRequest(email: string, ip: string, now = new Date()): Promise<ResetThrottle> {
  return getDb().$transaction(
    async (tx) => {
      // Always address first, then client: no two transactions wait on each other in a cycle.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(8104, hashtext(${email}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(8105, hashtext(${ip}))`;
      const since = new Date(now.getTime() - RESET_WINDOW_MS);
      const requests = (where: { email: string } | { ip: string }) =>
        tx.passwordResetRequest
          .findMany({ where: { ...where, createdAt: { gt: since } }, select: { createdAt: true } })
          .then((rows) => rows.map((r) => r.createdAt));
      const decision = passwordResetThrottle(await requests({ email }), await requests({ ip }), now);
      if (decision.allowed) await tx.passwordResetRequest.create({ data: { email, ip, createdAt: now } });
      return decision;
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

export async function createPasswordReset(userId: string, tokenHash: string, expiresAt: Date, now = new Date()) {
  await getDb().passwordReset.create({ data: { userId, tokenHash, expiresAt, createdAt: now } });
}

export interface OpenedReset {
  state: ResetLinkState;
  /** Only for an open link: whose password it sets. */
  person: { name: string; email: string } | null;
}

export async function findPasswordReset(tokenHash: string, now = new Date()): Promise<OpenedReset> {
  const link = await getDb().passwordReset.findUnique({
    where: { tokenHash },
    select: { usedAt: true, expiresAt: true, user: { select: { name: true, email: true } } },
  });
  const state = resetLinkState(link, now);
  return { state, person: state === "open" && link ? link.user : null };
}

export type UsedReset = { ok: true; userId: string } | { ok: false; state: Exclude<ResetLinkState, "open"> };

/**
 * Uses a reset link once: in one transaction the link is claimed, the password set, every other
 * open reset link of the account closed and every session of the account ended (the caller then
 * starts the new one). Audited as password.reset.
 */
export async function redeemPasswordReset(tokenHash: string, passwordHash: string, now = new Date()): Promise<UsedReset> {
  const userId = await getDb().$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    const { userId } = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit({ municipalityId: null, actorId: userId, entityType: "User", entityId: userId, event: "password.reset" }, tx);
    return userId;
  });
  if (userId) return { ok: true, userId };
  const { state } = await findPasswordReset(tokenHash, now);
  return { ok: false, state: state === "open" ? "used" : state };
}
