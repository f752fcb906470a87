import type { ActionStatus } from "./actions/status.ts";
import { roundPoints } from "./points.ts";
import type { Contribution, Projection, RuleId } from "./projection.ts";

/**
 * *Utfall mot prognos* (issue #13 item 5): what the readiness view projected per sub-question
 * for the planned evaluation date (a saved snapshot) against the points the next evaluation
 * awarded. Pure: the snapshot, the new points, the correspondence (when the version changed) and
 * the actions' status now are passed in.
 */

export interface SnapshotQuestion {
  code: string;
  text: string;
  area: number;
  maxPoints: number;
  current: number;
  secured: number;
  likely: number;
  potential: number;
  contributions: Contribution[];
}

export interface SnapshotAction {
  id: string;
  title: string;
  status: ActionStatus;
  deadline: string;
  hasEvidence: boolean;
}

/** What is saved as a ProjectionSnapshot's data. */
export interface SnapshotData {
  weights: "default" | "own";
  questions: SnapshotQuestion[];
  actions: SnapshotAction[];
}

export function snapshotData(projection: Projection, actions: readonly SnapshotAction[], weights: "default" | "own"): SnapshotData {
  return {
    weights,
    questions: projection.questions.map((q) => ({
      code: q.code,
      text: q.text,
      area: q.area,
      maxPoints: q.maxPoints,
      current: q.current,
      secured: q.secured,
      likely: q.likely,
      potential: q.potential,
      contributions: q.contributions,
    })),
    actions: actions.map((a) => ({ id: a.id, title: a.title, status: a.status, deadline: a.deadline, hasEvidence: a.hasEvidence })),
  };
}

export interface NewQuestion {
  code: string;
  text: string;
  area: number;
  maxPoints: number;
  /** Points awarded in the new evaluation; null when the evaluation has no score for it. */
  points: number | null;
}

/** Old code → new code with the share of the old question's points the new one carries. */
export interface CodeMapping {
  from: string;
  to: string;
  share: number;
}

export interface ActionNow {
  status: ActionStatus;
  /** YYYY-MM-DD in Stockholm, or null. */
  completedOn: string | null;
}

export interface OutcomeAction {
  id: string;
  title: string;
  rule: RuleId;
  /** Expected effect on this (new) question, through the share when the version changed. */
  effect: number;
  weight: number;
  /** Finished now (done actions stay with the old round). */
  done: boolean;
  /** Finished by the planned date. */
  doneOnTime: boolean;
  /** The part of the question's rise this action is credited with (by its share of the effects). */
  creditedRise: number;
}

export type OutcomeKind = "done-rose" | "rose-without-action" | "done-no-rise" | "other";

export interface OutcomeRow {
  code: string;
  text: string;
  area: number;
  maxPoints: number;
  before: number;
  secured: number;
  likely: number;
  potential: number;
  actual: number;
  rise: number;
  /** actual − likely: how far the projection was. */
  miss: number;
  actions: OutcomeAction[];
  kind: OutcomeKind;
}

export interface RuleOutcome {
  rule: RuleId;
  count: number;
  /** Mean projected rise per linked action (effect × weight) and mean rise credited. */
  meanProjected: number;
  meanActual: number;
  difference: number;
}

export interface Outcome {
  rows: OutcomeRow[];
  doneRose: OutcomeRow[];
  roseWithoutAction: OutcomeRow[];
  doneNoRise: OutcomeRow[];
  rules: RuleOutcome[];
  /** Old codes with no counterpart in the new version (only when the version changed). */
  withoutCounterpart: string[];
  /** New questions no old question maps to, or without points: not compared. */
  notCompared: string[];
  total: { before: number; likely: number; actual: number };
}

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : roundPoints(values.reduce((s, v) => s + v, 0) / values.length));

export function compareOutcome(input: {
  snapshot: SnapshotData;
  plannedDate: string;
  newQuestions: readonly NewQuestion[];
  /** null when the new evaluation uses the same version (codes are the same questions). */
  mapping: readonly CodeMapping[] | null;
  actionsNow: ReadonlyMap<string, ActionNow>;
}): Outcome {
  const { snapshot, plannedDate, newQuestions, actionsNow } = input;
  const mapping = input.mapping ?? snapshot.questions.map((q) => ({ from: q.code, to: q.code, share: 1 }));
  const oldByCode = new Map(snapshot.questions.map((q) => [q.code, q]));
  const rows: OutcomeRow[] = [];
  const notCompared: string[] = [];
  for (const nq of newQuestions) {
    const sources = mapping.filter((m) => m.to === nq.code && oldByCode.has(m.from));
    if (sources.length === 0 || nq.points === null) {
      notCompared.push(nq.code);
      continue;
    }
    const part = (pick: (q: SnapshotQuestion) => number) =>
      Math.min(nq.maxPoints, roundPoints(sources.reduce((s, m) => s + pick(oldByCode.get(m.from)!) * m.share, 0)));
    const before = part((q) => q.current);
    const rise = roundPoints(nq.points - before);
    const contributions = sources.flatMap((m) =>
      oldByCode.get(m.from)!.contributions.map((c) => ({ ...c, effect: roundPoints(c.effect * m.share) })),
    );
    const credited = contributions.filter((c) => c.rule !== "cancelled");
    const effectSum = credited.reduce((s, c) => s + c.effect, 0);
    const actions = contributions.map((c): OutcomeAction => {
      const now = actionsNow.get(c.actionId);
      const done = now?.status === "DONE";
      return {
        id: c.actionId,
        title: c.title,
        rule: c.rule,
        effect: c.effect,
        weight: c.weight,
        done,
        doneOnTime: done && now?.completedOn !== null && now!.completedOn! <= plannedDate,
        creditedRise: c.rule !== "cancelled" && effectSum > 0 ? roundPoints((rise * c.effect) / effectSum) : 0,
      };
    });
    const anyDone = actions.some((a) => a.done);
    const active = actions.filter((a) => a.rule !== "cancelled");
    const kind: OutcomeKind =
      rise > 0 && anyDone ? "done-rose" : rise > 0 && active.length === 0 ? "rose-without-action" : anyDone ? "done-no-rise" : "other";
    const likely = part((q) => q.likely);
    rows.push({
      code: nq.code,
      text: nq.text,
      area: nq.area,
      maxPoints: nq.maxPoints,
      before,
      secured: part((q) => q.secured),
      likely,
      potential: part((q) => q.potential),
      actual: nq.points,
      rise,
      miss: roundPoints(nq.points - likely),
      actions,
      kind,
    });
  }
  const mappedFrom = new Set(mapping.map((m) => m.from));
  const withoutCounterpart = input.mapping === null ? [] : snapshot.questions.map((q) => q.code).filter((code) => !mappedFrom.has(code));
  const ruleIds = [...new Set(rows.flatMap((r) => r.actions.map((a) => a.rule)))];
  const rules = ruleIds.map((rule): RuleOutcome => {
    const linked = rows.flatMap((r) => r.actions.filter((a) => a.rule === rule));
    const meanProjected = mean(linked.map((a) => a.effect * a.weight));
    const meanActual = mean(linked.map((a) => a.creditedRise));
    return { rule, count: linked.length, meanProjected, meanActual, difference: roundPoints(meanActual - meanProjected) };
  });
  const sum = (pick: (r: OutcomeRow) => number) => roundPoints(rows.reduce((s, r) => s + pick(r), 0));
  return {
    rows,
    doneRose: rows.filter((r) => r.kind === "done-rose"),
    roseWithoutAction: rows.filter((r) => r.kind === "rose-without-action"),
    doneNoRise: rows.filter((r) => r.kind === "done-no-rise"),
    rules,
    withoutCounterpart,
    notCompared,
    total: { before: sum((r) => r.before), likely: sum((r) => r.likely), actual: sum((r) => r.actual) },
  };
}
