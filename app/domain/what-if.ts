import type { ProjectionAction } from "./projection.ts";

/**
 * The what-if sandbox: the plan with some actions switched off and some expected effects
 * changed, to see the projection move. Nothing is saved. Pure; the trial is read from the
 * sandbox's form by `parseWhatIf` (app/forms/what-if.ts).
 */
export interface WhatIf {
  off: ReadonlySet<string>;
  /** `${actionId}:${code}` → effect */
  effects: ReadonlyMap<string, number>;
  /**
   * `${actionId}:${code}` → what was typed, where it is not an effect of 0–100 points: the page
   * says so at the field and keeps the text; that row counts with its planned effect.
   */
  unreadable: ReadonlyMap<string, string>;
}

export function applyWhatIf(actions: readonly ProjectionAction[], whatIf: WhatIf): ProjectionAction[] {
  return actions
    .filter((a) => !whatIf.off.has(a.id))
    .map((a) => ({
      ...a,
      effects: a.effects.map((e) => ({ ...e, expectedEffect: whatIf.effects.get(`${a.id}:${e.code}`) ?? e.expectedEffect })),
    }));
}
