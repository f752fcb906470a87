import { sumPoints } from "./points.ts";
import type { ScoredEvaluation } from "./scoring.ts";
import { mapPoints, type CodeCorrespondence } from "./correspondence.ts";

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

export interface AreaRow {
  number: number;
  name: string;
  maxPoints: number;
  values: Array<number | null>;
}

export interface OverTime {
  /** Oldest first. */
  evaluations: Array<{ id: string; year: number; versionKey: string; versionName: string; total: number }>;
  /** Areas matched by number across every evaluation (meaningful when `areasLineUp`). */
  areas: AreaRow[];
  /** False when the evaluations span more than one framework version. */
  comparable: boolean;
  /**
   * True when every evaluation's version has the same areas (same numbers and names). When
   * not, areas are shown per version (`areaGroups`), each version with its own areas.
   */
  areasLineUp: boolean;
  /** Per framework version, oldest first: its evaluations (indexes into `evaluations`) and its own areas. */
  areaGroups: Array<{ versionKey: string; versionName: string; evaluationIndexes: number[]; areas: AreaRow[] }>;
  /**
   * Per sub-question of the newest evaluation's version: the evaluations in that version, and
   * those in another version whose sub-questions are mapped into it through correspondences.
   */
  questions: {
    versionName: string;
    evaluationIndexes: number[];
    /** The evaluations (indexes into `evaluations`) whose values come through correspondences. */
    mappedIndexes: number[];
    rows: Array<{ code: string; text: string; maxPoints: number; values: Array<number | null> }>;
  };
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase("sv") === b.trim().toLocaleLowerCase("sv");

const areaRows = (evaluations: readonly EvaluationForComparison[], newest: EvaluationForComparison | undefined): AreaRow[] => {
  const areaNumbers = [...new Set(evaluations.flatMap((e) => e.scored.areas.map((a) => a.number)))].sort((a, b) => a - b);
  return areaNumbers.map((number) => {
    const reference = newest?.scored.areas.find((a) => a.number === number) ?? evaluations.flatMap((e) => e.scored.areas).find((a) => a.number === number)!;
    return {
      number,
      name: reference.name,
      maxPoints: reference.maxPoints,
      values: evaluations.map((e) => e.scored.areas.find((a) => a.number === number)?.points ?? null),
    };
  });
};

/**
 * Every evaluation side by side: per area always, per sub-question within one version and,
 * through `mappings` (the correspondences from an older version's key into the newest
 * evaluation's version), for older versions too: old points × share summed into the new
 * question, capped at its maximum.
 */
export function compareOverTime(
  input: readonly EvaluationForComparison[],
  mappings: ReadonlyMap<string, readonly CodeCorrespondence[]> = new Map(),
): OverTime {
  const evaluations = [...input].sort((a, b) => a.year - b.year);
  const newest = evaluations[evaluations.length - 1];
  const areas = areaRows(evaluations, newest);
  const versionKeys = [...new Set(evaluations.map((e) => e.versionKey))];
  const areaGroups = versionKeys.map((key) => {
    const indexes = evaluations.flatMap((e, i) => (e.versionKey === key ? [i] : []));
    const inVersion = indexes.map((i) => evaluations[i]!);
    const own = areaRows(inVersion, inVersion[inVersion.length - 1]);
    return { versionKey: key, versionName: inVersion[0]!.versionName, evaluationIndexes: indexes, areas: own };
  });
  const areasLineUp = areaGroups.every((group) =>
    group.areas.length === areaGroups[0]!.areas.length &&
    group.areas.every((a) => {
      const other = areaGroups[0]!.areas.find((b) => b.number === a.number);
      return other !== undefined && sameName(other.name, a.name);
    }),
  );
  const newestQuestions = (newest?.scored.areas ?? []).flatMap((area) => area.questions);
  const columns = evaluations.flatMap((e, i) => {
    if (e.versionKey === newest?.versionKey) {
      const points = new Map(e.scored.areas.flatMap((a) => a.questions).map((q) => [q.code, q.points] as const));
      return [{ index: i, mapped: false, value: (code: string) => points.get(code) ?? null }];
    }
    const mapping = mappings.get(e.versionKey);
    if (!mapping || mapping.length === 0) return [];
    const old = new Map(e.scored.areas.flatMap((a) => a.questions).filter((q) => q.points !== null).map((q) => [q.code, q.points] as const));
    const mapped = mapPoints(old, mapping, newestQuestions);
    return [{ index: i, mapped: true, value: (code: string) => mapped.get(code) ?? null }];
  });
  const rows = newestQuestions.map((q) => ({
    code: q.code,
    text: q.text,
    maxPoints: q.maxPoints,
    values: columns.map((c) => c.value(q.code)),
  }));
  return {
    evaluations: evaluations.map((e) => ({ id: e.id, year: e.year, versionKey: e.versionKey, versionName: e.versionName, total: e.scored.total })),
    areas,
    comparable: versionKeys.length <= 1,
    areasLineUp,
    areaGroups,
    questions: {
      versionName: newest?.versionName ?? "",
      evaluationIndexes: columns.map((c) => c.index),
      mappedIndexes: columns.filter((c) => c.mapped).map((c) => c.index),
      rows,
    },
  };
}
