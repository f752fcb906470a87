import type { AreaInput } from "~/domain/scoring.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { readRows } from "~/platform/db.server.ts";
import { memoized } from "~/platform/request-memo.server.ts";

/**
 * The municipality's latest evaluation as the projection scores it: its version, and per area of
 * that version the stated points and the sub-questions with their points. Three flat queries in
 * one round trip (each finds "the latest" itself, and the one before it), instead of the ORM's
 * level-by-level reads of evaluation → scores, areas, version → areas → questions, four round
 * trips in sequence on every *Översikt*, *Inför utvärdering* and report (ADR 0046). Decimals
 * come as numbers: the columns hold at most two decimals, which a double keeps exactly enough
 * for `String(n)` to read as before.
 */
export interface LatestEvaluationRows {
  id: string;
  year: number;
  statedTotal: number | null;
  versionName: string;
  versionKey: string;
  areas: Array<{
    number: number;
    name: string;
    maxPoints: number;
    statedPoints: number | null;
    questions: Array<{ id: string; code: string; text: string; maxPoints: number; points: number | null }>;
  }>;
}

/**
 * The order in which "the latest evaluation" is the first: by year, then when it was added, then
 * by id, so that every query of a page picks the same one of two added at the same instant.
 * Unqualified column names: for a query over "Evaluation" alone.
 */
const LATEST_FIRST = Prisma.sql`"year" DESC, "createdAt" DESC, "id" DESC`;

/**
 * Which evaluation a query reads: one by id, or the municipality's latest, found by the query
 * itself so that it need not wait for another query to learn the id (ADR 0046).
 */
export type EvaluationRef = { id: string } | { latestOf: string };

export function evaluationIdSql(ref: EvaluationRef): Prisma.Sql {
  return "id" in ref
    ? Prisma.sql`${ref.id}::uuid`
    : Prisma.sql`(SELECT "id" FROM "Evaluation" WHERE "municipalityId" = ${ref.latestOf}::uuid ORDER BY ${LATEST_FIRST} LIMIT 1)`;
}

/** The latest evaluation (`skip` 1: the one before it, for comparisons), or null. */
export async function latestEvaluationRows(municipalityId: string, skip: 0 | 1 = 0): Promise<LatestEvaluationRows | null> {
  // The latest and the one before are read together: *Inför utvärdering*, *Översikt* and the
  // report want both, from two places, in the same request; within a page request they share
  // the one read (request memo), elsewhere each call reads both (ADR 0046).
  const both = await memoized(`latest-evaluations:${municipalityId}`, () => latestTwoEvaluations(municipalityId));
  return both[skip];
}

async function latestTwoEvaluations(municipalityId: string): Promise<[LatestEvaluationRows | null, LatestEvaluationRows | null]> {
  const latestTwo = Prisma.sql`
    SELECT "id", "frameworkVersionId", (ROW_NUMBER() OVER (ORDER BY ${LATEST_FIRST}) - 1)::int AS "rank"
    FROM "Evaluation" WHERE "municipalityId" = ${municipalityId}::uuid ORDER BY ${LATEST_FIRST} LIMIT 2`;
  const [headers, areas, questions] = await Promise.all([
    readRows<Array<{ rank: number; id: string; year: number; statedTotal: number | null; versionName: string; versionKey: string }>>(Prisma.sql`
      WITH latest AS (${latestTwo})
      SELECT l."rank", e."id"::text AS "id", e."year", e."statedTotal"::float8 AS "statedTotal", fv."name" AS "versionName", fv."key" AS "versionKey"
      FROM latest l JOIN "Evaluation" e ON e."id" = l."id" JOIN "FrameworkVersion" fv ON fv."id" = e."frameworkVersionId"`),
    readRows<Array<{ rank: number; number: number; name: string; maxPoints: number; statedPoints: number | null }>>(Prisma.sql`
      WITH latest AS (${latestTwo})
      SELECT l."rank", fa."number", fa."name", fa."maxPoints"::float8 AS "maxPoints", ea."statedPoints"::float8 AS "statedPoints"
      FROM latest l
      JOIN "FrameworkArea" fa ON fa."versionId" = l."frameworkVersionId"
      LEFT JOIN "EvaluationArea" ea ON ea."evaluationId" = l."id" AND ea."frameworkAreaId" = fa."id"
      ORDER BY l."rank" ASC, fa."number" ASC`),
    readRows<Array<{ rank: number; area: number; id: string; code: string; text: string; maxPoints: number; points: number | null }>>(Prisma.sql`
      WITH latest AS (${latestTwo})
      SELECT l."rank", fa."number" AS "area", q."id"::text AS "id", q."code", q."text", q."maxPoints"::float8 AS "maxPoints", qs."points"::float8 AS "points"
      FROM latest l
      JOIN "FrameworkArea" fa ON fa."versionId" = l."frameworkVersionId"
      JOIN "FrameworkQuestion" q ON q."areaId" = fa."id"
      LEFT JOIN "QuestionScore" qs ON qs."evaluationId" = l."id" AND qs."questionId" = q."id"
      ORDER BY l."rank" ASC, fa."number" ASC, q."sortOrder" ASC`),
  ]);
  const evaluation = (rank: number): LatestEvaluationRows | null => {
    const header = headers.find((h) => Number(h.rank) === rank);
    if (!header) return null;
    const byArea = new Map<number, LatestEvaluationRows["areas"][number]["questions"]>();
    for (const q of questions) {
      if (Number(q.rank) !== rank) continue;
      const area = Number(q.area);
      const list = byArea.get(area) ?? [];
      list.push({ id: q.id, code: q.code, text: q.text, maxPoints: Number(q.maxPoints), points: q.points === null ? null : Number(q.points) });
      byArea.set(area, list);
    }
    return {
      id: header.id,
      year: Number(header.year),
      statedTotal: header.statedTotal === null ? null : Number(header.statedTotal),
      versionName: header.versionName,
      versionKey: header.versionKey,
      areas: areas
        .filter((a) => Number(a.rank) === rank)
        .map((a) => ({
          number: Number(a.number),
          name: a.name,
          maxPoints: Number(a.maxPoints),
          statedPoints: a.statedPoints === null ? null : Number(a.statedPoints),
          questions: byArea.get(Number(a.number)) ?? [],
        })),
    };
  };
  return [evaluation(0), evaluation(1)];
}

/** The evaluation as scoring.ts reads it (points as the report states them; ADR 0040). */
export function scoringInput(evaluation: LatestEvaluationRows): { areas: AreaInput[]; statedTotal: string | null } {
  return {
    statedTotal: evaluation.statedTotal === null ? null : String(evaluation.statedTotal),
    areas: evaluation.areas.map((area) => ({
      number: area.number,
      name: area.name,
      maxPoints: String(area.maxPoints),
      statedPoints: area.statedPoints === null ? null : String(area.statedPoints),
      questions: area.questions.map((q) => ({ code: q.code, text: q.text, maxPoints: String(q.maxPoints), points: q.points })),
    })),
  };
}
