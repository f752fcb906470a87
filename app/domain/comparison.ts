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

export interface EvaluationForComparison {
  id: string;
  year: number;
  versionKey: string;
  versionName: string;
  scored: ScoredEvaluation;
}

export interface OverTime {
  /** Oldest first. */
  evaluations: Array<{ id: string; year: number; versionKey: string; versionName: string; total: number }>;
  areas: Array<{ number: number; name: string; maxPoints: number; values: Array<number | null> }>;
  /** False when the evaluations span more than one framework version. */
  comparable: boolean;
  /** Per sub-question, for the evaluations in the newest one's version only. */
  questions: {
    versionName: string;
    evaluationIndexes: number[];
    rows: Array<{ code: string; text: string; maxPoints: number; values: Array<number | null> }>;
  };
}

/** Every evaluation side by side: per area always, per sub-question within one version. */
export function compareOverTime(input: readonly EvaluationForComparison[]): OverTime {
  const evaluations = [...input].sort((a, b) => a.year - b.year);
  const newest = evaluations[evaluations.length - 1];
  const areaNumbers = [...new Set(evaluations.flatMap((e) => e.scored.areas.map((a) => a.number)))].sort((a, b) => a - b);
  const areas = areaNumbers.map((number) => {
    const reference = newest?.scored.areas.find((a) => a.number === number) ?? evaluations.flatMap((e) => e.scored.areas).find((a) => a.number === number)!;
    return {
      number,
      name: reference.name,
      maxPoints: reference.maxPoints,
      values: evaluations.map((e) => e.scored.areas.find((a) => a.number === number)?.points ?? null),
    };
  });
  const sameVersion = evaluations.map((e, i) => ({ e, i })).filter(({ e }) => e.versionKey === newest?.versionKey);
  const rows = (newest?.scored.areas ?? []).flatMap((area) =>
    area.questions.map((q) => ({
      code: q.code,
      text: q.text,
      maxPoints: q.maxPoints,
      values: sameVersion.map(({ e }) => e.scored.areas.flatMap((a) => a.questions).find((x) => x.code === q.code)?.points ?? null),
    })),
  );
  return {
    evaluations: evaluations.map((e) => ({ id: e.id, year: e.year, versionKey: e.versionKey, versionName: e.versionName, total: e.scored.total })),
    areas,
    comparable: new Set(evaluations.map((e) => e.versionKey)).size <= 1,
    questions: { versionName: newest?.versionName ?? "", evaluationIndexes: sameVersion.map(({ i }) => i), rows },
  };
}
