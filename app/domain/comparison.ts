import { sumPoints } from "./points.ts";
import type { ScoredEvaluation } from "./scoring.ts";

/**
 * Per-area comparison of two evaluations. Across a framework version change the areas are
 * matched by number only and the result says it is not directly comparable.
 */

export interface AreaComparisonRow {
  number: number;
  name: string;
  maxPoints: number;
  latest: number;
  previous: number | null;
  change: number | null;
}

export interface AreaComparison {
  rows: AreaComparisonRow[];
  comparable: boolean;
  latestTotal: number;
  previousTotal: number | null;
}

export function compareAreas(
  latest: { versionKey: string; scored: ScoredEvaluation },
  previous: { versionKey: string; scored: ScoredEvaluation } | null,
): AreaComparison {
  const rows = latest.scored.areas.map((area) => {
    const before = previous?.scored.areas.find((a) => a.number === area.number)?.points ?? null;
    return {
      number: area.number,
      name: area.name,
      maxPoints: area.maxPoints,
      latest: area.points,
      previous: before,
      change: before === null ? null : sumPoints([area.points, -before]),
    };
  });
  return {
    rows,
    comparable: previous === null || previous.versionKey === latest.versionKey,
    latestTotal: latest.scored.total,
    previousTotal: previous?.scored.total ?? null,
  };
}
