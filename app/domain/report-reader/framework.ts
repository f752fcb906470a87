import type { ScoreRow } from "./score-table.ts";
import { similarity } from "./text.ts";
import type { CatalogVersion } from "./types.ts";

/** A text or name match at least this good counts as a match. */
const MATCH = 0.35;
/** Area names this alike name the version (words in common, 0–1, averaged over the areas). */
const NAMES_MATCH = 0.6;
/** Fewer area headings than this say too little to name a version by. */
const MIN_NAMED_AREAS = 4;

export interface Detection {
  /** The version decided on; null when the catalog is empty or the version is unknown. */
  version: CatalogVersion | null;
  certain: boolean;
  /**
   * The report's sub-questions are not in the catalog: "named" when its area names name a
   * version that has no sub-questions yet (the 2020 skeleton), "unknown" when nothing matches.
   */
  learn: "named" | "unknown" | null;
}

export const hasQuestions = (version: CatalogVersion) => version.areas.some((a) => a.questions.length > 0);

/** How alike the report's area headings are to a version's area names (0–1). */
function nameScore(version: CatalogVersion, named: ReadonlyMap<number, string>): number {
  if (named.size === 0) return 0;
  let sum = 0;
  for (const [number, heading] of named) {
    const area = version.areas.find((a) => a.number === number);
    sum += area ? similarity(heading, area.name) : 0;
  }
  return sum / named.size;
}

/**
 * Which framework version a report uses, decided by structure: how well its sub-question
 * texts match each version's (the codes 1.1–8.6 exist in several), then its table layout.
 * When no version's sub-questions match, the area names say which version it is (a version
 * the catalog knows only by its areas), or that it is unknown.
 */
export function detectVersion(
  rows: readonly ScoreRow[],
  named: ReadonlyMap<number, string>,
  order: "points-first" | "max-first" | "unknown",
  catalogs: readonly CatalogVersion[],
  year: number | null,
): Detection {
  const byText = detectByText(rows, [...named.values()], order, catalogs.filter(hasQuestions), year);
  if (named.size < MIN_NAMED_AREAS) return { version: byText.version, certain: byText.certain, learn: null };

  const byName = catalogs
    .map((version) => ({ version, score: nameScore(version, named) }))
    .sort((a, b) => b.score - a.score)[0];
  const textVersionNames = byText.version ? nameScore(byText.version, named) : 0;
  if (byName && byName.score >= NAMES_MATCH && byName.score - textVersionNames >= 0.3 && byText.best < MATCH) {
    // The names name a version the texts do not match.
    return hasQuestions(byName.version)
      ? { version: byName.version, certain: true, learn: null }
      : { version: byName.version, certain: true, learn: "named" };
  }
  if ((!byName || byName.score < MATCH) && byText.best < MATCH) return { version: null, certain: true, learn: "unknown" };
  return { version: byText.version, certain: byText.certain, learn: null };
}

function detectByText(
  rows: readonly ScoreRow[],
  sectionNames: readonly string[],
  order: "points-first" | "max-first" | "unknown",
  catalogs: readonly CatalogVersion[],
  year: number | null,
): { version: CatalogVersion | null; certain: boolean; best: number } {
  const candidates = catalogs.filter((c) => year === null || c.firstYear <= year);
  const pool = candidates.length > 0 ? candidates : catalogs;
  const scored = pool.map((version) => {
    const questions = new Map(version.areas.flatMap((a) => a.questions.map((q) => [q.code, q.text] as const)));
    const textScores = rows.map((r) => similarity(r.text, questions.get(r.code) ?? ""));
    const nameScores = sectionNames.map((name) => Math.max(0, ...version.areas.map((a) => similarity(name, a.name))));
    const all = [...textScores, ...nameScores];
    const textOnly = textScores.length ? textScores.reduce((s, v) => s + v, 0) / textScores.length : 0;
    return { version, textOnly, score: all.length ? all.reduce((s, v) => s + v, 0) / all.length : 0 };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  const bestText = Math.max(0, ...scored.map((s) => s.textOnly));
  if (best && best.score >= MATCH && (!second || best.score - second.score >= 0.1)) {
    return { version: best.version, certain: true, best: bestText };
  }
  // Layout as the tie-breaker: 2010 tables put points before max, older ones max first.
  const byYear = [...pool].sort((a, b) => a.firstYear - b.firstYear);
  if (order === "points-first") return { version: byYear[byYear.length - 1] ?? null, certain: false, best: bestText };
  if (order === "max-first") return { version: byYear[0] ?? null, certain: false, best: bestText };
  return { version: best?.version ?? null, certain: false, best: bestText };
}
