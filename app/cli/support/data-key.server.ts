import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The quick start needs a key for the secrets it stores encrypted (two-step secrets, OIDC client
 * secrets) that nobody else knows: one is generated on the first start and kept in the data
 * folder, readable only by its owner, like the session secret. An explicit DATA_ENCRYPTION_KEY
 * always wins. Losing the key makes the stored secrets unreadable (people set up two-step again).
 */
export function ensureDataEncryptionKey(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(dataDir, "data-encryption-key");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (/^[0-9a-f]{64}$/i.test(stored)) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("hex");
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
