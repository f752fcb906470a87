import type { ScoreRow } from "./score-table.ts";
import { similarity } from "./text.ts";
import type { CatalogVersion } from "./types.ts";

/**
 * Which framework version a report uses, decided by structure: how well its sub-question
 * texts match each version's (the codes 1.1–8.6 exist in both), then its table layout.
 */
export function detectVersion(
  rows: readonly ScoreRow[],
  sectionNames: readonly string[],
  order: "points-first" | "max-first" | "unknown",
  catalogs: readonly CatalogVersion[],
  year: number | null,
): { version: CatalogVersion | null; certain: boolean } {
  const candidates = catalogs.filter((c) => year === null || c.firstYear <= year);
  const pool = candidates.length > 0 ? candidates : catalogs;
  const scored = pool.map((version) => {
    const questions = new Map(version.areas.flatMap((a) => a.questions.map((q) => [q.code, q.text] as const)));
    const textScores = rows.map((r) => similarity(r.text, questions.get(r.code) ?? ""));
    const nameScores = sectionNames.map((name) => Math.max(0, ...version.areas.map((a) => similarity(name, a.name))));
    const all = [...textScores, ...nameScores];
    return { version, score: all.length ? all.reduce((s, v) => s + v, 0) / all.length : 0 };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (best && best.score >= 0.35 && (!second || best.score - second.score >= 0.1)) {
    return { version: best.version, certain: true };
  }
  // Layout as the tie-breaker: 2010 tables put points before max, older ones max first.
  const byYear = [...pool].sort((a, b) => a.firstYear - b.firstYear);
  if (order === "points-first") return { version: byYear[byYear.length - 1] ?? null, certain: false };
  if (order === "max-first") return { version: byYear[0] ?? null, certain: false };
  return { version: best?.version ?? null, certain: false };
}
