import { stockholmDate } from "~/domain/dates.ts";
import type { ReportAction } from "~/domain/follow-up-report.ts";
import type { ProjectionAction, ProjectionQuestion } from "~/domain/projection.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { readRows } from "~/platform/db.server.ts";
import { latestEvaluationRows, scoringInput } from "./latest-evaluation-rows.server.ts";
import { improvementItemRows, planActionRows } from "./plan-rows.server.ts";

/**
 * The latest evaluation's sub-questions and the plan's actions, as the projection, the progress
 * chart and the follow-up report need them.
 */
export async function loadReadinessData(municipalityId: string) {
  // All in one round trip: the plan's actions and the items find the latest evaluation themselves
  // instead of waiting for its id (ADR 0046).
  const latest = { latestOf: municipalityId };
  const [[municipality], evaluation, actions, items] = await Promise.all([
    readRows<Array<{ name: string; nextEvaluationDate: string | null; targetTotal: number | null }>>(Prisma.sql`
      SELECT m."name", to_char(m."nextEvaluationDate", 'YYYY-MM-DD') AS "nextEvaluationDate", m."targetTotal"::float8 AS "targetTotal"
      FROM "Municipality" m WHERE m."id" = ${municipalityId}::uuid`),
    latestEvaluationRows(municipalityId),
    // The plan's actions flat in one query (ADR 0046).
    planActionRows(municipalityId, latest),
    // Every improvement item at once: the count without action (report), the list without action
    // (Översikt) and the items for "Ny åtgärd" links (Inför utvärdering), without a query each after this one.
    improvementItemRows(municipalityId, latest),
  ]);
  if (!municipality) throw new Error(`No municipality ${municipalityId}`);
  if (!evaluation) return null;
  const questions: ProjectionQuestion[] = evaluation.areas.flatMap((area) =>
    area.questions.map((q) => ({ code: q.code, text: q.text, area: area.number, maxPoints: q.maxPoints, current: q.points ?? 0 })),
  );
  // The evaluation as scoring.ts reads it, so the readiness figures start from the same score as every page (ADR 0040).
  const scoring = scoringInput(evaluation);
  return {
    municipalityName: municipality.name,
    evaluation: { id: evaluation.id, year: evaluation.year, version: evaluation.versionName, versionKey: evaluation.versionKey },
    nextEvaluationDate: municipality.nextEvaluationDate,
    targetTotal: municipality.targetTotal,
    areaNames: new Map(evaluation.areas.map((a) => [a.number, a.name])),
    questions,
    scoring,
    itemsWithoutAction: items.filter((i) => !i.hasAction).length,
    /** The evaluation's improvement items by id, with their area and whether an action is linked. */
    items,
    actions: actions.map(
      (a): ProjectionAction => ({
        id: a.id,
        title: a.title,
        status: a.status,
        deadline: a.deadline,
        hasEvidence: a.hasEvidence,
        effects: a.effects,
      }),
    ),
    planActions: actions.map(
      (a): Omit<ReportAction, "daysLate"> => ({
        id: a.id,
        title: a.title,
        area: a.area,
        item: a.itemText,
        owner: a.ownerName,
        status: a.status,
        deadline: a.deadline,
        completedAt: a.completedAt ? stockholmDate(a.completedAt) : null,
        hasEvidence: a.hasEvidence,
        committeeId: a.committeeId,
        committee: a.committeeName,
        decisionReference: a.decisionReference,
      }),
    ),
  };
}
