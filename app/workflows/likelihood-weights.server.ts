import { fitWeights, type Fit } from "~/domain/fitted-weights.ts";
import { DEFAULT_WEIGHTS, type RuleWeights } from "~/domain/projection.ts";
import { usesOwnWeights } from "~/models/outcome.server.ts";
import { outcomeHistory } from "./outcome.server.ts";

/**
 * Which likelihood weights a municipality's projection uses: the defaults, or (when the
 * coordinator chose them and the history suffices) weights fitted to its own history.
 */
export async function weightsFor(municipalityId: string): Promise<{ chosen: boolean; own: boolean; weights: RuleWeights; fit: Fit | null }> {
  const chosen = await usesOwnWeights(municipalityId);
  if (!chosen) return { chosen, own: false, weights: DEFAULT_WEIGHTS, fit: null };
  const fit = fitWeights(await outcomeHistory(municipalityId));
  return fit.ok ? { chosen, own: true, weights: fit.weights, fit } : { chosen, own: false, weights: DEFAULT_WEIGHTS, fit };
}

/** The fit as it would be now (to show the reason before the choice, and to refuse it). */
export async function currentFit(municipalityId: string): Promise<Fit> {
  return fitWeights(await outcomeHistory(municipalityId));
}
