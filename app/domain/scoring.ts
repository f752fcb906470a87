import { percentOf, sumPoints, toPoints, type PointsInput } from "./points.ts";

/**
 * Sums, percents and the differences between what a report states and what its rounded
 * sub-question points add up to. Differences are shown, never hidden (see DOMAIN.md).
 */

export interface QuestionInput {
  code: string;
  text: string;
  maxPoints: PointsInput;
  points: PointsInput | null;
  printedPercent?: number | null;
}

export interface AreaInput {
  number: number;
  name: string;
  maxPoints: PointsInput;
  statedPoints: PointsInput | null;
  questions: readonly QuestionInput[];
}

export interface ScoredQuestion {
  code: string;
  text: string;
  maxPoints: number;
  points: number | null;
  percent: number | null;
  /** Percent as printed, when it differs from points / max (2010 reports round the points). */
  printedPercentDiffers: boolean;
  printedPercent: number | null;
}

export interface ScoredArea {
  number: number;
  name: string;
  maxPoints: number;
  /** The area total used everywhere: the stated total when printed, else the computed sum. */
  points: number;
  statedPoints: number | null;
  computedPoints: number;
  /** statedPoints - computedPoints, or 0 when nothing is stated. */
  difference: number;
  percent: number;
  questions: ScoredQuestion[];
  missingQuestions: string[];
}

export interface ScoredEvaluation {
  areas: ScoredArea[];
  maxPoints: number;
  /** Stated overall total when printed, else the sum of the area totals. */
  total: number;
  statedTotal: number | null;
  /** Sum of area totals (stated where stated). */
  areaSum: number;
  /** Sum of every sub-question's printed points. */
  questionSum: number;
  totalDifference: number;
}

export function scoreQuestion(q: QuestionInput): ScoredQuestion {
  const maxPoints = toPoints(q.maxPoints);
  const points = q.points === null ? null : toPoints(q.points);
  const percent = points === null ? null : percentOf(points, maxPoints);
  const printedPercent = q.printedPercent ?? null;
  return {
    code: q.code,
    text: q.text,
    maxPoints,
    points,
    percent,
    printedPercent,
    printedPercentDiffers: printedPercent !== null && percent !== null && printedPercent !== percent,
  };
}

export function scoreArea(area: AreaInput): ScoredArea {
  const questions = [...area.questions].sort(compareCodes).map(scoreQuestion);
  const computedPoints = sumPoints(questions.map((q) => q.points ?? 0));
  const statedPoints = area.statedPoints === null ? null : toPoints(area.statedPoints);
  const maxPoints = toPoints(area.maxPoints);
  const points = statedPoints ?? computedPoints;
  return {
    number: area.number,
    name: area.name,
    maxPoints,
    points,
    statedPoints,
    computedPoints,
    difference: statedPoints === null ? 0 : sumPoints([statedPoints, -computedPoints]),
    percent: percentOf(points, maxPoints),
    questions,
    missingQuestions: questions.filter((q) => q.points === null).map((q) => q.code),
  };
}

export function scoreEvaluation(
  areas: readonly AreaInput[],
  statedTotal: PointsInput | null,
): ScoredEvaluation {
  const scored = [...areas].sort((a, b) => a.number - b.number).map(scoreArea);
  const areaSum = sumPoints(scored.map((a) => a.points));
  const stated = statedTotal === null ? null : toPoints(statedTotal);
  return {
    areas: scored,
    maxPoints: sumPoints(scored.map((a) => a.maxPoints)),
    total: stated ?? areaSum,
    statedTotal: stated,
    areaSum,
    questionSum: sumPoints(scored.map((a) => a.computedPoints)),
    totalDifference: stated === null ? 0 : sumPoints([stated, -areaSum]),
  };
}

/** Orders codes like 1.2 < 1.10 < 2.1. */
export function compareCodes(a: { code: string }, b: { code: string }): number {
  const pa = a.code.split(".").map(Number);
  const pb = b.code.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
