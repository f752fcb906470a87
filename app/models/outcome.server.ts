import { isoDate, stockholmDate } from "~/domain/dates.ts";
import type { ActionNow, NewQuestion, SnapshotData } from "~/domain/outcome.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";

type Tx = Prisma.TransactionClient;

/**
 * Saved projections (ProjectionSnapshot), the evaluations of a municipality in order, and the
 * choice of own likelihood weights (issue #13 item 5). Every function takes the municipality
 * id, except `municipalitiesWithDateDue`, which is the worker's (every municipality).
 */

const dateValue = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The municipality's evaluations, oldest first (the order the product treats as rounds). */
export async function evaluationRounds(municipalityId: string) {
  // One query (the ORM read the versions' names in a second, in sequence); on every Inför utvärdering (ADR 0046).
  const rows = await readRows<Array<{ id: string; year: number; frameworkVersionId: string; version: string; createdAt: Date }>>(Prisma.sql`
    SELECT e."id"::text AS "id", e."year", e."frameworkVersionId"::text AS "frameworkVersionId", v."name" AS "version", e."createdAt"
    FROM "Evaluation" e JOIN "FrameworkVersion" v ON v."id" = e."frameworkVersionId"
    WHERE e."municipalityId" = ${municipalityId}::uuid
    ORDER BY e."year" ASC, e."createdAt" ASC`);
  return rows.map((r) => ({ id: r.id, year: r.year, frameworkVersionId: r.frameworkVersionId, version: r.version, createdOn: stockholmDate(r.createdAt) }));
}

/** Saves a snapshot once: a second one for the same evaluation and date is ignored. Returns whether it was saved. */
export async function saveProjectionSnapshot(
  municipalityId: string,
  snapshot: { evaluationId: string; plannedDate: string; savedAtImport: boolean; data: SnapshotData },
  tx: Tx = getDb(),
) {
  const { count } = await tx.projectionSnapshot.createMany({
    data: [
      {
        municipalityId,
        evaluationId: snapshot.evaluationId,
        plannedDate: dateValue(snapshot.plannedDate),
        savedAtImport: snapshot.savedAtImport,
        data: snapshot.data as unknown as Prisma.InputJsonValue,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

/** The snapshot of an evaluation's round: the one saved on a planned date if any, else the one saved at the import; the latest date first. */
export async function snapshotForRound(municipalityId: string, evaluationId: string) {
  // Read flat: Inför utvärdering asks for it on every view, for the fit of own weights (ADR 0046).
  const [row] = await readRows<Array<{ plannedDate: string; savedAtImport: boolean; data: SnapshotData; createdAt: Date }>>(Prisma.sql`
    SELECT to_char(s."plannedDate", 'YYYY-MM-DD') AS "plannedDate", s."savedAtImport", s."data", s."createdAt"
    FROM "ProjectionSnapshot" s
    WHERE s."municipalityId" = ${municipalityId}::uuid AND s."evaluationId" = ${evaluationId}::uuid
    ORDER BY s."savedAtImport" ASC, s."plannedDate" DESC
    LIMIT 1`);
  return row ?? null;
}

export async function hasSnapshot(municipalityId: string, evaluationId: string, plannedDate?: string) {
  const count = await getDb().projectionSnapshot.count({
    where: { municipalityId, evaluationId, ...(plannedDate ? { plannedDate: dateValue(plannedDate) } : {}) },
  });
  return count > 0;
}

/** Worker only: municipalities whose planned evaluation date has come (`today` or earlier), active ones. */
export async function municipalitiesWithDateDue(today: string) {
  const rows = await getDb().municipality.findMany({
    where: { nextEvaluationDate: { lte: dateValue(today) }, deactivatedAt: null },
    select: { id: true, nextEvaluationDate: true },
  });
  return rows.map((r) => ({ id: r.id, plannedDate: isoDate(r.nextEvaluationDate!) }));
}

/** An evaluation's questions with the points it awarded (null where it has none). */
export async function evaluationQuestions(municipalityId: string, evaluationId: string): Promise<Array<NewQuestion & { id: string }>> {
  const evaluation = await getDb().evaluation.findFirst({
    where: { id: evaluationId, municipalityId },
    include: { scores: true, frameworkVersion: { include: { areas: { orderBy: { number: "asc" }, include: { questions: { orderBy: { sortOrder: "asc" } } } } } } },
  });
  if (!evaluation) return [];
  const points = new Map(evaluation.scores.map((s) => [s.questionId, Number(s.points)]));
  return evaluation.frameworkVersion.areas.flatMap((area) =>
    area.questions.map((q) => ({ id: q.id, code: q.code, text: q.text, area: area.number, maxPoints: Number(q.maxPoints), points: points.get(q.id) ?? null })),
  );
}

/** Codes of a version's questions by id (to turn correspondences into code pairs). */
export async function questionCodes(versionIds: string[]) {
  const rows = await getDb().frameworkQuestion.findMany({ where: { area: { versionId: { in: versionIds } } }, select: { id: true, code: true } });
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** The status now and completion date of the given actions of this municipality. */
export async function actionsNow(municipalityId: string, actionIds: string[]): Promise<Map<string, ActionNow>> {
  const rows = await getDb().action.findMany({
    where: { municipalityId, id: { in: actionIds } },
    select: { id: true, status: true, completedAt: true },
  });
  return new Map(rows.map((r) => [r.id, { status: r.status, completedOn: r.completedAt ? stockholmDate(r.completedAt) : null }]));
}

export async function usesOwnWeights(municipalityId: string) {
  const [row] = await readRows<Array<{ own: boolean }>>(Prisma.sql`SELECT EXISTS (SELECT 1 FROM "OwnLikelihoodWeights" w WHERE w."municipalityId" = ${municipalityId}::uuid) AS "own"`);
  return row?.own === true;
}

/** Turns the own weights on or off (recorded in the audit log). */
export async function setOwnWeights(municipalityId: string, on: boolean, actorId: string) {
  await getDb().$transaction(async (tx) => {
    if (on) await tx.ownLikelihoodWeights.upsert({ where: { municipalityId }, create: { municipalityId }, update: {} });
    else await tx.ownLikelihoodWeights.deleteMany({ where: { municipalityId } });
    await recordAudit(
      { municipalityId, actorId, entityType: "Municipality", entityId: municipalityId, event: "municipality.settings-changed", field: "likelihoodWeights", newValue: on ? "own" : "default" },
      tx,
    );
  });
}
