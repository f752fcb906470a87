import { CHALLENGE_MAX_ATTEMPTS } from "~/domain/two-step.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";

/**
 * Two-step sign-in in PostgreSQL: a person's encrypted authenticator secret, their hashed
 * recovery codes, the sign-ins waiting for a second step, and each municipality's requirement.
 * Every "use once" is one conditional UPDATE or DELETE, so two requests never both succeed.
 */

export interface TwoStepRecord {
  secretCiphertext: string;
  enabledAt: Date | null;
  lastTimeStep: number | null;
}

export async function findTwoStep(userId: string): Promise<TwoStepRecord | null> {
  return getDb().twoStepSecret.findUnique({
    where: { userId },
    select: { secretCiphertext: true, enabledAt: true, lastTimeStep: true },
  });
}

/** Keeps a new secret waiting for its confirming code; never replaces an enabled one. */
export async function savePendingSecret(userId: string, secretCiphertext: string): Promise<boolean> {
  const db = getDb();
  const replaced = await db.twoStepSecret.updateMany({
    where: { userId, enabledAt: null },
    data: { secretCiphertext, lastTimeStep: null, createdAt: new Date() },
  });
  if (replaced.count === 1) return true;
  const created = await db.twoStepSecret.createMany({ data: [{ userId, secretCiphertext }], skipDuplicates: true });
  return created.count === 1;
}

/**
 * Switches two-step sign-in on with the confirming code's time step and a fresh set of recovery
 * codes (hashes); false when it was already on (e.g. a second tab confirmed first).
 */
export async function enableTwoStep(userId: string, timeStep: number, recoveryCodeHashes: readonly string[], now = new Date()): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const enabled = await tx.twoStepSecret.updateMany({
      where: { userId, enabledAt: null },
      data: { enabledAt: now, lastTimeStep: timeStep },
    });
    if (enabled.count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: recoveryCodeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })) });
    await recordAudit({ municipalityId: null, actorId: userId, entityType: "User", entityId: userId, event: "totp.enabled" }, tx);
    return true;
  });
}

/** Switches two-step sign-in off: the secret, the recovery codes and any waiting sign-in go. */
export async function disableTwoStep(userId: string, actorId: string): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const removed = await tx.twoStepSecret.deleteMany({ where: { userId, enabledAt: { not: null } } });
    if (removed.count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.signInChallenge.deleteMany({ where: { userId } });
    await recordAudit({ municipalityId: null, actorId, entityType: "User", entityId: userId, event: "totp.disabled" }, tx);
    return true;
  });
}

/** Records an accepted code's time step, once: false when this or a later step was already used. */
export async function acceptTimeStep(userId: string, timeStep: number): Promise<boolean> {
  const updated = await getDb().twoStepSecret.updateMany({
    where: { userId, enabledAt: { not: null }, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: timeStep } }] },
    data: { lastTimeStep: timeStep },
  });
  return updated.count === 1;
}

/** Uses a recovery code once; false when it is unknown or spent. */
export async function consumeRecoveryCode(userId: string, codeHash: string, now = new Date()): Promise<boolean> {
  const used = await getDb().recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: now } });
  return used.count === 1;
}

export async function countUnusedRecoveryCodes(userId: string): Promise<number> {
  return getDb().recoveryCode.count({ where: { userId, usedAt: null } });
}

// --- Sign-ins waiting for their second step --------------------------------------------------

export interface NewChallenge {
  idHash: string;
  userId: string;
  method: string;
  redirectTo: string;
  ip: string | null;
  expiresAt: Date;
}

export async function createChallenge(challenge: NewChallenge, now = new Date()) {
  const db = getDb();
  // Expired challenges are of no use to anyone.
  await db.signInChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.signInChallenge.create({ data: { ...challenge, createdAt: now } });
}

export async function findChallenge(idHash: string) {
  return getDb().signInChallenge.findUnique({
    where: { idHash },
    select: { userId: true, method: true, redirectTo: true, ip: true, attempts: true, expiresAt: true, user: { select: { email: true } } },
  });
}

/**
 * Counts one code attempt against a live challenge before the code is checked; false when the
 * challenge expired, is spent or has had its CHALLENGE_MAX_ATTEMPTS.
 */
export async function countChallengeAttempt(idHash: string, now = new Date()): Promise<boolean> {
  const counted = await getDb().signInChallenge.updateMany({
    where: { idHash, expiresAt: { gt: now }, attempts: { lt: CHALLENGE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  return counted.count === 1;
}

/** Ends a challenge (used or given up); true when this call ended it. */
export async function endChallenge(idHash: string): Promise<boolean> {
  const removed = await getDb().signInChallenge.deleteMany({ where: { idHash } });
  return removed.count === 1;
}

// --- A municipality's requirement ------------------------------------------------------------

export async function municipalityRequiresTwoStep(municipalityId: string): Promise<boolean> {
  const policy = await getDb().municipalityTwoStep.findUnique({ where: { municipalityId }, select: { required: true } });
  return policy?.required ?? false;
}

/** Sets whether the municipality's members must use two-step sign-in, with an audit entry when it changed. */
export async function setMunicipalityTwoStepRequired(municipalityId: string, required: boolean, actorId: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(8104, hashtext(${municipalityId}))`;
    const before = await tx.municipalityTwoStep.findUnique({ where: { municipalityId }, select: { required: true } });
    const was = before?.required ?? false;
    if (was === required) return;
    await tx.municipalityTwoStep.upsert({ where: { municipalityId }, create: { municipalityId, required }, update: { required } });
    await recordAudit(
      {
        municipalityId,
        actorId,
        entityType: "Municipality",
        entityId: municipalityId,
        event: "municipality.settings-changed",
        field: "twoStepRequired",
        oldValue: String(was),
        newValue: String(required),
      },
      tx,
    );
  });
}
