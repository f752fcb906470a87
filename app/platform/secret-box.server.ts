import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { requireDataEncryptionKey } from "./env.server.ts";

/**
 * Secrets the product must read back (a two-step secret, an identity provider's client secret)
 * are stored encrypted with AES-256-GCM under DATA_ENCRYPTION_KEY: a copy of the database alone
 * reveals none of them, and a changed ciphertext is detected. Format: `v1.<iv>.<tag>.<data>`,
 * each part base64url; a fresh 12-byte IV per value.
 */
const VERSION = "v1";

export function encryptSecret(plain: string, key: Buffer = requireDataEncryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(".");
}

/** The plain text, or throws when the value was not made with this key or was changed. */
export function decryptSecret(boxed: string, key: Buffer = requireDataEncryptionKey()): string {
  const [version, iv, tag, data] = boxed.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) {
    throw new Error("Not an encrypted secret of a known format");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** The plain text, or null when the value was not made with this key, was changed or is no secret at all. */
export function tryDecryptSecret(boxed: string, key: Buffer = requireDataEncryptionKey()): string | null {
  try {
    return decryptSecret(boxed, key);
  } catch {
    return null;
  }
}
