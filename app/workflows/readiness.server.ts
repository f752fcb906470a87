import { stockholmDate } from "~/domain/dates.ts";
import { buildReport } from "~/domain/follow-up-report.ts";
import { oneScore, projectionFromScore } from "~/domain/one-score.ts";
import { project } from "~/domain/projection.ts";
import { scoreEvaluation } from "~/domain/scoring.ts";
import { latestEvaluationRows, scoringInput, type LatestEvaluationRows } from "~/models/latest-evaluation-rows.server.ts";
import { loadReadinessData } from "~/models/readiness.server.ts";
import { latestStatuses } from "~/models/status-note.server.ts";
import { weightsFor } from "./likelihood-weights.server.ts";

/** An evaluation read by `latestEvaluationRows`, scored as every page scores it (ADR 0040). */
export function scoreRows(evaluation: LatestEvaluationRows) {
  const input = scoringInput(evaluation);
  return scoreEvaluation(input.areas, input.statedTotal);
}

/** The evaluation before the latest, as points per area (for the charts), or null. */
export async function previousEvaluationAreas(municipalityId: string) {
  // Only the one before the latest: the latest is loaded by the projection already.
  const previous = await latestEvaluationRows(municipalityId, 1);
  if (!previous) return null;
  const { areas } = scoreRows(previous);
  return { year: previous.year, areas: areas.map((a) => ({ number: a.number, points: a.points })) };
}

/** The projection of a municipality at `now` (the same numbers for the page, the report and the command). */
export async function readinessFor(municipalityId: string, now: Date) {
  const [data, chosen] = await Promise.all([loadReadinessData(municipalityId), weightsFor(municipalityId)]);
  if (!data) return null;
  const { scoring, ...rest } = data;
  // The projection is computed on sub-questions and told from the report's stated score (ADR 0040).
  // Scored as the evaluation page scores it: *Översikt* shows its "now" from this.
  const scored = scoreEvaluation(scoring.areas, scoring.statedTotal);
  const score = oneScore(scored);
  const projection = projectionFromScore(
    project(data.questions, data.actions, { today: stockholmDate(now), evaluationDate: data.nextEvaluationDate, weights: chosen.weights }),
    score,
  );
  return { ...rest, scored, score, projection, weights: { chosen: chosen.chosen, own: chosen.own, values: chosen.weights } };
}

/** The follow-up report as it reads at `now`, built from the same projection. */
export async function currentReport(municipalityId: string, now: Date) {
  const [readiness, previousEvaluation, statuses] = await Promise.all([
    readinessFor(municipalityId, now),
    previousEvaluationAreas(municipalityId),
    latestStatuses(municipalityId),
  ]);
  if (!readiness) return null;
  return buildReport(
    {
      previousEvaluation,
      municipality: readiness.municipalityName,
      evaluation: { year: readiness.evaluation.year, version: readiness.evaluation.version },
      nextEvaluationDate: readiness.nextEvaluationDate,
      targetTotal: readiness.targetTotal,
      areaNames: readiness.areaNames,
      projection: readiness.projection,
      score: readiness.score,
      actions: readiness.planActions.map((a) => ({ ...a, latestStatus: statuses.get(a.id) ?? null })),
      itemsWithoutAction: readiness.itemsWithoutAction,
    },
    stockholmDate(now),
  );
}
