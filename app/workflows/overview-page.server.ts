import { compareAreas } from "~/domain/comparison.ts";
import { stockholmDate } from "~/domain/dates.ts";
import { areaStatuses, DUE_WITHIN_DAYS, dueWithin } from "~/domain/status-overview.ts";
import { latestEvaluationRows } from "~/models/latest-evaluation-rows.server.ts";
import { latestReport as findLatestReport } from "~/models/follow-up-report.server.ts";
import { readinessFor, scoreRows } from "./readiness.server.ts";

/**
 * What *Översikt*, the status page (issue #14, item 1), shows at `now`: the figures now (the
 * evaluation's total, as the evaluation page scores it), likely and target (readinessFor's
 * projection, as *Inför utvärdering* and the follow-up report show them), per area the plan's
 * counts and traffic light, the deadlines of the coming days, the items without an action, the
 * latest follow-up report and the area chart. A fixed number of queries, however large the plan.
 * Without an evaluation `evaluation` is null.
 */
export async function overviewPage(municipalityId: string, now: Date) {
  const today = stockholmDate(now);
  // The latest evaluation comes with the projection (scored as the evaluation page scores it);
  // only the one before it is loaded here, for the comparison.
  const [readiness, previous, latestReport] = await Promise.all([
    readinessFor(municipalityId, now),
    latestEvaluationRows(municipalityId, 1),
    findLatestReport(municipalityId),
  ]);
  if (!readiness) return { evaluation: null, latestReport };
  const latest = readiness.evaluation;
  // Loaded with the projection (one query fewer in sequence); ordered as the items are in the evaluation.
  const withoutAction = readiness.items
    .filter((i) => !i.hasAction)
    .sort((a, b) => a.area - b.area || a.sortOrder - b.sortOrder)
    .map((i) => ({ id: i.id, text: i.text, area: i.area }));
  const { scored } = readiness;
  const comparison = compareAreas(
    { versionKey: latest.versionKey, scored },
    previous ? { versionKey: previous.versionKey, scored: scoreRows(previous) } : null,
  );
  const { projection } = readiness;
  const actions = readiness.planActions.map((a) => ({ id: a.id, title: a.title, area: a.area, status: a.status, deadline: a.deadline, owner: a.owner }));
  const areaName = (n: number) => readiness.areaNames.get(n) ?? "";
  return {
    latestReport,
    evaluation: { id: latest.id, year: latest.year, version: latest.version },
    previous: previous ? { id: previous.id, year: previous.year } : null,
    figures: {
      /** The evaluation's total as the evaluation page shows it. */
      now: scored.total,
      maxPoints: scored.maxPoints,
      likely: projection.total.likely,
      target: readiness.targetTotal,
      nextEvaluationDate: readiness.nextEvaluationDate,
    },
    areas: areaStatuses(projection.areas, actions, readiness.targetTotal, today).map((a) => ({ ...a, name: areaName(a.number) })),
    dueSoon: dueWithin(actions, today, DUE_WITHIN_DAYS).map((a) => ({ ...a, areaName: areaName(a.area) })),
    itemsWithoutAction: withoutAction.map((i) => ({ ...i, areaName: areaName(i.area) })),
    comparison,
  };
}
