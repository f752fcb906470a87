import type { Role } from "~/domain/access.ts";
import { isoDate } from "~/domain/dates.ts";
import { getDb } from "~/platform/db.server.ts";

export interface MunicipalitySummary {
  id: string;
  slug: string;
  name: string;
}

const summary = { id: true, slug: true, name: true } as const;

/** The municipality by slug, for the commands that name it (`--municipality SLUG`). */
export async function findMunicipalityBySlug(slug: string): Promise<MunicipalitySummary | null> {
  return getDb().municipality.findUnique({ where: { slug }, select: summary });
}

/** The municipality by slug with the user's role in it (null role: not a member). */
export async function findMunicipalityForUser(
  slug: string,
  userId: string,
): Promise<{ municipality: MunicipalitySummary; role: Role | null; active: boolean } | null> {
  const municipality = await getDb().municipality.findUnique({
    where: { slug },
    select: { ...summary, deactivatedAt: true, memberships: { where: { userId }, select: { role: true } } },
  });
  if (!municipality) return null;
  const { memberships, deactivatedAt, ...rest } = municipality;
  return { municipality: rest, role: memberships[0]?.role ?? null, active: deactivatedAt === null };
}

/** Municipalities the user can open: all of them for an operator, their own active ones for others. */
export async function listMunicipalitiesForUser(userId: string, isOperator: boolean) {
  const rows = await getDb().municipality.findMany({
    where: isOperator ? {} : { memberships: { some: { userId } }, deactivatedAt: null },
    select: { ...summary, deactivatedAt: true },
    orderBy: { name: "asc" },
  });
  return rows.map(({ deactivatedAt, ...m }) => ({ ...m, active: deactivatedAt === null }));
}

export async function createMunicipality(slug: string, name: string) {
  return getDb().municipality.create({ data: { slug, name }, select: summary });
}

// --- Settings: the planned date of the next evaluation and the target total ----------------

export async function getNextEvaluationDate(municipalityId: string): Promise<string | null> {
  const m = await getDb().municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { nextEvaluationDate: true } });
  return m.nextEvaluationDate ? isoDate(m.nextEvaluationDate) : null;
}

export async function setNextEvaluationDate(municipalityId: string, date: string | null) {
  await getDb().municipality.update({
    where: { id: municipalityId },
    data: { nextEvaluationDate: date ? new Date(`${date}T00:00:00Z`) : null },
  });
}

/** The planned date of the next evaluation and the optional target total. */
export async function setEvaluationTarget(municipalityId: string, target: { nextEvaluationDate: string | null; targetTotal: number | null }) {
  await getDb().municipality.update({
    where: { id: municipalityId },
    data: {
      nextEvaluationDate: target.nextEvaluationDate ? new Date(`${target.nextEvaluationDate}T00:00:00Z`) : null,
      targetTotal: target.targetTotal,
    },
  });
}
