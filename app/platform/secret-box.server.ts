import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv, type Env } from "./env.server.ts";

/**
 * Secrets kept in the database but never readable from it alone (a municipality's OpenID
 * Connect client secret): AES-256-GCM under OIDC_SECRET_KEY, a fresh 12-byte IV per value, the
 * tag checked on opening. Stored as base64url of iv ‖ tag ‖ ciphertext.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The key, or null when OIDC_SECRET_KEY is unset (then no provider can be set up or used). */
export function oidcSecretKey(env: Env = getEnv()): Buffer | null {
  return env.OIDC_SECRET_KEY ? Buffer.from(env.OIDC_SECRET_KEY, "hex") : null;
}

export function sealSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The secret, or null when the value was not sealed with this key (or was altered). */
export function openSecret(sealed: string, key: Buffer): string | null {
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
