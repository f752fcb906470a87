import { similarity, words } from "../report-reader/text.ts";

/**
 * Suggests the sub-questions an improvement item is likely to lift: questions of the item's
 * own area first, ranked by how much of their wording the item shares, then stems
 * (e.g. "medborgardialog" ~ "medborgare"), then by points still open.
 */

export interface QuestionCandidate {
  code: string;
  text: string;
  area: number;
  maxPoints: number;
  currentPoints: number | null;
}

export interface Suggestion extends QuestionCandidate {
  score: number;
}

const STEM = 6;

function stemOverlap(a: string, b: string): number {
  const stems = (s: string) => new Set(words(s).filter((w) => w.length >= 4).map((w) => w.slice(0, STEM)));
  const sa = stems(a);
  const sb = stems(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  return common / Math.min(sa.size, sb.size);
}

export function suggestQuestions(
  item: { text: string; area: number },
  questions: readonly QuestionCandidate[],
  limit = 5,
): Suggestion[] {
  return questions
    .map((q) => {
      const open = q.maxPoints - (q.currentPoints ?? 0);
      const score =
        (q.area === item.area ? 1 : 0) +
        similarity(item.text, q.text) +
        0.5 * stemOverlap(item.text, q.text) +
        0.05 * (open / Math.max(1, q.maxPoints));
      return { ...q, score };
    })
    .filter((q) => q.area === item.area || q.score > 0.3)
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code, "sv", { numeric: true }))
    .slice(0, limit);
}
