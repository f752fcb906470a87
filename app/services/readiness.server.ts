import { stockholmDate } from "~/domain/actions/dates.ts";
import { buildReport } from "~/domain/follow-up-report.ts";
import { project } from "~/domain/projection.ts";
import { loadReadinessData } from "~/models/readiness.server.ts";

/** The projection of a municipality at `now` (the same numbers for the page, the report and the command). */
export async function readinessFor(municipalityId: string, now: Date) {
  const data = await loadReadinessData(municipalityId);
  if (!data) return null;
  const projection = project(data.questions, data.actions, { today: stockholmDate(now), evaluationDate: data.nextEvaluationDate });
  return { ...data, projection };
}

/** The follow-up report as it reads at `now`, built from the same projection. */
export async function currentReport(municipalityId: string, now: Date) {
  const readiness = await readinessFor(municipalityId, now);
  if (!readiness) return null;
  return buildReport(
    {
      municipality: readiness.municipalityName,
      evaluation: { year: readiness.evaluation.year, version: readiness.evaluation.version },
      nextEvaluationDate: readiness.nextEvaluationDate,
      targetTotal: readiness.targetTotal,
      areaNames: readiness.areaNames,
      projection: readiness.projection,
      actions: readiness.planActions,
      itemsWithoutAction: readiness.itemsWithoutAction,
    },
    stockholmDate(now),
  );
}
