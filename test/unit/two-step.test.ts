import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  CHALLENGE_MAX_ATTEMPTS,
  CHALLENGE_TTL_MS,
  challengeExpiry,
  classifySecondStepCode,
  mayTryChallenge,
  mustSetUpTwoStep,
  needsSecondStep,
  normaliseRecoveryCode,
  normaliseTotpCode,
  recoveryCodeFromBytes,
} from "~/domain/two-step.ts";
import { decryptSecret, encryptSecret } from "~/platform/secret-box.server.ts";
import { DEVELOPMENT_DATA_KEY, parseEnv, requireDataEncryptionKey } from "~/platform/env.server.ts";

const now = new Date("2026-11-26T12:00:00Z");

describe("a waiting second step", () => {
  it("lives five minutes", () => {
    const expiresAt = challengeExpiry(now);
    expect(expiresAt.getTime() - now.getTime()).toBe(CHALLENGE_TTL_MS);
    expect(mayTryChallenge({ expiresAt, attempts: 0 }, new Date(expiresAt.getTime() - 1))).toEqual({ ok: true });
    expect(mayTryChallenge({ expiresAt, attempts: 0 }, expiresAt)).toEqual({ ok: false, reason: "expired" });
  });

  it("takes at most five codes", () => {
    const expiresAt = challengeExpiry(now);
    expect(CHALLENGE_MAX_ATTEMPTS).toBe(5);
    for (let attempts = 0; attempts < CHALLENGE_MAX_ATTEMPTS; attempts++) expect(mayTryChallenge({ expiresAt, attempts }, now).ok).toBe(true);
    expect(mayTryChallenge({ expiresAt, attempts: CHALLENGE_MAX_ATTEMPTS }, now)).toEqual({ ok: false, reason: "exhausted" });
    // Expired wins: an old challenge is expired however many attempts it had.
    expect(mayTryChallenge({ expiresAt: now, attempts: 9 }, now)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("recovery codes", () => {
  it("are two groups of five characters without look-alikes, read back however they are typed", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = recoveryCodeFromBytes(bytes);
        expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
        const compact = code.replace("-", "");
        expect(normaliseRecoveryCode(code)).toBe(compact);
        expect(normaliseRecoveryCode(` ${code.toUpperCase().replace("-", " ")} `)).toBe(compact);
        expect(classifySecondStepCode(code)).toEqual({ kind: "recovery", code: compact });
      }),
    );
  });

  it("refuses too few random bytes, and text that cannot be a recovery code", () => {
    expect(() => recoveryCodeFromBytes(new Uint8Array(9))).toThrow();
    for (const bad of ["", "abcde", "abcde-fghij-k", "0bcde-fghij", "lbcde-fghij", "åäöab-cdefg"]) expect(normaliseRecoveryCode(bad), bad).toBeNull();
  });
});

describe("authenticator codes", () => {
  it("are six digits, spaces allowed", () => {
    expect(normaliseTotpCode("123456")).toBe("123456");
    expect(normaliseTotpCode("123 456")).toBe("123456");
    for (const bad of ["12345", "1234567", "12345a", "", "١٢٣٤٥٦"]) expect(normaliseTotpCode(bad), bad).toBeNull();
    expect(classifySecondStepCode("123 456")).toEqual({ kind: "totp", code: "123456" });
    expect(classifySecondStepCode("nonsense")).toBeNull();
  });
});

describe("who needs two-step sign-in", () => {
  it("asks for the second step after a password, a mailed link or a reset, never after OIDC or an invitation", () => {
    for (const method of ["password", "link", "password-reset"]) {
      expect(needsSecondStep(method, true)).toBe(true);
      expect(needsSecondStep(method, false)).toBe(false);
    }
    for (const method of ["oidc", "invitation", "setup"]) expect(needsSecondStep(method, true)).toBe(false);
  });

  it("requires it of operators always and of members where the municipality requires it", () => {
    expect(mustSetUpTwoStep({ isOperator: true, twoStepEnabled: false })).toBe(true);
    expect(mustSetUpTwoStep({ isOperator: true, twoStepEnabled: true })).toBe(false);
    expect(mustSetUpTwoStep({ isOperator: false, twoStepEnabled: false })).toBe(false);
    expect(mustSetUpTwoStep({ isOperator: false, twoStepEnabled: false }, true)).toBe(true);
    expect(mustSetUpTwoStep({ isOperator: false, twoStepEnabled: true }, true)).toBe(false);
  });
});

describe("the secret box (AES-256-GCM)", () => {
  const key = Buffer.alloc(32, 7);
  it("reads back what it encrypted, with a fresh IV each time, and refuses another key or a changed value", () => {
    const a = encryptSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", key);
    const b = encryptSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("JBSWY3DP");
    expect(decryptSecret(a, key)).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    expect(() => decryptSecret(a, Buffer.alloc(32, 8))).toThrow();
    const parts = a.split(".");
    const flipped = [...parts.slice(0, 3), (parts[3]!.startsWith("A") ? "B" : "A") + parts[3]!.slice(1)].join(".");
    expect(() => decryptSecret(flipped, key)).toThrow();
    expect(() => decryptSecret("not-a-box", key)).toThrow();
  });

  it("takes DATA_ENCRYPTION_KEY as 64 hex digits and refuses the public development key in production", () => {
    const base = { DATABASE_URL: "postgresql://localhost/kompassplan" };
    expect(() => parseEnv({ ...base, DATA_ENCRYPTION_KEY: "kort" })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => requireDataEncryptionKey(parseEnv({ ...base, NODE_ENV: "production" }))).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(requireDataEncryptionKey(parseEnv(base)).equals(Buffer.from(DEVELOPMENT_DATA_KEY, "hex"))).toBe(true);
    const own = "ab".repeat(32);
    expect(requireDataEncryptionKey(parseEnv({ ...base, NODE_ENV: "production", DATA_ENCRYPTION_KEY: own })).toString("hex")).toBe(own);
  });
});
