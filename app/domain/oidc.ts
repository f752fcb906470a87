import type { Role } from "./access.ts";

/**
 * Who may sign in through a municipality's OpenID Connect provider. Pure: the workflow passes
 * in what the provider said and what the database holds.
 */

/** The part after the last "@", lower case; null for something that is no address. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}

/** Whether the provider vouches for the address: its domain is one of the provider's, exactly (no subdomains). */
export function vouchesFor(domains: readonly string[], email: string): boolean {
  const domain = emailDomain(email);
  return domain !== null && domains.includes(domain);
}

/** A domain as entered: lower case, without a leading "@"; null when it is no host name. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export function parseDomain(value: string): string | null {
  const domain = value.trim().toLowerCase().replace(/^@/, "");
  return DOMAIN.test(domain) ? domain : null;
}

export interface OidcIdentity {
  /** The address the provider gave (id token or userinfo), or null when it gave none. */
  email: string | null;
  /** Only `true` counts as verified. */
  emailVerified: unknown;
  /**
   * Microsoft Entra ID sends no `email_verified`; its optional claim `xms_edov` says whether the
   * owner of the address's domain is verified in the tenant. Only `true` counts, and only when
   * `email_verified` is absent (an explicit `false` is never overruled).
   */
  domainOwnerVerified?: unknown;
}

/** Whether the provider vouches that the address is really the person's (see OidcIdentity). */
export function addressVerified(identity: OidcIdentity): boolean {
  if (identity.emailVerified !== undefined) return identity.emailVerified === true;
  return identity.domainOwnerVerified === true;
}

export interface OidcAccount {
  id: string;
  isOperator: boolean;
  /** Whether the account is a member of the provider's municipality. */
  memberHere: boolean;
}

export interface OidcPolicy {
  domains: readonly string[];
  createMembers: boolean;
  newMemberRole: Role;
}

export type OidcRefusal = "no-email" | "unverified" | "not-vouched" | "operator" | "unknown-person";

export type OidcDecision =
  | { kind: "sign-in"; userId: string }
  /** A membership in the provider's municipality (and an account, when `userId` is null) is made first. */
  | { kind: "join"; userId: string | null; role: Role }
  | { kind: "refuse"; reason: OidcRefusal };

/**
 * The tenancy rule: a provider signs in only accounts whose verified address is in a domain it
 * vouches for and that are members of its own municipality (or become members there, when the
 * municipality lets the provider's people in). Operators never sign in through a municipality's
 * provider: one municipality's provider would otherwise reach every municipality.
 */
export function decideOidcSignIn(identity: OidcIdentity, account: OidcAccount | null, policy: OidcPolicy): OidcDecision {
  if (!identity.email) return { kind: "refuse", reason: "no-email" };
  if (!addressVerified(identity)) return { kind: "refuse", reason: "unverified" };
  if (!vouchesFor(policy.domains, identity.email)) return { kind: "refuse", reason: "not-vouched" };
  if (account?.isOperator) return { kind: "refuse", reason: "operator" };
  if (account?.memberHere) return { kind: "sign-in", userId: account.id };
  if (!policy.createMembers) return { kind: "refuse", reason: "unknown-person" };
  return { kind: "join", userId: account?.id ?? null, role: policy.newMemberRole };
}

/**
 * Password sign-in is refused to a person whose every municipality has switched it off (and who
 * has at least one); operators keep it, so nobody is locked out of the console.
 */
export function passwordSignInAllowed(isOperator: boolean, passwordOffPerMembership: readonly boolean[]): boolean {
  if (isOperator) return true;
  return passwordOffPerMembership.length === 0 || passwordOffPerMembership.some((off) => !off);
}

/** Whether an issuer address may be used: https, or plain http on this computer when allowed. */
export function issuerAllowed(issuer: string, allowHttpLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === "https:") return true;
  return allowHttpLoopback && url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}
