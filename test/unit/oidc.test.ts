import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decideOidcSignIn, emailDomain, issuerAllowed, parseDomain, passwordSignInAllowed, vouchesFor, type OidcPolicy } from "~/domain/oidc.ts";
import { oidcSettingsSchema } from "~/forms/oidc-settings.ts";
import { encryptSecret, tryDecryptSecret } from "~/platform/secret-box.server.ts";

const policy: OidcPolicy = { domains: ["sjovik.se"], createMembers: false, newMemberRole: "VIEWER" };
const verified = (email: string) => ({ email, emailVerified: true });

describe("who may sign in through a municipality's provider", () => {
  it("reads the domain of an address, exactly", () => {
    expect(emailDomain("Anna@Sjovik.SE")).toBe("sjovik.se");
    expect(emailDomain("a@b@sjovik.se")).toBe("sjovik.se");
    expect(emailDomain("@sjovik.se")).toBeNull();
    expect(emailDomain("anna@")).toBeNull();
    expect(vouchesFor(["sjovik.se"], "anna@sjovik.se")).toBe(true);
    expect(vouchesFor(["sjovik.se"], "anna@skola.sjovik.se")).toBe(false);
    expect(vouchesFor(["sjovik.se"], "anna@ondsjovik.se")).toBe(false);
    expect(parseDomain(" @Sjovik.se ")).toBe("sjovik.se");
    expect(parseDomain("sjovik")).toBeNull();
    expect(parseDomain("sjö vik.se")).toBeNull();
  });

  it("signs in a member of the municipality whose verified address the provider vouches for", () => {
    expect(decideOidcSignIn(verified("anna@sjovik.se"), { id: "u1", isOperator: false, memberHere: true }, policy)).toEqual({ kind: "sign-in", userId: "u1" });
  });

  it("refuses what the provider did not verify, or a domain it does not vouch for", () => {
    const member = { id: "u1", isOperator: false, memberHere: true };
    expect(decideOidcSignIn({ email: null, emailVerified: true }, member, policy)).toEqual({ kind: "refuse", reason: "no-email" });
    for (const emailVerified of [false, undefined, "true", 1]) {
      expect(decideOidcSignIn({ email: "anna@sjovik.se", emailVerified }, member, policy)).toEqual({ kind: "refuse", reason: "unverified" });
    }
    expect(decideOidcSignIn(verified("anna@annan.se"), member, policy)).toEqual({ kind: "refuse", reason: "not-vouched" });
  });

  it("takes Entra ID's verified domain owner (xms_edov) when the provider sends no email_verified, never over an explicit false", () => {
    const member = { id: "u1", isOperator: false, memberHere: true };
    const entra = (emailVerified: unknown, domainOwnerVerified: unknown) =>
      decideOidcSignIn({ email: "anna@sjovik.se", emailVerified, domainOwnerVerified }, member, policy).kind;
    expect(entra(undefined, true)).toBe("sign-in");
    for (const domainOwnerVerified of [false, undefined, "true", 1, "1"]) expect(entra(undefined, domainOwnerVerified)).toBe("refuse");
    expect(entra(false, true)).toBe("refuse");
    expect(entra(true, false)).toBe("sign-in");
  });

  it("never lets a provider in an operator or a member of another municipality only, unless it may add members here", () => {
    expect(decideOidcSignIn(verified("drift@sjovik.se"), { id: "op", isOperator: true, memberHere: false }, { ...policy, createMembers: true })).toEqual({
      kind: "refuse",
      reason: "operator",
    });
    expect(decideOidcSignIn(verified("b@sjovik.se"), { id: "u2", isOperator: false, memberHere: false }, policy)).toEqual({ kind: "refuse", reason: "unknown-person" });
    expect(decideOidcSignIn(verified("ny@sjovik.se"), null, policy)).toEqual({ kind: "refuse", reason: "unknown-person" });
    const open = { ...policy, createMembers: true, newMemberRole: "OWNER" as const };
    expect(decideOidcSignIn(verified("ny@sjovik.se"), null, open)).toEqual({ kind: "join", userId: null, role: "OWNER" });
    expect(decideOidcSignIn(verified("b@sjovik.se"), { id: "u2", isOperator: false, memberHere: false }, open)).toEqual({ kind: "join", userId: "u2", role: "OWNER" });
  });

  it("refuses password sign-in only where every municipality of the person switched it off", () => {
    expect(passwordSignInAllowed(false, [])).toBe(true);
    expect(passwordSignInAllowed(false, [true])).toBe(false);
    expect(passwordSignInAllowed(false, [true, false])).toBe(true);
    expect(passwordSignInAllowed(true, [true])).toBe(true);
  });

  it("takes issuers over https, and plain http on this computer only when allowed", () => {
    expect(issuerAllowed("https://login.microsoftonline.com/abc/v2.0", false)).toBe(true);
    expect(issuerAllowed("http://login.example.se", true)).toBe(false);
    expect(issuerAllowed("http://127.0.0.1:5000", false)).toBe(false);
    expect(issuerAllowed("http://127.0.0.1:5000", true)).toBe(true);
    expect(issuerAllowed("https://user:pw@login.example.se", false)).toBe(false);
    expect(issuerAllowed("https://login.example.se/?x=1", false)).toBe(false);
    expect(issuerAllowed("inte en adress", true)).toBe(false);
  });
});

describe("the client secret's encryption", () => {
  it("opens what it encrypted, and nothing encrypted with another key or altered", () => {
    const key = randomBytes(32);
    const sealed = encryptSecret("hemligt värde", key);
    expect(sealed).not.toContain("hemligt");
    expect(tryDecryptSecret(sealed, key)).toBe("hemligt värde");
    expect(encryptSecret("hemligt värde", key)).not.toBe(sealed);
    expect(tryDecryptSecret(sealed, randomBytes(32))).toBeNull();
    const parts = sealed.split(".");
    const data = Buffer.from(parts[3]!, "base64url");
    data[data.length - 1]! ^= 1;
    expect(tryDecryptSecret([...parts.slice(0, 3), data.toString("base64url")].join("."), key)).toBeNull();
    expect(tryDecryptSecret("kort", key)).toBeNull();
  });
});

describe("the provider settings form", () => {
  const valid = {
    issuer: "https://login.microsoftonline.com/abc/v2.0",
    clientId: "klient",
    clientSecret: "",
    displayName: "Sjöviks konto",
    domains: "Sjovik.se, skola.sjovik.se; sjovik.se",
    newMemberRole: "VIEWER",
  };
  it("reads the domains as a list and the checkboxes as booleans", () => {
    const parsed = oidcSettingsSchema.parse({ ...valid, createMembers: "on" });
    expect(parsed.domains).toEqual(["sjovik.se", "skola.sjovik.se"]);
    expect(parsed.createMembers).toBe(true);
    expect(parsed.passwordSignInDisabled).toBe(false);
  });
  it("refuses a coordinator role for newcomers, too many domains and control characters", () => {
    expect(oidcSettingsSchema.safeParse({ ...valid, newMemberRole: "COORDINATOR" }).success).toBe(false);
    expect(oidcSettingsSchema.safeParse({ ...valid, domains: Array.from({ length: 21 }, (_, i) => `d${i}.se`).join(",") }).success).toBe(false);
    expect(oidcSettingsSchema.safeParse({ ...valid, displayName: "a\u0000b" }).success).toBe(false);
    expect(oidcSettingsSchema.safeParse({ ...valid, issuer: "javascript:alert(1)" }).success).toBe(false);
  });
});
