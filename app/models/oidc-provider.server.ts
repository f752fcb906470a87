import type { Role } from "~/domain/access.ts";
import type { OidcAccount } from "~/domain/oidc.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { normaliseEmail } from "./user.server.ts";

/** A municipality's provider as its settings page shows it: never the secret. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  displayName: string;
  domains: string[];
  createMembers: boolean;
  newMemberRole: Role;
  passwordSignInDisabled: boolean;
  worked: boolean;
}

export async function getOidcSettings(municipalityId: string): Promise<OidcSettings | null> {
  const row = await getDb().oidcProvider.findUnique({ where: { municipalityId } });
  if (!row) return null;
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    displayName: row.displayName,
    domains: row.domains,
    createMembers: row.createMembers,
    newMemberRole: row.newMemberRole,
    passwordSignInDisabled: row.passwordSignInDisabled,
    worked: row.workedAt !== null,
  };
}

export interface OidcSettingsInput {
  issuer: string;
  clientId: string;
  /** The sealed new secret, or null to keep the stored one. */
  clientSecretEncrypted: string | null;
  displayName: string;
  domains: string[];
  createMembers: boolean;
  newMemberRole: Role;
  passwordSignInDisabled: boolean;
}

export type SaveOidcResult = { ok: true; reset: boolean } | { ok: false; reason: "secret-required" | "not-worked" };

/**
 * Saves the municipality's provider. Another issuer or client id is another provider: it has not
 * worked yet, so password sign-in is switched on again until it has. Password sign-in can only be
 * switched off for a provider that has signed someone in.
 */
export async function saveOidcSettings(municipalityId: string, input: OidcSettingsInput, actorId: string): Promise<SaveOidcResult> {
  return getDb().$transaction(async (tx) => {
    const [existing] = await tx.$queryRaw<Array<{ issuer: string; clientId: string; workedAt: Date | null }>>`
      SELECT issuer, "clientId", "workedAt" FROM "OidcProvider" WHERE "municipalityId" = ${municipalityId}::uuid FOR UPDATE`;
    const secret = input.clientSecretEncrypted;
    if (!existing && !secret) return { ok: false, reason: "secret-required" } as const;
    const sameProvider = existing !== undefined && existing.issuer === input.issuer && existing.clientId === input.clientId;
    const workedAt = sameProvider ? existing.workedAt : null;
    if (input.passwordSignInDisabled && !workedAt) return { ok: false, reason: "not-worked" } as const;
    const data = {
      issuer: input.issuer,
      clientId: input.clientId,
      displayName: input.displayName,
      domains: input.domains,
      createMembers: input.createMembers,
      newMemberRole: input.newMemberRole,
      passwordSignInDisabled: input.passwordSignInDisabled,
      workedAt,
      ...(secret ? { clientSecretEncrypted: secret } : {}),
    };
    if (existing) await tx.oidcProvider.update({ where: { municipalityId }, data });
    else await tx.oidcProvider.create({ data: { municipalityId, ...data, clientSecretEncrypted: secret! } });
    await recordAudit(
      {
        municipalityId,
        actorId,
        entityType: "Municipality",
        entityId: municipalityId,
        event: "oidc.configured",
        field: "issuer",
        oldValue: existing?.issuer ?? null,
        // Stored data, not text for a reader: the same words in every language.
        newValue: `${input.issuer} (client ${input.clientId}; domains ${input.domains.join(", ")}; password sign-in ${
          input.passwordSignInDisabled ? "off" : "on"
        }${secret ? "; new client secret" : ""})`,
      },
      tx,
    );
    return { ok: true, reset: existing !== undefined && !sameProvider };
  });
}

/** What a sign-in through the municipality's provider needs, by the municipality's short name. */
export async function findOidcProviderBySlug(slug: string) {
  return getDb().oidcProvider.findFirst({
    where: { municipality: { slug } },
    select: {
      issuer: true,
      clientId: true,
      clientSecretEncrypted: true,
      displayName: true,
      domains: true,
      createMembers: true,
      newMemberRole: true,
      municipality: { select: { id: true, slug: true, name: true } },
    },
  });
}

/** The button of the sign-in page for one municipality's provider (none or one). */
export async function listOidcSignInOptions(slug: string) {
  const rows = await getDb().oidcProvider.findMany({
    where: { municipality: { slug } },
    select: { displayName: true, municipality: { select: { slug: true, name: true } } },
    take: 1,
  });
  return rows.map((r) => ({ slug: r.municipality.slug, municipality: r.municipality.name, displayName: r.displayName }));
}

/** The account with this address, and whether it is a member of the municipality. */
export async function findOidcAccount(email: string, municipalityId: string): Promise<OidcAccount | null> {
  const user = await getDb().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, isOperator: true, memberships: { where: { municipalityId }, select: { id: true } } },
  });
  return user ? { id: user.id, isOperator: user.isOperator, memberHere: user.memberships.length > 0 } : null;
}

/**
 * Lets a person the provider vouches for into its municipality, and only there: an account
 * without a password when there is none, and a membership with the chosen role. Returns the
 * account's id, or null when the address turned out to belong to an operator meanwhile.
 */
export async function joinThroughProvider(municipalityId: string, email: string, name: string, role: Role): Promise<string | null> {
  const address = normaliseEmail(email);
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "User" (id, email, name) VALUES (gen_random_uuid(), ${address}, ${name}) ON CONFLICT (email) DO NOTHING`;
    const [user] = await tx.$queryRaw<Array<{ id: string; isOperator: boolean }>>`
      SELECT id, "isOperator" FROM "User" WHERE email = ${address} FOR UPDATE`;
    if (!user || user.isOperator) return null;
    const created = await tx.$executeRaw`
      INSERT INTO "Membership" (id, "userId", "municipalityId", role, "createdAt")
      VALUES (gen_random_uuid(), ${user.id}::uuid, ${municipalityId}::uuid, ${role}::"Role", now())
      ON CONFLICT ("userId", "municipalityId") DO NOTHING`;
    if (created === 1) {
      await recordAudit(
        {
          municipalityId,
          actorId: null,
          entityType: "User",
          entityId: user.id,
          event: "membership.invited",
          field: "role",
          newValue: role,
          reason: "oidc",
        },
        tx,
      );
    }
    return user.id;
  });
}

/** The provider has signed someone in: from now on password sign-in may be switched off. */
export async function markOidcWorked(municipalityId: string) {
  await getDb().oidcProvider.updateMany({ where: { municipalityId, workedAt: null }, data: { workedAt: new Date() } });
}

/** A sign-in through the provider that was refused, for the municipality's audit log. */
export async function recordOidcRefusal(municipalityId: string, userId: string | null, reason: string) {
  await recordAudit({
    municipalityId,
    actorId: userId,
    entityType: "User",
    entityId: userId ?? "unknown",
    event: "sign-in.failed",
    reason: `oidc: ${reason}`,
  });
}

