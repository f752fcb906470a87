import { createHash, randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import {
  CHALLENGE_MAX_ATTEMPTS,
  challengeExpiry,
  classifySecondStepCode,
  mayTryChallenge,
  normaliseTotpCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeFromBytes,
  normaliseRecoveryCode,
} from "~/domain/two-step.ts";
import { paths } from "~/paths.ts";
import { beginSignInAttempt, markSignInSucceeded, type SessionUser } from "~/models/session.server.ts";
import {
  acceptTimeStep,
  consumeRecoveryCode,
  countChallengeAttempt,
  countUnusedRecoveryCodes,
  createChallenge,
  disableTwoStep,
  enableTwoStep,
  endChallenge,
  findChallenge,
  findTwoStep,
  savePendingSecret,
} from "~/models/two-step.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { verifyLogin } from "~/models/user.server.ts";
import { decryptSecret, encryptSecret } from "~/platform/secret-box.server.ts";
import { checkTotp, newTotpSecret, totpUri } from "~/platform/totp.server.ts";
import {
  challengeIdHash,
  clearChallengeCookie,
  newChallengeId,
  readChallengeId,
  setChallengeCookie,
} from "~/http/two-step-cookie.server.ts";

/**
 * Two-step sign-in: setting it up and switching it off for the signed-in person, and the second
 * step of a sign-in. The first step's completeSignIn hands over here when the person has it on.
 */

/** Code attempts are throttled per person like passwords (ADR 0023), under a key no e-mail address can have. */
const throttleKey = (userId: string) => `two-step:${userId}`;

/** Recovery codes are hashed with the person's id, so equal codes of two people differ in the database. */
export function recoveryCodeHash(userId: string, normalisedCode: string): string {
  return createHash("sha256").update(`${userId}:${normalisedCode}`).digest("hex");
}

// --- Set-up ------------------------------------------------------------------------------------

export type SetupState =
  | { enabled: true; recoveryCodesLeft: number }
  | { enabled: false; secret: string; uri: string };

/** What the set-up page shows: the state when on, else a secret waiting for its confirming code. */
export async function twoStepSetupState(user: SessionUser): Promise<SetupState> {
  const record = await findTwoStep(user.id);
  if (record?.enabledAt) return { enabled: true, recoveryCodesLeft: await countUnusedRecoveryCodes(user.id) };
  let secret: string | null = null;
  if (record) {
    try {
      secret = decryptSecret(record.secretCiphertext);
    } catch {
      secret = null; // made with another key: start over with a new one
    }
  }
  if (!secret) {
    secret = newTotpSecret();
    await savePendingSecret(user.id, encryptSecret(secret));
  }
  return { enabled: false, secret, uri: totpUri(secret, user.email) };
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: "wrong" | "already" };

/** Switches two-step sign-in on when the code matches the waiting secret; returns the recovery codes to show once. */
export async function confirmTwoStepSetup(user: SessionUser, code: string, now = new Date()): Promise<ConfirmResult> {
  const record = await findTwoStep(user.id);
  if (record?.enabledAt) return { ok: false, error: "already" };
  const totp = normaliseTotpCode(code);
  if (!record || !totp) return { ok: false, error: "wrong" };
  let secret: string;
  try {
    secret = decryptSecret(record.secretCiphertext);
  } catch {
    return { ok: false, error: "wrong" };
  }
  const step = await checkTotp(secret, totp, now, null);
  if (step === null) return { ok: false, error: "wrong" };
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFromBytes(randomBytes(10)));
  const hashes = recoveryCodes.map((c) => recoveryCodeHash(user.id, normaliseRecoveryCode(c)!));
  if (!(await enableTwoStep(user.id, step, hashes, now))) return { ok: false, error: "already" };
  return { ok: true, recoveryCodes };
}

export type DisableResult = { ok: true } | { ok: false; error: "wrong"; field: "code" | "password" } | { ok: false; error: "throttled"; retryAfterMs: number };

/** Switches two-step sign-in off after a current code or the password, each throttled like a sign-in. */
export async function disableTwoStepFor(
  user: SessionUser,
  proof: { code?: string | undefined; password?: string | undefined },
  ip: string,
  now = new Date(),
): Promise<DisableResult> {
  const code = proof.code ? normaliseTotpCode(proof.code) : null;
  const record = await findTwoStep(user.id);
  if (!record?.enabledAt) return { ok: true };
  const attempt = await beginSignInAttempt(code ? throttleKey(user.id) : user.email, ip);
  if (!attempt.allowed) return { ok: false, error: "throttled", retryAfterMs: attempt.retryAfterMs };
  let proven = false;
  if (code) {
    const step = await checkTotp(decryptSecret(record.secretCiphertext), code, now, record.lastTimeStep);
    proven = step !== null && (await acceptTimeStep(user.id, step));
  } else if (proof.password) {
    proven = (await verifyLogin(user.email, proof.password))?.id === user.id;
  }
  if (!proven) return { ok: false, error: "wrong", field: code ? "code" : "password" };
  await markSignInSucceeded(attempt.attemptId);
  await disableTwoStep(user.id, user.id);
  return { ok: true };
}

// --- The second step of a sign-in --------------------------------------------------------------

export interface PendingSignIn {
  userId: string;
  method: string;
  redirectTo: string;
  ip?: string | undefined;
}

/** Keeps the verified first step as a challenge and sends the browser to the code page. */
export async function startSecondStep(pending: PendingSignIn, now = new Date()): Promise<Response> {
  const id = newChallengeId();
  await createChallenge(
    {
      idHash: challengeIdHash(id),
      userId: pending.userId,
      method: pending.method,
      redirectTo: pending.redirectTo,
      ip: pending.ip ?? null,
      expiresAt: challengeExpiry(now),
    },
    now,
  );
  return redirect(paths.signInCode(), { headers: { "Set-Cookie": await setChallengeCookie(id) } });
}

/** Whether the browser has a sign-in waiting for its code (for the code page's loader). */
export async function hasOpenChallenge(request: Request, now = new Date()): Promise<boolean> {
  const id = await readChallengeId(request);
  const challenge = id ? await findChallenge(challengeIdHash(id)) : null;
  return challenge !== null && mayTryChallenge(challenge, now).ok;
}

export type SecondStepResult =
  | { ok: true; signIn: PendingSignIn & { secondStep: "totp" | "recovery" } }
  | { ok: false; error: "expired" | "exhausted" | "wrong" }
  | { ok: false; error: "throttled"; retryAfterMs: number };

/**
 * Checks a code against the browser's waiting sign-in. Each try is counted against the
 * challenge (at most CHALLENGE_MAX_ATTEMPTS) and against the person's throttle before the code
 * is checked; an authenticator code is accepted once, a recovery code is spent.
 */
export async function verifySecondStep(request: Request, input: string, ip: string, now = new Date()): Promise<SecondStepResult> {
  const id = await readChallengeId(request);
  if (!id) return { ok: false, error: "expired" };
  const hash = challengeIdHash(id);
  const challenge = await findChallenge(hash);
  if (!challenge) return { ok: false, error: "expired" };
  const decision = mayTryChallenge(challenge, now);
  if (!decision.ok) {
    await endChallenge(hash);
    return { ok: false, error: decision.reason };
  }
  const code = classifySecondStepCode(input);
  if (!code) return { ok: false, error: "wrong" };

  const attempt = await beginSignInAttempt(throttleKey(challenge.userId), ip);
  if (!attempt.allowed) return { ok: false, error: "throttled", retryAfterMs: attempt.retryAfterMs };
  if (!(await countChallengeAttempt(hash, now))) {
    await endChallenge(hash);
    return { ok: false, error: "expired" };
  }

  let accepted = false;
  if (code.kind === "totp") {
    const record = await findTwoStep(challenge.userId);
    if (record?.enabledAt) {
      let secret: string | null = null;
      try {
        secret = decryptSecret(record.secretCiphertext);
      } catch {
        secret = null;
      }
      const step = secret ? await checkTotp(secret, code.code, now, record.lastTimeStep) : null;
      accepted = step !== null && (await acceptTimeStep(challenge.userId, step));
    }
  } else {
    accepted = await consumeRecoveryCode(challenge.userId, recoveryCodeHash(challenge.userId, code.code), now);
  }

  if (!accepted) {
    // A wrong second step means someone knows the password: the municipality's IT wants to see it.
    await recordAudit({ municipalityId: null, actorId: null, entityType: "User", entityId: challenge.userId, event: "sign-in.failed", reason: "two-step-code" });
    if (challenge.attempts + 1 >= CHALLENGE_MAX_ATTEMPTS) {
      await endChallenge(hash);
      return { ok: false, error: "exhausted" };
    }
    return { ok: false, error: "wrong" };
  }
  // The challenge is used once: of two requests with the same cookie, only one signs in.
  if (!(await endChallenge(hash))) return { ok: false, error: "expired" };
  await markSignInSucceeded(attempt.attemptId);
  return {
    ok: true,
    signIn: {
      userId: challenge.userId,
      method: challenge.method,
      redirectTo: challenge.redirectTo,
      ip: challenge.ip ?? undefined,
      secondStep: code.kind,
    },
  };
}

/** Adds the removal of the challenge cookie to the response that starts the session. */
export async function withChallengeCookieCleared(response: Response): Promise<Response> {
  response.headers.append("Set-Cookie", await clearChallengeCookie());
  return response;
}
