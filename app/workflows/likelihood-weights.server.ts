import { fitWeights, MIN_OBSERVATIONS, type Fit } from "~/domain/fitted-weights.ts";
import { DEFAULT_WEIGHTS, type RuleWeights } from "~/domain/projection.ts";
import { t } from "~/i18n/sv.ts";
import { setOwnWeights, usesOwnWeights } from "~/models/outcome.server.ts";
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

/** The reason for the fit in Swedish (or why it is refused). */
export function fitText(fit: Fit): { ok: boolean; lines: string[] } {
  if (!fit.ok) {
    return {
      ok: false,
      lines: [fit.reason === "no-history" ? t.outcome.weightsRefused["no-history"] : t.outcome.weightsRefused["too-few"](fit.basis.observations, MIN_OBSERVATIONS)],
    };
  }
  return {
    ok: true,
    lines: [
      t.outcome.weightsReason(Math.round(fit.basis.realisedShare * 100), fit.basis.questions),
      t.outcome.weightsDoneOnTime(fit.basis.doneOnTime, fit.basis.observations),
    ],
  };
}

/** The coordinator's choice: own weights are refused, with the reason, while the history is too short. */
export async function chooseWeights(municipalityId: string, choice: "default" | "own", actorId: string) {
  if (choice === "own") {
    const fit = await currentFit(municipalityId);
    if (!fit.ok) return { ok: false as const, message: fitText(fit).lines[0]! };
  }
  await setOwnWeights(municipalityId, choice === "own", actorId);
  return { ok: true as const };
}
