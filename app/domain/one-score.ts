import type { Figures, Projection } from "./projection.ts";
import { roundPoints, sumPoints } from "./points.ts";
import type { ScoredEvaluation } from "./scoring.ts";

/**
 * *The* score of an evaluation (ADR 0040): the points the report states (its area points, and
 * their sum or the stated total), because that is what the municipality was given and what the
 * council has seen. The sum of the sub-question points can differ from it, since reports round
 * the points they print; that sum is kept beside the score so the difference is shown once,
 * with its reason, never hidden. Every page, export and command takes its totals from here. Pure.
 */

export interface OneScoreArea {
  number: number;
  /** The area's score: its stated points, else the sum of its sub-questions. */
  points: number;
  maxPoints: number;
  /** The sum of the area's sub-question points. */
  questionSum: number;
}

export interface OneScore {
  /** The score: the stated total, else the sum of the area scores. */
  total: number;
  maxPoints: number;
  /** The sum of every sub-question's points. */
  questionSum: number;
  /** True when the sub-questions add up to something else than the score (show both, once). */
  differs: boolean;
  areas: OneScoreArea[];
}

export function oneScore(scored: ScoredEvaluation): OneScore {
  return {
    total: scored.total,
    maxPoints: scored.maxPoints,
    questionSum: scored.questionSum,
    differs: scored.total !== scored.questionSum,
    areas: scored.areas.map((a) => ({ number: a.number, points: a.points, maxPoints: a.maxPoints, questionSum: a.computedPoints })),
  };
}

/** The explanation's two numbers when the sum of the sub-questions differs from the score; null when they agree. */
export function scoreDifference(score: Pick<OneScore, "total" | "questionSum" | "differs">): { stated: number; questionSum: number } | null {
  return score.differs ? { stated: score.total, questionSum: score.questionSum } : null;
}

type Raised = "secured" | "likely" | "potential";

function fromPoints(figures: Figures, points: number, maxPoints: number): Figures {
  const raised = (key: Raised) => Math.max(0, Math.min(maxPoints, roundPoints(points + figures[key] - figures.current)));
  return { current: points, secured: raised("secured"), likely: raised("likely"), potential: raised("potential"), maxPoints: figures.maxPoints };
}

/**
 * The readiness projection told from the score: it is computed on sub-questions, so each area
 * starts from its score instead of its sub-question sum and rises by what the projection adds
 * (capped at the area's max), and the total starts from the score and rises by the areas' rises.
 * "Nu" is then the score everywhere. The sub-questions keep their own points.
 */
export function projectionFromScore(projection: Projection, score: OneScore): Projection {
  const byNumber = new Map(score.areas.map((a) => [a.number, a]));
  const areas = projection.areas.map((a) => {
    const area = byNumber.get(a.number);
    return area ? { ...fromPoints(a, area.points, a.maxPoints), number: a.number } : a;
  });
  const rise = (key: Raised) => sumPoints(areas.map((a) => roundPoints(a[key] - a.current)));
  const cap = (n: number) => Math.max(0, Math.min(projection.total.maxPoints, roundPoints(n)));
  return {
    questions: projection.questions,
    areas,
    total: {
      current: score.total,
      secured: cap(score.total + rise("secured")),
      likely: cap(score.total + rise("likely")),
      potential: cap(score.total + rise("potential")),
      maxPoints: projection.total.maxPoints,
    },
  };
}
