import { roundPoints } from "./points.ts";

/**
 * Correspondences between the sub-questions of two framework versions (issue #13, item 4;
 * docs/decisions/0036-correspondences-across-versions.md). One old question corresponds to one
 * or more new ones, each carrying a share of the old question's points; the shares of one old
 * question add up to at most 1. Pure: the models load the rows, this decides what they mean.
 */

/** The most counterparts one old question can have in one form (bounded input). */
export const MAX_COUNTERPARTS = 6;

/** One recorded row, by question code within each version. */
export interface CodeCorrespondence {
  fromCode: string;
  toCode: string;
  /** 0 < share <= 1 */
  share: number;
}

/** A row as stored: shared (municipalityId null) or a municipality's own. */
export interface StoredCorrespondence {
  fromQuestionId: string;
  toQuestionId: string;
  share: number;
  municipalityId: string | null;
}

/**
 * The rows that apply to a municipality: its own rows replace the shared ones for the same old
 * question (all of them, even when the own rows name other new questions).
 */
export function effectiveCorrespondences<T extends StoredCorrespondence>(rows: readonly T[], municipalityId: string): T[] {
  const mine = rows.filter((r) => r.municipalityId === municipalityId);
  const withOwn = new Set(mine.map((r) => r.fromQuestionId));
  return rows.filter((r) => r.municipalityId === municipalityId || (r.municipalityId === null && !withOwn.has(r.fromQuestionId)));
}

// --- Validating what a person records ---------------------------------------------------------

export interface CounterpartInput {
  /** The slot in the form (0-based), so a problem is shown next to its field. */
  slot: number;
  toQuestionId: string;
  /** Share as a fraction (0–1]. */
  share: number;
}

export type CounterpartProblem =
  | { slot: number; field: "to"; problem: "unknown-question" | "duplicate" }
  | { slot: number; field: "share"; problem: "sum-too-large" };

/**
 * The rules a set of counterparts of one old question must follow, besides each share being in
 * (0, 1] (the form's schema checks that): every new question belongs to the target version,
 * none is named twice, and the shares add up to at most 1 (checked in ten-thousandths, as stored).
 */
export function counterpartProblems(counterparts: readonly CounterpartInput[], targetQuestionIds: ReadonlySet<string>): CounterpartProblem[] {
  const problems: CounterpartProblem[] = [];
  const seen = new Set<string>();
  for (const c of counterparts) {
    if (!targetQuestionIds.has(c.toQuestionId)) problems.push({ slot: c.slot, field: "to", problem: "unknown-question" });
    else if (seen.has(c.toQuestionId)) problems.push({ slot: c.slot, field: "to", problem: "duplicate" });
    seen.add(c.toQuestionId);
  }
  const total = counterparts.reduce((s, c) => s + Math.round(c.share * 10_000), 0);
  if (total > 10_000) {
    const last = counterparts[counterparts.length - 1];
    if (last) problems.push({ slot: last.slot, field: "share", problem: "sum-too-large" });
  }
  return problems;
}

/** A share as stored (four decimals) from a percent as typed (up to two decimals). */
export const shareFromPercent = (percent: number) => Math.round(percent * 100) / 10_000;
export const percentFromShare = (share: number) => Math.round(share * 10_000) / 100;

// --- Mapping points through the correspondences -----------------------------------------------

export interface VersionQuestion {
  code: string;
  maxPoints: number;
}

/**
 * The points of the new version's questions from the old version's: each new question gets the
 * sum of the old points times their shares, capped at its maximum. A new question no old
 * question corresponds to is absent from the result (not 0: it is unknown, not zero).
 */
export function mapPoints(
  oldPoints: ReadonlyMap<string, number | null>,
  correspondences: readonly CodeCorrespondence[],
  newQuestions: readonly VersionQuestion[],
): Map<string, number> {
  const result = new Map<string, number>();
  for (const q of newQuestions) {
    const into = correspondences.filter((c) => c.toCode === q.code && oldPoints.has(c.fromCode));
    if (into.length === 0) continue;
    const sum = into.reduce((s, c) => s + (oldPoints.get(c.fromCode) ?? 0) * c.share, 0);
    result.set(q.code, Math.min(q.maxPoints, Math.max(0, roundPoints(sum))));
  }
  return result;
}

// --- Which version the next evaluation uses ---------------------------------------------------

export interface VersionChoice {
  id: string;
  firstYear: number;
  retired: boolean;
  questionCount: number;
  /** Whether correspondences (the municipality's own or shared) lead from the latest evaluation's version into it. */
  mapped?: boolean;
}

/**
 * The version the next evaluation uses when the coordinator has not chosen one: the newest
 * version, not retired, with sub-questions and reached by correspondences, that is newer than
 * the latest evaluation's; otherwise the latest evaluation's own version. A newer version that
 * nothing maps into yet is only offered: as the default it would turn every projection into
 * zeros the day an operator or another municipality adds it.
 */
export function defaultNextVersion(latestVersionId: string, versions: readonly VersionChoice[]): string {
  const latest = versions.find((v) => v.id === latestVersionId);
  if (!latest) return latestVersionId;
  const newer = versions
    .filter((v) => !v.retired && v.questionCount > 0 && v.mapped === true && v.firstYear > latest.firstYear)
    .sort((a, b) => b.firstYear - a.firstYear);
  return newer[0]?.id ?? latestVersionId;
}

/** The versions a coordinator may choose for the next evaluation: the latest evaluation's and newer usable ones. */
export function choosableNextVersions<V extends VersionChoice>(latestVersionId: string, versions: readonly V[]): V[] {
  const latest = versions.find((v) => v.id === latestVersionId);
  return versions.filter(
    (v) => v.id === latestVersionId || (latest !== undefined && !v.retired && v.questionCount > 0 && v.firstYear > latest.firstYear),
  );
}

/**
 * The version the next evaluation uses: the coordinator's choice while it is still one of the
 * choosable versions (a choice older than a newly imported evaluation's version no longer is),
 * else the default.
 */
export function resolveNextVersion(latestVersionId: string, chosenVersionId: string | null, versions: readonly VersionChoice[]): string {
  if (chosenVersionId && choosableNextVersions(latestVersionId, versions).some((v) => v.id === chosenVersionId)) return chosenVersionId;
  return defaultNextVersion(latestVersionId, versions);
}
