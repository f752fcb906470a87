import type { ProjectionAction } from "./projection.ts";

/**
 * The what-if sandbox: the plan with some actions switched off and some expected effects
 * changed, to see the projection move. Nothing is saved. Pure.
 */
export interface WhatIf {
  off: ReadonlySet<string>;
  /** `${actionId}:${code}` → effect */
  effects: ReadonlyMap<string, number>;
}

export function parseWhatIf(params: URLSearchParams): WhatIf | null {
  if (params.get("tankom") !== "1") return null;
  const on = new Set(params.getAll("med"));
  const all = params.getAll("alla");
  const effects = new Map<string, number>();
  for (const [key, value] of params) {
    const m = /^effekt\.([0-9a-f-]{36})\.(\d\.\d{1,2})$/.exec(key);
    const n = Number(value.replace(",", "."));
    if (m && value.trim() !== "" && Number.isFinite(n) && n >= 0 && n <= 100) effects.set(`${m[1]}:${m[2]}`, n);
  }
  return { off: new Set(all.filter((id) => !on.has(id))), effects };
}

export function applyWhatIf(actions: readonly ProjectionAction[], whatIf: WhatIf): ProjectionAction[] {
  return actions
    .filter((a) => !whatIf.off.has(a.id))
    .map((a) => ({
      ...a,
      effects: a.effects.map((e) => ({ ...e, expectedEffect: whatIf.effects.get(`${a.id}:${e.code}`) ?? e.expectedEffect })),
    }));
}
