import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Like the session secret: the quick start gets a key of its own for the OpenID Connect client
 * secrets, generated on the first start and kept in the data folder (readable by its owner
 * only). An explicit OIDC_SECRET_KEY always wins.
 */
export function ensureOidcSecretKey(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(dataDir, "oidc-secret-key");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (/^[0-9a-f]{64}$/.test(stored)) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("hex");
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
