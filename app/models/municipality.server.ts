import type { Role } from "~/domain/access.ts";
import { isoDate } from "~/domain/dates.ts";
import { diffFields } from "~/domain/actions/changes.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";
import { recordAudit, type AuditEntry } from "./audit.server.ts";

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

/**
 * The municipality by its short name, with the role of the session's person in it (null when not
 * a member), whether it is active and whether it requires two-step sign-in: what every
 * municipality page checks first, in one query. It goes by the session's stored key so that the
 * page's guard can ask it beside "who is signed in" instead of after it. The caller checks the
 * session itself (requireUser); a session that does not exist gives no role.
 */
export async function findMunicipalityForSession(slug: string, sessionKey: string): Promise<MunicipalityForUser | null> {
  const [row] = await readRows<Array<{ id: string; slug: string; name: string; active: boolean; role: Role | null; twoStepRequired: boolean }>>(Prisma.sql`
    SELECT m."id"::text AS "id", m."slug", m."name", (m."deactivatedAt" IS NULL) AS "active",
           ms."role"::text AS "role", COALESCE(tp."required", false) AS "twoStepRequired"
    FROM "Municipality" m
    LEFT JOIN "Membership" ms ON ms."municipalityId" = m."id" AND ms."userId" = (SELECT s."userId" FROM "Session" s WHERE s."id" = ${sessionKey})
    LEFT JOIN "MunicipalityTwoStep" tp ON tp."municipalityId" = m."id"
    WHERE m."slug" = ${slug}`);
  if (!row) return null;
  return { municipality: { id: row.id, slug: row.slug, name: row.name }, role: row.role, active: row.active, twoStepRequired: row.twoStepRequired };
}

export interface MunicipalityForUser {
  municipality: MunicipalitySummary;
  role: Role | null;
  active: boolean;
  twoStepRequired: boolean;
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

/**
 * The audit rows of a settings change (`municipality.settings-changed`, one per changed field).
 * Settings changed by a command or the demo seed (no actor) are recorded too.
 */
export function settingsAudit(
  municipalityId: string,
  actorId: string | null,
  before: Record<string, string | number | boolean | readonly string[] | null>,
  after: Record<string, string | number | boolean | readonly string[] | null>,
): AuditEntry[] {
  const plain = (o: typeof before) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "boolean" ? String(v) : (v as string | number | readonly string[] | null)]));
  return diffFields(plain(before), plain(after)).map((c) => ({
    municipalityId,
    actorId,
    entityType: "Municipality",
    entityId: municipalityId,
    event: "municipality.settings-changed",
    ...c,
  }));
}

const dateOrNull = (date: string | null) => (date ? new Date(`${date}T00:00:00Z`) : null);
const isoOrNull = (date: Date | null) => (date ? isoDate(date) : null);

export async function setNextEvaluationDate(municipalityId: string, date: string | null, actorId: string | null = null) {
  await getDb().$transaction(async (tx) => {
    const before = await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { nextEvaluationDate: true } });
    await tx.municipality.update({ where: { id: municipalityId }, data: { nextEvaluationDate: dateOrNull(date) } });
    await recordAudit(settingsAudit(municipalityId, actorId, { nextEvaluationDate: isoOrNull(before.nextEvaluationDate) }, { nextEvaluationDate: date }), tx);
  });
}

/** The planned date of the next evaluation and the optional target total. */
export async function setEvaluationTarget(
  municipalityId: string,
  target: { nextEvaluationDate: string | null; targetTotal: number | null },
  actorId: string | null = null,
) {
  await getDb().$transaction(async (tx) => {
    const before = await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { nextEvaluationDate: true, targetTotal: true } });
    await tx.municipality.update({
      where: { id: municipalityId },
      data: { nextEvaluationDate: dateOrNull(target.nextEvaluationDate), targetTotal: target.targetTotal },
    });
    await recordAudit(
      settingsAudit(
        municipalityId,
        actorId,
        { nextEvaluationDate: isoOrNull(before.nextEvaluationDate), targetTotal: before.targetTotal === null ? null : Number(before.targetTotal) },
        { nextEvaluationDate: target.nextEvaluationDate, targetTotal: target.targetTotal },
      ),
      tx,
    );
  });
}
