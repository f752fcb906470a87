import { compareCodes } from "../swedish-order.ts";
/**
 * Suggests the sub-questions an improvement item is likely to lift: questions of the item's
 * own area first, ranked by how much of the item's wording they share. Longer words weigh
 * more (they say more), and Swedish compounds count when they share a stem
 * ("ledarutvecklingsprogram" ~ "ledarutveckling"). Points still open break ties; a question
 * already at full marks is never suggested (nothing left to lift).
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

const STOP_WORDS = new Set(
  "och att för som med det den de är av på till i om hur vad vilka vilken har kan ska alla ett en samt inom mellan eller från över vid mer nya bra".split(" "),
);
const STEM = 6;

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-zåäöéü0-9]+/g, " ")
    .split(" ")
    .filter((w) => w.length > 2 && !STOP_WORDS.has(w));
}

function match(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length >= STEM && b.length >= STEM && a.slice(0, STEM) === b.slice(0, STEM)) return 0.8;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.includes(short) ? 0.6 : 0;
}

/** Length-weighted share of the item's words found in the question (0–1). */
export function wordingScore(itemText: string, questionText: string): number {
  const item = tokens(itemText);
  const question = tokens(questionText);
  const total = item.reduce((s, w) => s + w.length, 0);
  if (total === 0 || question.length === 0) return 0;
  const found = item.reduce((s, w) => s + w.length * Math.max(0, ...question.map((q) => match(w, q))), 0);
  return found / total;
}

export function suggestQuestions(
  item: { text: string; area: number },
  questions: readonly QuestionCandidate[],
  limit = 5,
): Suggestion[] {
  return questions
    .filter((q) => q.currentPoints === null || q.currentPoints < q.maxPoints)
    .map((q) => {
      const open = q.maxPoints - (q.currentPoints ?? 0);
      const score = (q.area === item.area ? 1 : 0) + wordingScore(item.text, q.text) + 0.05 * (open / Math.max(1, q.maxPoints));
      return { ...q, score };
    })
    .filter((q) => q.area === item.area || q.score > 0.3)
    .sort((a, b) => b.score - a.score || compareCodes(a.code, b.code))
    .slice(0, limit);
}

/**
 * The improvement item a new action for a sub-question most likely belongs to: of the items in
 * the question's own area, the one whose wording it shares most (the first on a tie); none when
 * the area has no item.
 */
export function itemForQuestion<T extends { text: string; area: number }>(question: { text: string; area: number }, items: readonly T[]): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const item of items) {
    if (item.area !== question.area) continue;
    const score = wordingScore(item.text, question.text);
    if (score > bestScore) [best, bestScore] = [item, score];
  }
  return best;
}
