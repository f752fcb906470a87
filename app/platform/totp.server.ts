import { generateSecret, generateURI, verify } from "otplib";

/**
 * Time-based one-time codes (RFC 6238) through otplib: SHA-1, six digits, 30-second steps, the
 * defaults every authenticator app reads. A code of the step before or after is accepted too
 * (clocks drift), but never a step at or before the last one accepted (no replay).
 */
const PERIOD_S = 30;
const TOLERANCE_S = PERIOD_S;

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// address an authenticator app reads (as text or as a QR code). */
export function totpUri(secret: string, accountName: string, issuer = "Kompassplan"): string {
  return generateURI({ secret, label: accountName, issuer });
}

/** The accepted time step, or null when the code is wrong, outside the window or already used. */
export async function checkTotp(secret: string, code: string, now: Date, lastTimeStep: number | null): Promise<number | null> {
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_S,
      ...(lastTimeStep !== null ? { afterTimeStep: lastTimeStep } : {}),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    // A malformed token or an afterTimeStep beyond the window is a wrong code, never a 500.
    return null;
  }
}
