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

/** One area the sandbox can show (ADR 0049): its number, name and how many of its actions can be tried. */
export interface WhatIfArea {
  number: number;
  name: string;
  count: number;
}

/** The areas that have actions to try, in order, named as the evaluation names them. */
export function whatIfAreas(actions: ReadonlyArray<{ area: number }>, names: ReadonlyMap<number, string>): WhatIfArea[] {
  const counts = new Map<number, number>();
  for (const a of actions) counts.set(a.area, (counts.get(a.area) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([number, count]) => ({ number, name: names.get(number) ?? "", count }));
}

/** An area number from the query, when it is one of `areas`; otherwise null. */
export function readWhatIfArea(value: string | null, areas: readonly WhatIfArea[]): number | null {
  if (value === null || !/^\d{1,2}$/.test(value)) return null;
  const number = Number(value);
  return areas.some((a) => a.number === number) ? number : null;
}

/**
 * The area the sandbox shows: the one with an unreadable effect (so each error is shown at its
 * field, and nothing typed is lost by moving on), else the one asked for, else the one the form
 * held, else the first.
 */
export function shownWhatIfArea(options: { asked: number | null; listed: number | null; unreadableArea: number | null; areas: readonly WhatIfArea[] }): number | null {
  return options.unreadableArea ?? options.asked ?? options.listed ?? options.areas[0]?.number ?? null;
}

/**
 * What the form carries for the areas it does not show, as hidden fields: the areas whose actions
 * are all left out (one value each), the other actions left out, and the effects changed from
 * what is planned. Only the differences travel, so a trial's address grows with what it changes,
 * not with the plan.
 */
export function carriedWhatIf(
  actions: ReadonlyArray<{ id: string; area: number; effects: ReadonlyArray<{ code: string; expectedEffect: number }> }>,
  whatIf: Pick<WhatIf, "off" | "effects"> | null,
  shownArea: number | null,
): { offAreas: number[]; off: string[]; offCount: number; effects: Array<{ actionId: string; code: string; effect: number }> } {
  if (!whatIf) return { offAreas: [], off: [], offCount: 0, effects: [] };
  const hidden = actions.filter((a) => a.area !== shownArea);
  const hiddenOff = hidden.filter((a) => whatIf.off.has(a.id));
  // An area is off whole when none of its actions is on.
  const partlyOn = new Set(hidden.filter((a) => !whatIf.off.has(a.id)).map((a) => a.area));
  const offAreas = [...new Set(hiddenOff.map((a) => a.area))].filter((area) => !partlyOn.has(area));
  return {
    offAreas,
    off: hiddenOff.filter((a) => !offAreas.includes(a.area)).map((a) => a.id),
    offCount: hiddenOff.length,
    effects: hidden.flatMap((a) =>
      a.effects.flatMap((e) => {
        const effect = whatIf.effects.get(`${a.id}:${e.code}`);
        return effect === undefined || effect === e.expectedEffect ? [] : [{ actionId: a.id, code: e.code, effect }];
      }),
    ),
  };
}
