import type { ProjectionAction } from "./projection.ts";

/**
 * The what-if sandbox: the plan with some actions switched off and some expected effects
 * changed, to see the projection move. Nothing is saved. Pure.
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

/** The longest text kept from an unreadable effect field (to show it back). */
const KEPT_CHARS = 20;

/**
 * The trial in the sandbox's query, or null when none was asked for. The form ticks the actions
 * that count (`med`); every other action of the plan (`actionIds`) is off. An address saved
 * before the form stopped listing its actions (`alla`) is read as it was: only those listed can be off.
 */
export function parseWhatIf(params: URLSearchParams, actionIds: readonly string[]): WhatIf | null {
  if (params.get("tankom") !== "1") return null;
  const on = new Set(params.getAll("med"));
  const listed = params.getAll("alla");
  const all = listed.length > 0 ? listed : actionIds;
  const effects = new Map<string, number>();
  const unreadable = new Map<string, string>();
  for (const [key, value] of params) {
    const m = /^effekt\.([0-9a-f-]{36})\.(\d\.\d{1,2})$/.exec(key);
    if (!m || value.trim() === "") continue;
    const n = Number(value.trim().replace(",", "."));
    if (Number.isFinite(n) && n >= 0 && n <= 100) effects.set(`${m[1]}:${m[2]}`, n);
    // eslint-disable-next-line no-control-regex
    else unreadable.set(`${m[1]}:${m[2]}`, value.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, KEPT_CHARS));
  }
  return { off: new Set(all.filter((id) => !on.has(id))), effects, unreadable };
}

export function applyWhatIf(actions: readonly ProjectionAction[], whatIf: WhatIf): ProjectionAction[] {
  return actions
    .filter((a) => !whatIf.off.has(a.id))
    .map((a) => ({
      ...a,
      effects: a.effects.map((e) => ({ ...e, expectedEffect: whatIf.effects.get(`${a.id}:${e.code}`) ?? e.expectedEffect })),
    }));
}
