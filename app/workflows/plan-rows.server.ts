import { exportRows } from "~/domain/actions/export-rows.ts";
import { filterPlan, parseFilters } from "~/domain/actions/plan-view.ts";
import { getPlan } from "~/models/action.server.ts";

/** The plan's rows for an export, filtered as the plan page was. */
export async function planRowsFor(municipalityId: string, url: URL) {
  const now = new Date();
  const plan = await getPlan(municipalityId);
  return { year: plan.evaluation?.year ?? null, rows: exportRows(filterPlan(plan, parseFilters(url.searchParams), now), now) };
}
