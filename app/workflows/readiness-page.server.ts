import { itemForQuestion } from "~/domain/actions/suggest.ts";
import { stockholmDate } from "~/domain/dates.ts";
import { progressOverTime } from "~/domain/progress-over-time.ts";
import { projectionFromScore, scoreDifference } from "~/domain/one-score.ts";
import { project, whereArePoints } from "~/domain/projection.ts";
import { applyWhatIf, carriedWhatIf, readWhatIfArea, shownWhatIfArea, whatIfAreas } from "~/domain/what-if.ts";
import { parseWhatIf, WHAT_IF_QUERY } from "~/forms/what-if.ts";
import { scoreDifferenceLine } from "~/utils/report-text.ts";
import { latestStatuses } from "~/models/status-note.server.ts";
import { previousEvaluationAreas } from "./readiness.server.ts";
import { readinessInNextVersion } from "./readiness-version.server.ts";

/**
 * What the page *Inför nästa utvärdering* shows at `now`: the projection, the sub-questions with
 * the most open points, the previous evaluation and the progress of the plan, in the version the
 * next evaluation will use (moved through the correspondences when that is newer than the latest
 * evaluation's). Without an evaluation, `result` is null. The what-if sandbox is a page of its own
 * (`whatIfPage`, ADR 0047).
 */
export async function readinessPage(municipalityId: string, now: Date) {
  const [found, previousAreas] = await Promise.all([readinessInNextVersion(municipalityId, now), previousEvaluationAreas(municipalityId)]);
  if (!found) return { result: null, scoreDifference: null, where: [], previous: null, progress: null };
  const { areaNames: _names, planActions, ...result } = found;
  // In another version the areas are not the same: the previous evaluation's are not drawn beside them.
  const previous = found.nextVersion.moved ? null : previousAreas;
  const deadlines = new Map(result.actions.map((a) => [a.id, a.deadline]));
  // A large gap without action links to a new action for it, under the improvement item of its
  // area it most likely belongs to (only in the evaluation's own version: the items are of that version).
  const items = found.nextVersion.moved ? [] : result.items.map((i) => ({ id: i.id, text: i.text, area: i.area }));
  const questionByCode = new Map(result.questions.map((q) => [q.code, q]));
  const where = whereArePoints(result.projection, result.nextEvaluationDate, deadlines)
    .slice(0, 15)
    .map((w) => {
      const question = questionByCode.get(w.code);
      const item = w.largeGapWithoutAction && question ? itemForQuestion(question, items) : null;
      return { ...w, newActionItemId: item?.id ?? null };
    });
  // Only what the page renders: Remix writes the loader's whole return value into the HTML as
  // data, so the full projection input (every action's deadline and status, the score, the plan
  // rows) would double the page's bytes (ADR 0046).
  const page = {
    evaluation: { year: result.evaluation.year },
    nextEvaluationDate: result.nextEvaluationDate,
    targetTotal: result.targetTotal,
    nextVersion: result.nextVersion,
    setting: result.setting,
    weights: result.weights,
    // The sub-questions' figures; each one's contributions are read when it is unfolded
    // (`questionExplanation`): 300 actions under 45 folded sub-questions were a third of the
    // page's HTML and half its data (ADR 0046).
    projection: {
      ...result.projection,
      questions: result.projection.questions.map(({ contributions, ...q }) => ({ ...q, contributionCount: contributions.length })),
    },
    doneCount: result.actions.filter((a) => a.status === "DONE").length,
    doneWithoutEvidence: result.actions.filter((a) => a.status === "DONE" && !a.hasEvidence).length,
  };
  return {
    result: page,
    where,
    // The one sentence on why the sub-questions add up to another number than the score, once on the page.
    scoreDifference: found.nextVersion.moved ? null : scoreDifferenceLine(scoreDifference(result.score)),
    previous,
    progress: progressOverTime(planActions, { today: stockholmDate(now), evaluationDate: result.nextEvaluationDate }),
  };
}

/**
 * One sub-question of the readiness projection at `now`, explained: its figures and the actions
 * that contribute to it, each with its weight, its rule and its latest status text
 * (lägesbeskrivning). Without it, why: the municipality has no evaluation, or the projection has
 * no sub-question `code`.
 */
export async function questionExplanation(municipalityId: string, code: string, now: Date) {
  const found = await readinessInNextVersion(municipalityId, now);
  if (!found) return { explanation: null, missing: "no-evaluation" as const };
  const question = found.projection.questions.find((q) => q.code === code);
  if (!question) return { explanation: null, missing: "no-question" as const };
  const { contributions, ...figures } = question;
  const latest = await latestStatuses(municipalityId, contributions.map((c) => c.actionId));
  const explanation = {
    question: figures,
    contributions,
    /** Each contributing action's latest status text (lägesbeskrivning), by action id. */
    statuses: Object.fromEntries([...latest].map(([id, s]) => [id, { date: s.date, text: s.text }])),
  };
  return { explanation, missing: null };
}

/** A sub-question explained: the sub-question page's data, also read by the readiness page when one is unfolded. */
export type QuestionExplanation = NonNullable<Awaited<ReturnType<typeof questionExplanation>>["explanation"]>;

/**
 * The what-if sandbox (*Tänk om*): one area's actions that are not cancelled, with their effects
 * (ADR 0049), the sub-questions they touch, the projection's total and, when the query asks for
 * one (`searchParams`), the total with some actions switched off and some effects changed, in any
 * area; what the trial changed in the other areas travels in hidden fields. Nothing is saved.
 * Without an evaluation, null.
 */
export async function whatIfPage(municipalityId: string, searchParams: URLSearchParams, now: Date) {
  const found = await readinessInNextVersion(municipalityId, now);
  if (!found) return null;
  const areaOf = new Map(found.planActions.map((a) => [a.id, a.area]));
  const tried = found.actions.filter((a) => a.status !== "CANCELLED").map((a) => ({ ...a, area: areaOf.get(a.id) ?? 0 }));
  const areas = whatIfAreas(tried, found.areaNames);
  const listedArea = readWhatIfArea(searchParams.get(WHAT_IF_QUERY.shown), areas);
  // A form that held an area lists that area's actions, none when the area has none left (its
  // last action cancelled or moved since): the other areas' choices come from what it carried.
  const whatIf = parseWhatIf(
    searchParams,
    tried.map((a) => ({ id: a.id, codes: a.effects.map((e) => e.code), area: a.area })),
    searchParams.has(WHAT_IF_QUERY.shown) ? new Set(tried.filter((a) => a.area === listedArea).map((a) => a.id)) : null,
  );
  // The area of a trial's `${actionId}:${code}` key.
  const areaOfKey = (key: string) => areaOf.get(key.slice(0, key.indexOf(":")));
  const firstUnreadable = whatIf ? [...whatIf.unreadable.keys()][0] : undefined;
  const asked = readWhatIfArea(searchParams.get(WHAT_IF_QUERY.area), areas);
  const area = shownWhatIfArea({
    asked,
    listed: listedArea,
    unreadableArea: firstUnreadable === undefined ? null : (areaOfKey(firstUnreadable) ?? null),
    areas,
  });
  // Told from the score as the readiness page's projection is (ADR 0040), so the two compare; in another version there is no score yet.
  const told = (projection: ReturnType<typeof project>) => (found.nextVersion.moved ? projection : projectionFromScore(projection, found.score)).total;
  const reprojected = whatIf
    ? project(found.questions, applyWhatIf(found.actions, whatIf), { today: stockholmDate(now), evaluationDate: found.nextEvaluationDate, weights: found.weights.values })
    : null;
  const shown = tried.filter((a) => a.area === area);
  const shownIds = new Set(shown.map((a) => a.id));
  return {
    planned: found.projection.total,
    sandbox: reprojected
      ? {
          total: told(reprojected),
          off: [...whatIf!.off].filter((id) => shownIds.has(id)),
          effects: Object.fromEntries([...whatIf!.effects].filter(([key]) => areaOfKey(key) === area)),
          // An unreadable effect has a field to be shown at only in the area shown; elsewhere it counts as planned.
          unreadable: Object.fromEntries([...whatIf!.unreadable].filter(([key]) => areaOfKey(key) === area)),
        }
      : null,
    // The sub-questions the shown rows have effects on, by which their fields are named.
    questions: found.questions.filter((q) => shown.some((a) => a.effects.some((e) => e.code === q.code))).map((q) => ({ code: q.code, text: q.text, maxPoints: q.maxPoints, current: q.current })),
    areas,
    area,
    /** Another area was asked for, but this one has an effect to correct first. */
    stayedForError: asked !== null && asked !== area,
    /** The table's rows: the shown area's actions not cancelled, with their effects. */
    actions: shown.map((a) => ({ id: a.id, title: a.title, effects: a.effects })),
    /** The trial's choices in the other areas, for the form's hidden fields. */
    carried: carriedWhatIf(tried, whatIf, area),
  };
}
