import { stockholmDate } from "~/domain/actions/dates.ts";
import { project } from "~/domain/projection.ts";
import { loadReadinessData } from "~/models/readiness.server.ts";

/** The projection of a municipality at `now` (the same numbers for the page and the command). */
export async function readinessFor(municipalityId: string, now: Date) {
  const data = await loadReadinessData(municipalityId);
  if (!data) return null;
  const projection = project(data.questions, data.actions, { today: stockholmDate(now), evaluationDate: data.nextEvaluationDate });
  return { ...data, projection };
}
