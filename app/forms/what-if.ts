import { z } from "zod";
import type { WhatIf } from "~/domain/what-if.ts";

/**
 * The what-if sandbox's form (*Tänk om*): a GET form, so a trial is an address that can be kept
 * and shared; nothing is saved. `tankom=1` asks for a trial, `med` ticks the actions that count,
 * `effekt.<action id>.<code>` changes an expected effect. The page lists one area's actions at a
 * time (ADR 0049): `visat` is the area whose rows the form held, `omrade` the area to show next,
 * `av` carries the actions of the other areas that the trial leaves out, and `av-omrade` an area
 * whose actions it leaves out all of (one value instead of one an action). Addresses saved
 * before the form stopped listing every action (`alla`) are read as they were: only those
 * listed can be off.
 */
export const WHAT_IF_QUERY = { run: "tankom", on: "med", listed: "alla", effect: "effekt", shown: "visat", area: "omrade", off: "av", offArea: "av-omrade" } as const;

/** An expected effect typed in the sandbox: 0–100 points, with a decimal comma or point ("2,5"). */
export const whatIfEffectSchema = z
  .string()
  .trim()
  .min(1)
  .transform((typed) => Number(typed.replace(",", ".")))
  .pipe(z.number().min(0).max(100));

/** The name of an effect's field. */
export const whatIfEffectField = (actionId: string, code: string) => `${WHAT_IF_QUERY.effect}.${actionId}.${code}`;

/** The longest text kept from an unreadable effect field (to show it back). */
const KEPT_CHARS = 20;

/**
 * The trial in the sandbox's query, or null when none was asked for. Only the fields of the
 * actions that can be tried (`actions`, each with the sub-questions it has an effect on) are
 * read: a field of any other action or sub-question is left out. An effect that is not 0–100
 * points is kept as typed (`unreadable`), so the page can say so at its field, and that row
 * counts with its planned effect. `listed` are the actions whose checkboxes the form held (one
 * area's, or none when that area has no actions any more); an action not among them is off when
 * the query carries it in `av` or its area in `av-omrade`.
 */
export function parseWhatIf(
  params: URLSearchParams,
  actions: ReadonlyArray<{ id: string; codes: readonly string[]; area?: number }>,
  listed: ReadonlySet<string> | null = null,
): WhatIf | null {
  if (params.get(WHAT_IF_QUERY.run) !== "1") return null;
  const effects = new Map<string, number>();
  const unreadable = new Map<string, string>();
  for (const action of actions) {
    for (const code of action.codes) {
      const typed = params.get(whatIfEffectField(action.id, code));
      if (typed === null || typed.trim() === "") continue;
      const effect = whatIfEffectSchema.safeParse(typed);
      // eslint-disable-next-line no-control-regex
      if (!effect.success) unreadable.set(`${action.id}:${code}`, typed.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, KEPT_CHARS));
      else effects.set(`${action.id}:${code}`, effect.data);
    }
  }
  const on = new Set(params.getAll(WHAT_IF_QUERY.on));
  if (listed !== null) {
    const carriedOff = new Set(params.getAll(WHAT_IF_QUERY.off));
    const offAreas = new Set(params.getAll(WHAT_IF_QUERY.offArea));
    const off = actions.filter((a) => (listed.has(a.id) ? !on.has(a.id) : carriedOff.has(a.id) || (a.area !== undefined && offAreas.has(String(a.area)))));
    return { off: new Set(off.map((a) => a.id)), effects, unreadable };
  }
  const saved = new Set(params.getAll(WHAT_IF_QUERY.listed));
  const canBeOff = saved.size > 0 ? actions.filter((a) => saved.has(a.id)) : actions;
  return { off: new Set(canBeOff.filter((a) => !on.has(a.id)).map((a) => a.id)), effects, unreadable };
}
