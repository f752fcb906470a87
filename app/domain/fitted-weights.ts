import type { Outcome } from "./outcome.ts";
import { DEFAULT_WEIGHTS, type RuleId, type RuleWeights } from "./projection.ts";

/**
 * Likelihood weights fitted to a municipality's own history (issue #13 item 5): for each rule,
 * how often the actions it described were finished by the planned evaluation date, pulled
 * towards the default by PRIOR_STRENGTH imagined observations so a few actions do not swing it.
 * A cancelled action never counts, so its weight stays 0. Pure.
 */

/** How many observations the default counts as. */
export const PRIOR_STRENGTH = 3;
/** Fewer linked actions than this in the history and the fit is refused. */
export const MIN_OBSERVATIONS = 5;

export interface FitBasis {
  rounds: number;
  observations: number;
  doneOnTime: number;
  /** Sub-questions with an action finished on time, and the share of their computed rise that came. */
  questions: number;
  realisedShare: number;
}

export type Fit = { ok: true; weights: RuleWeights; basis: FitBasis } | { ok: false; reason: "no-history" | "too-few"; basis: FitBasis };

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

export function fitWeights(history: readonly Outcome[], defaults: RuleWeights = DEFAULT_WEIGHTS): Fit {
  const seen = new Map<RuleId, { n: number; done: number }>();
  let expected = 0;
  let came = 0;
  let questions = 0;
  for (const outcome of history) {
    for (const row of outcome.rows) {
      const onTime = row.actions.filter((a) => a.doneOnTime && a.rule !== "cancelled");
      if (onTime.length > 0) {
        questions++;
        expected += onTime.reduce((s, a) => s + a.effect, 0);
        came += Math.max(0, onTime.reduce((s, a) => s + a.creditedRise, 0));
      }
      for (const action of row.actions) {
        if (action.rule === "cancelled") continue;
        const entry = seen.get(action.rule) ?? { n: 0, done: 0 };
        entry.n++;
        if (action.doneOnTime) entry.done++;
        seen.set(action.rule, entry);
      }
    }
  }
  const observations = [...seen.values()].reduce((s, e) => s + e.n, 0);
  const basis: FitBasis = {
    rounds: history.length,
    observations,
    doneOnTime: [...seen.values()].reduce((s, e) => s + e.done, 0),
    questions,
    realisedShare: expected > 0 ? clamp01(came / expected) : 0,
  };
  if (history.length === 0) return { ok: false, reason: "no-history", basis };
  if (observations < MIN_OBSERVATIONS) return { ok: false, reason: "too-few", basis };
  const weights = Object.fromEntries(
    (Object.keys(defaults) as RuleId[]).map((rule) => {
      const prior = clamp01(defaults[rule]);
      const entry = seen.get(rule);
      if (rule === "cancelled" || !entry) return [rule, prior];
      return [rule, clamp01((entry.done + PRIOR_STRENGTH * prior) / (entry.n + PRIOR_STRENGTH))];
    }),
  ) as Record<RuleId, number>;
  return { ok: true, weights, basis };
}
