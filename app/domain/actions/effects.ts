import { sumPoints, toHundredths } from "../points.ts";

/**
 * Expected effects of actions on sub-questions: never more than the sub-question's max minus
 * its current points.
 */

export function effectCap(maxPoints: number, currentPoints: number | null): number {
  return Math.max(0, sumPoints([maxPoints, -(currentPoints ?? 0)]));
}

export type EffectError = "negative" | "above-cap" | "not-a-number";

export function checkEffect(effect: number, maxPoints: number, currentPoints: number | null): EffectError | null {
  if (!Number.isFinite(effect)) return "not-a-number";
  if (effect < 0) return "negative";
  if (toHundredths(effect.toFixed(2)) > toHundredths(effectCap(maxPoints, currentPoints).toFixed(2))) return "above-cap";
  return null;
}
