import { compareSwedish } from "./swedish-order.ts";
import { daysLateOn, STATUSES, type ActionStatus } from "./actions/status.ts";
import type { OneScore } from "./one-score.ts";
import type { LatestStatus } from "./actions/status-note.ts";
import type { Figures, Projection } from "./projection.ts";
import { roundPoints } from "./points.ts";
import { progressOverTime, type ProgressSeries } from "./progress-over-time.ts";

/**
 * The council's follow-up report (Uppföljningsrapport) as data: everything it shows is frozen
 * into a snapshot when the report is saved, so a report reads the same next year, and two
 * snapshots can be compared ("what changed since the previous report"). Pure.
 */

export const REPORT_SCHEMA = 1;

/**
 * The address segment of the unsaved report that shows the situation right now. Kept out of
 * `*.server.ts` because pages link to it: server modules are empty in the browser bundle.
 */
export const CURRENT_REPORT = "aktuell";

export interface ReportAction {
  id: string;
  title: string;
  area: number;
  item: string;
  owner: string | null;
  status: ActionStatus;
  /** YYYY-MM-DD */
  deadline: string;
  /** YYYY-MM-DD in Stockholm */
  completedAt: string | null;
  daysLate: number;
  /** Whether the action has evidence; a done action without it is "klar, underlag saknas". Absent in reports saved before. */
  hasEvidence?: boolean;
  /**
   * Issue #14, item 5: the committee that owned the action when the report was made, by id (for
   * the filter) and by name as it read then, and the council decision behind the action. Absent
   * in snapshots saved before; read them as null.
   */
  committeeId?: string | null;
  committee?: string | null;
  decisionReference?: string | null;
  /** The latest status text (lägesbeskrivning) when the report was made; absent in reports saved before it existed. */
  latestStatus?: LatestStatus | null;
}

/**
 * What the report page shows of an action: all but the improvement item's text, the completion
 * date, the committee's id and the decision reference, which only the downloads print. The page
 * sends its data to the browser a second time for React, and those fields were a third of a
 * 300-action report's (ADR 0046).
 */
export type ReportActionShown = Omit<ReportAction, "item" | "completedAt" | "committeeId" | "decisionReference">;

export function shownAction(a: ReportAction): ReportActionShown {
  return {
    id: a.id,
    title: a.title,
    area: a.area,
    owner: a.owner,
    status: a.status,
    deadline: a.deadline,
    daysLate: a.daysLate,
    ...(a.hasEvidence === undefined ? {} : { hasEvidence: a.hasEvidence }),
    ...(a.committee === undefined ? {} : { committee: a.committee }),
    ...(a.latestStatus === undefined ? {} : { latestStatus: a.latestStatus }),
  };
}

export interface ReportArea extends Figures {
  number: number;
  name: string;
  actions: number;
  done: number;
  late: number;
}

export interface ReportSnapshot<A extends ReportActionShown = ReportAction> {
  schema: typeof REPORT_SCHEMA;
  municipality: string;
  /** The Stockholm date the report describes. */
  asOf: string;
  evaluation: { year: number; version: string };
  /** The evaluation before the latest, per area, for the chart; null when there is none. */
  previousEvaluation: PreviousEvaluation | null;
  nextEvaluationDate: string | null;
  targetTotal: number | null;
  /** The figures told from the evaluation's score (ADR 0040): total.current is the score. */
  total: Figures;
  /**
   * The sum of the evaluation's sub-question points when it differs from the score, so the
   * report explains the difference once; null when they agree. Absent in reports saved before.
   */
  questionSum?: number | null;
  areas: ReportArea[];
  counts: { actions: number; late: number; itemsWithoutAction: number; byStatus: Record<ActionStatus, number> };
  actions: A[];
  progress: ProgressSeries;
}

export interface PreviousEvaluation {
  year: number;
  areas: Array<{ number: number; points: number }>;
}

export interface ReportInput {
  municipality: string;
  evaluation: { year: number; version: string };
  previousEvaluation: PreviousEvaluation | null;
  nextEvaluationDate: string | null;
  targetTotal: number | null;
  areaNames: ReadonlyMap<number, string>;
  projection: Projection;
  /** The evaluation's score the projection was told from; without it no difference is explained. */
  score?: OneScore;
  actions: ReadonlyArray<Omit<ReportAction, "daysLate">>;
  itemsWithoutAction: number;
}

const byAreaThenDeadline = (a: ReportActionShown, b: ReportActionShown) =>
  a.area - b.area || a.deadline.localeCompare(b.deadline) || compareSwedish(a.title, b.title);

export function buildReport(input: ReportInput, today: string): ReportSnapshot {
  const actions = input.actions
    .map((a): ReportAction => ({ ...a, daysLate: daysLateOn(a, today) }))
    .sort(byAreaThenDeadline);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, actions.filter((a) => a.status === s).length])) as Record<ActionStatus, number>;
  return {
    schema: REPORT_SCHEMA,
    municipality: input.municipality,
    asOf: today,
    evaluation: input.evaluation,
    previousEvaluation: input.previousEvaluation,
    nextEvaluationDate: input.nextEvaluationDate,
    targetTotal: input.targetTotal,
    total: input.projection.total,
    questionSum: input.score?.differs ? input.score.questionSum : null,
    areas: input.projection.areas.map((area) => {
      const inArea = actions.filter((a) => a.area === area.number && a.status !== "CANCELLED");
      return {
        ...area,
        name: input.areaNames.get(area.number) ?? "",
        actions: inArea.length,
        done: inArea.filter((a) => a.status === "DONE").length,
        late: inArea.filter((a) => a.daysLate > 0).length,
      };
    }),
    counts: {
      actions: actions.length,
      late: actions.filter((a) => a.daysLate > 0).length,
      itemsWithoutAction: input.itemsWithoutAction,
      byStatus,
    },
    actions,
    progress: progressOverTime(actions, { today, evaluationDate: input.nextEvaluationDate }),
  };
}

/** The action's latest status text, also for reports saved before status texts existed. */
export const statusOf = (a: Pick<ReportAction, "latestStatus">): LatestStatus | null => a.latestStatus ?? null;

/** Actions that have a status text, in the report's order (area, deadline). */
export function actionsWithStatus<A extends ReportActionShown>(report: { actions: A[] }): A[] {
  return report.actions.filter((a) => statusOf(a) !== null);
}

/** Late actions, most late first: the list the council asks about. */
export function lateActions<A extends ReportActionShown>(report: { actions: A[] }): A[] {
  return report.actions.filter((a) => a.daysLate > 0).sort((a, b) => b.daysLate - a.daysLate || byAreaThenDeadline(a, b));
}

export interface FiguresChange {
  current: number;
  secured: number;
  likely: number;
  potential: number;
}

export interface ReportChanges<A extends ReportActionShown = ReportAction> {
  previousAsOf: string;
  /** False when the previous report was made from another evaluation: the figures then start over. */
  sameEvaluation: boolean;
  total: FiguresChange;
  areas: Array<FiguresChange & { number: number; name: string }>;
  completed: A[];
  added: A[];
  cancelled: A[];
  newlyLate: A[];
  deadlineMoved: Array<{ action: A; from: string }>;
  removed: Array<Pick<ReportAction, "id" | "title">>;
}

const delta = (now: Figures, before: Figures | undefined): FiguresChange => ({
  current: roundPoints(now.current - (before?.current ?? 0)),
  secured: roundPoints(now.secured - (before?.secured ?? 0)),
  likely: roundPoints(now.likely - (before?.likely ?? 0)),
  potential: roundPoints(now.potential - (before?.potential ?? 0)),
});

/** How many late actions the report's page lists before "Visa alla" (ADR 0049); the downloads list every one. */
export const PAGE_LATE_LIMIT = 25;

/**
 * The report as its page shows it: each action without the fields only the downloads print, and
 * of the actions only those the page lists: the `lateLimit` most late ones (all with null) and
 * every one with a status text. `lateTotal` is how many are late in all.
 */
export function reportForPage(
  snapshot: ReportSnapshot,
  changes: ReportChanges | null,
  lateLimit: number | null = null,
): { snapshot: ReportSnapshot<ReportActionShown>; changes: ReportChanges<ReportActionShown> | null; lateTotal: number } {
  const late = lateActions(snapshot);
  const listed = new Set([...(lateLimit === null ? late : late.slice(0, lateLimit)), ...actionsWithStatus(snapshot)].map((a) => a.id));
  return {
    snapshot: { ...snapshot, actions: snapshot.actions.filter((a) => listed.has(a.id)).map(shownAction) },
    changes: changes && {
      ...changes,
      completed: changes.completed.map(shownAction),
      added: changes.added.map(shownAction),
      cancelled: changes.cancelled.map(shownAction),
      newlyLate: changes.newlyLate.map(shownAction),
      deadlineMoved: changes.deadlineMoved.map(({ action, from }) => ({ action: shownAction(action), from })),
    },
    lateTotal: late.length,
  };
}

/** What changed from one report to the next. */
export function compareReports(previous: ReportSnapshot, current: ReportSnapshot): ReportChanges {
  const before = new Map(previous.actions.map((a) => [a.id, a]));
  const now = new Set(current.actions.map((a) => a.id));
  const existed = (a: ReportAction) => before.get(a.id);
  return {
    previousAsOf: previous.asOf,
    sameEvaluation: previous.evaluation.year === current.evaluation.year && previous.evaluation.version === current.evaluation.version,
    total: delta(current.total, previous.total),
    areas: current.areas.map((a) => ({ number: a.number, name: a.name, ...delta(a, previous.areas.find((p) => p.number === a.number)) })),
    completed: current.actions.filter((a) => a.status === "DONE" && existed(a)?.status !== "DONE"),
    added: current.actions.filter((a) => !existed(a)),
    cancelled: current.actions.filter((a) => a.status === "CANCELLED" && existed(a) && existed(a)!.status !== "CANCELLED"),
    newlyLate: current.actions.filter((a) => a.daysLate > 0 && (existed(a)?.daysLate ?? 0) === 0),
    deadlineMoved: current.actions.flatMap((a) => {
      const old = existed(a);
      return old && old.deadline !== a.deadline ? [{ action: a, from: old.deadline }] : [];
    }),
    removed: previous.actions.filter((a) => !now.has(a.id)).map((a) => ({ id: a.id, title: a.title })),
  };
}

/** Whether anything at all changed, so the page can say so instead of showing empty lists. */
export function hasChanges(changes: ReportChanges<ReportActionShown>): boolean {
  const figures = [changes.total.current, changes.total.secured, changes.total.likely, changes.total.potential].some((n) => n !== 0);
  return (
    figures ||
    [changes.completed, changes.added, changes.cancelled, changes.newlyLate, changes.deadlineMoved, changes.removed].some((l) => l.length > 0)
  );
}
