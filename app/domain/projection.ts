import { compareCodes } from "./swedish-order.ts";
import { roundPoints, sumPoints } from "./points.ts";
import { daysBetween } from "./dates.ts";
import type { ActionStatus } from "./actions/status.ts";
import { t } from "~/i18n/sv.ts";

/**
 * Readiness before the next evaluation: for each sub-question, area and the total, what the
 * points are now (current), with the effect of actions done with evidence (secured), with open
 * actions due before the evaluation weighted by how likely they are to be done (likely), and if
 * every linked action is done in time (potential). Always capped at max. Pure.
 */

/** How likely an action is to deliver its effect, and why (the why in Swedish is in the catalog). The one place these rules live. */
const WEIGHTS = [
  { id: "done-evidence", weight: 1 },
  { id: "done", weight: 0.9 },
  { id: "in-progress", weight: 0.7 },
  { id: "not-started-time", weight: 0.5 },
  { id: "not-started-late-start", weight: 0.3 },
  { id: "late", weight: 0.2 },
  { id: "after-evaluation", weight: 0 },
  { id: "cancelled", weight: 0 },
] as const;

export type RuleId = (typeof WEIGHTS)[number]["id"];

export const LIKELIHOOD_RULES = WEIGHTS.map((rule) => ({ ...rule, text: t.readiness.rules[rule.id] }));

export interface ProjectionAction {
  id: string;
  title: string;
  status: ActionStatus;
  /** YYYY-MM-DD */
  deadline: string;
  hasEvidence: boolean;
  effects: Array<{ code: string; expectedEffect: number }>;
}

export interface ProjectionQuestion {
  code: string;
  text: string;
  area: number;
  maxPoints: number;
  current: number;
}

export interface Figures {
  current: number;
  secured: number;
  likely: number;
  potential: number;
  maxPoints: number;
}

export interface Contribution {
  actionId: string;
  title: string;
  effect: number;
  rule: RuleId;
  weight: number;
}

export interface ProjectedQuestion extends Figures {
  code: string;
  text: string;
  area: number;
  contributions: Contribution[];
}

export interface Projection {
  questions: ProjectedQuestion[];
  areas: Array<Figures & { number: number }>;
  total: Figures;
}

export function ruleFor(action: ProjectionAction, today: string, evaluationDate: string | null): RuleId {
  if (action.status === "CANCELLED") return "cancelled";
  if (action.status === "DONE") return action.hasEvidence ? "done-evidence" : "done";
  if (evaluationDate !== null && action.deadline > evaluationDate) return "after-evaluation";
  if (action.deadline < today) return "late";
  if (action.status === "IN_PROGRESS") return "in-progress";
  return daysBetween(today, action.deadline) > 90 ? "not-started-time" : "not-started-late-start";
}

/** Weights per rule (each in 0–1); the defaults are the rules' own, own weights are fitted in fitted-weights.ts. */
export type RuleWeights = Readonly<Record<RuleId, number>>;

export const DEFAULT_WEIGHTS: RuleWeights = Object.fromEntries(WEIGHTS.map((r) => [r.id, r.weight])) as Record<RuleId, number>;

export function project(
  questions: readonly ProjectionQuestion[],
  actions: readonly ProjectionAction[],
  options: { today: string; evaluationDate: string | null; weights?: RuleWeights },
): Projection {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  // Each sub-question's contributions, in the plan's order, gathered in one pass over the plan
  // (not one pass per sub-question: 45 × 300 a page).
  const byCode = new Map<string, Contribution[]>();
  for (const action of actions) {
    if (action.effects.length === 0) continue;
    const rule = ruleFor(action, options.today, options.evaluationDate);
    for (const effect of action.effects) {
      const contribution = { actionId: action.id, title: action.title, effect: effect.expectedEffect, rule, weight: weights[rule] };
      const list = byCode.get(effect.code);
      if (list) list.push(contribution);
      else byCode.set(effect.code, [contribution]);
    }
  }
  const projected = questions.map((q): ProjectedQuestion => {
    // A copy: two sub-questions with the same code (never in a version) would otherwise share one list.
    const contributions: Contribution[] = [...(byCode.get(q.code) ?? [])];
    const cap = (n: number) => Math.min(q.maxPoints, roundPoints(n));
    const securedGain = sumPoints(contributions.filter((c) => c.rule === "done-evidence").map((c) => c.effect));
    const likelyGain = contributions
      .filter((c) => c.rule !== "done-evidence")
      .reduce((s, c) => s + c.effect * c.weight, 0);
    const potentialGain = sumPoints(contributions.filter((c) => c.rule !== "cancelled").map((c) => c.effect));
    const current = Math.min(q.maxPoints, q.current);
    const secured = cap(current + securedGain);
    const likely = cap(secured + likelyGain);
    const potential = Math.max(likely, cap(current + potentialGain));
    return { code: q.code, text: q.text, area: q.area, maxPoints: q.maxPoints, current, secured, likely, potential, contributions };
  });
  const sum = (list: readonly Figures[]): Figures => ({
    current: roundPoints(list.reduce((s, f) => s + f.current, 0)),
    secured: roundPoints(list.reduce((s, f) => s + f.secured, 0)),
    likely: roundPoints(list.reduce((s, f) => s + f.likely, 0)),
    potential: roundPoints(list.reduce((s, f) => s + f.potential, 0)),
    maxPoints: roundPoints(list.reduce((s, f) => s + f.maxPoints, 0)),
  });
  const areaNumbers = [...new Set(projected.map((q) => q.area))].sort((a, b) => a - b);
  const areas = areaNumbers.map((number) => ({ number, ...sum(projected.filter((q) => q.area === number)) }));
  return { questions: projected, areas, total: sum(areas) };
}

/** "Var finns poängen?": sub-questions by points still open, with what addresses them. */
export function whereArePoints(projection: Projection, evaluationDate: string | null, deadlines: ReadonlyMap<string, string>) {
  return projection.questions
    .map((q) => {
      const open = roundPoints(q.maxPoints - q.current);
      const active = q.contributions.filter((c) => c.rule !== "cancelled");
      return {
        code: q.code,
        text: q.text,
        open,
        actions: active.length,
        largeGapWithoutAction: active.length === 0 && open >= q.maxPoints * 0.3,
        actionsAfterEvaluation:
          evaluationDate === null ? 0 : active.filter((c) => (deadlines.get(c.actionId) ?? "") > evaluationDate).length,
      };
    })
    .sort((a, b) => b.open - a.open || Number(a.actions > 0) - Number(b.actions > 0) || compareCodes(a.code, b.code));
}
