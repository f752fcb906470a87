/**
 * Two-step sign-in: the pure rules. A sign-in that passed its first step (password, link,
 * password reset) waits as a challenge for a code from the person's authenticator app or one of
 * their recovery codes. No I/O and no clock: callers pass `now` and random bytes.
 */

/** A waiting second step is valid this long after the first step. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Codes that may be tried against one challenge; then the person starts again from the password. */
export const CHALLENGE_MAX_ATTEMPTS = 5;
/** Recovery codes issued when two-step sign-in is switched on. */
export const RECOVERY_CODE_COUNT = 10;
/** Characters of a recovery code: lower-case letters and digits without look-alikes (0/o, 1/l/i). */
export const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const RECOVERY_LENGTH = 10;

export type ChallengeDecision = { ok: true } | { ok: false; reason: "expired" | "exhausted" };

/** Whether one more code may be checked against a challenge (counted before the check). */
export function mayTryChallenge(challenge: { expiresAt: Date; attempts: number }, now: Date): ChallengeDecision {
  if (challenge.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) return { ok: false, reason: "exhausted" };
  return { ok: true };
}

export function challengeExpiry(now: Date): Date {
  return new Date(now.getTime() + CHALLENGE_TTL_MS);
}

/**
 * A recovery code from random bytes (one byte per character; at least 10 bytes), shown as
 * two groups of five: "k7m2p-x9q4r". 31^10 ≈ 8·10^14 codes.
 */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECOVERY_LENGTH) throw new Error(`A recovery code needs ${RECOVERY_LENGTH} random bytes`);
  let code = "";
  for (let i = 0; i < RECOVERY_LENGTH; i++) code += RECOVERY_ALPHABET[bytes[i]! % RECOVERY_ALPHABET.length];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * A recovery code as typed, in the one form that is hashed: lower case, without spaces or
 * hyphens; null when it cannot be a recovery code.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, "");
  if (compact.length !== RECOVERY_LENGTH) return null;
  for (const ch of compact) if (!RECOVERY_ALPHABET.includes(ch)) return null;
  return compact;
}

/** An authenticator code as typed ("123 456" is fine); null when it is not six digits. */
export function normaliseTotpCode(input: string): string | null {
  const compact = input.replace(/\s/g, "");
  return /^\d{6}$/.test(compact) ? compact : null;
}

/** What a code field holds: an authenticator code, a recovery code, or neither. */
export function classifySecondStepCode(input: string): { kind: "totp" | "recovery"; code: string } | null {
  const totp = normaliseTotpCode(input);
  if (totp) return { kind: "totp", code: totp };
  const recovery = normaliseRecoveryCode(input);
  return recovery ? { kind: "recovery", code: recovery } : null;
}

/**
 * Whether a person must set up two-step sign-in before going on: operators always; members of a
 * municipality whose coordinator requires it, when they open that municipality.
 */
export function mustSetUpTwoStep(person: { isOperator: boolean; twoStepEnabled: boolean }, municipalityRequires = false): boolean {
  if (person.twoStepEnabled) return false;
  return person.isOperator || municipalityRequires;
}

/** Sign-in methods whose second step is the provider's own business (OpenID Connect), or that set a password just now. */
export function needsSecondStep(method: string, twoStepEnabled: boolean): boolean {
  if (!twoStepEnabled) return false;
  return method === "password" || method === "link" || method === "password-reset";
}
