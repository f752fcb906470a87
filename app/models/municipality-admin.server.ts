import { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";

/**
 * The operator console's queries: municipalities across the installation, created, renamed,
 * deactivated and reactivated by an operator (the route checks that), each change audited in
 * the same transaction.
 */

export class MunicipalityAdminError extends Error {
  constructor(public readonly code: "slug-taken" | "organisation-number-taken" | "not-found") {
    super(code);
  }
}

export interface NewMunicipality {
  name: string;
  slug: string;
  organisationNumber: string;
  emailDomains: string[];
}

function uniqueTarget(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  const meta = JSON.stringify(error.meta ?? {});
  if (meta.includes("organisationNumber")) return "organisationNumber";
  if (meta.includes("slug")) return "slug";
  return "unknown";
}

/** Whether a short name is already used by a municipality (active or not). */
export async function slugTaken(slug: string): Promise<boolean> {
  return (await getDb().municipality.count({ where: { slug } })) > 0;
}

export async function createMunicipalityByOperator(input: NewMunicipality, actorId: string) {
  try {
    return await getDb().$transaction(async (tx) => {
      const municipality = await tx.municipality.create({
        data: { name: input.name, slug: input.slug, organisationNumber: input.organisationNumber, emailDomains: input.emailDomains },
        select: { id: true, slug: true, name: true },
      });
      await recordAudit(
        { municipalityId: municipality.id, actorId, entityType: "Municipality", entityId: municipality.id, event: "municipality.created", newValue: `${input.name} (${input.slug})` },
        tx,
      );
      return municipality;
    });
  } catch (error) {
    const target = uniqueTarget(error);
    if (target === "organisationNumber") throw new MunicipalityAdminError("organisation-number-taken");
    if (target) throw new MunicipalityAdminError("slug-taken");
    throw error;
  }
}

export async function renameMunicipality(slug: string, name: string, actorId: string) {
  await getDb().$transaction(async (tx) => {
    const current = await tx.municipality.findUnique({ where: { slug }, select: { id: true, name: true } });
    if (!current) throw new MunicipalityAdminError("not-found");
    if (current.name === name) return;
    await tx.municipality.update({ where: { id: current.id }, data: { name } });
    await recordAudit(
      { municipalityId: current.id, actorId, entityType: "Municipality", entityId: current.id, event: "municipality.settings-changed", field: "name", oldValue: current.name, newValue: name },
      tx,
    );
  });
}

/** Deactivates (active false) or reactivates a municipality; its data is kept either way. Returns whether anything changed. */
export async function setMunicipalityActive(slug: string, active: boolean, actorId: string, now = new Date()): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const current = await tx.municipality.findUnique({ where: { slug }, select: { id: true, deactivatedAt: true } });
    if (!current) throw new MunicipalityAdminError("not-found");
    if ((current.deactivatedAt === null) === active) return false;
    await tx.municipality.update({ where: { id: current.id }, data: { deactivatedAt: active ? null : now } });
    await recordAudit(
      {
        municipalityId: current.id,
        actorId,
        entityType: "Municipality",
        entityId: current.id,
        event: active ? "municipality.reactivated" : "municipality.deactivated",
      },
      tx,
    );
    return true;
  });
}

/** Every municipality with its number of members, its plan size (actions) and the latest sign-in of any member. */
export async function listMunicipalitiesForConsole() {
  const rows = await getDb().municipality.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      organisationNumber: true,
      deactivatedAt: true,
      _count: { select: { memberships: true, actions: true } },
    },
    orderBy: { name: "asc" },
  });
  const latest = await getDb().$queryRaw<Array<{ municipalityId: string; last: Date | null }>>`
    SELECT m."municipalityId", max(u."lastSignInAt") AS last
      FROM "Membership" m JOIN "User" u ON u.id = m."userId"
     GROUP BY m."municipalityId"`;
  const lastByMunicipality = new Map(latest.map((r) => [r.municipalityId, r.last]));
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    organisationNumber: r.organisationNumber,
    active: r.deactivatedAt === null,
    members: r._count.memberships,
    actions: r._count.actions,
    lastSignInAt: lastByMunicipality.get(r.id) ?? null,
  }));
}

/** One municipality for the console: its details, plan size and members with their last sign-in. */
export async function getMunicipalityForConsole(slug: string) {
  const m = await getDb().municipality.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      organisationNumber: true,
      emailDomains: true,
      deactivatedAt: true,
      createdAt: true,
      _count: { select: { actions: true } },
      memberships: {
        select: { role: true, user: { select: { id: true, name: true, email: true, passwordHash: true, lastSignInAt: true } } },
        orderBy: { user: { name: "asc" } },
      },
    },
  });
  if (!m) return null;
  return {
    id: m.id,
    slug: m.slug,
    name: m.name,
    organisationNumber: m.organisationNumber,
    emailDomains: m.emailDomains,
    active: m.deactivatedAt === null,
    deactivatedAt: m.deactivatedAt,
    actions: m._count.actions,
    members: m.memberships.map(({ role, user }) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role,
      activated: user.passwordHash !== null,
      lastSignInAt: user.lastSignInAt,
    })),
  };
}
