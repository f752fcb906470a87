import { describe, expect, it } from "vitest";
import { compareAreas, compareOverTime } from "~/domain/comparison.ts";
import { scoreEvaluation } from "~/domain/scoring.ts";

const evaluation = (points: number[]) =>
  scoreEvaluation(
    points.map((p, i) => ({
      number: i + 1,
      name: `Område ${i + 1}`,
      maxPoints: 100,
      statedPoints: p,
      questions: [{ code: `${i + 1}.1`, text: "q", maxPoints: 100, points: p }],
    })),
    null,
  );

describe("compareAreas", () => {
  it("shows the change per area within one framework version", () => {
    const result = compareAreas(
      { versionKey: "2010", scored: evaluation([60, 70.5]) },
      { versionKey: "2010", scored: evaluation([50, 72]) },
    );
    expect(result.comparable).toBe(true);
    expect(result.rows.map((r) => r.change)).toEqual([10, -1.5]);
    expect(result.latestTotal).toBe(130.5);
    expect(result.previousTotal).toBe(122);
  });

  it("marks a comparison across a version change as not directly comparable", () => {
    const result = compareAreas(
      { versionKey: "2010", scored: evaluation([60]) },
      { versionKey: "pre-2010", scored: evaluation([50]) },
    );
    expect(result.comparable).toBe(false);
    expect(result.rows[0]!.previous).toBe(50);
  });

  it("has no previous values without a previous evaluation", () => {
    const result = compareAreas({ versionKey: "2010", scored: evaluation([60]) }, null);
    expect(result.rows[0]).toMatchObject({ previous: null, change: null });
    expect(result.comparable).toBe(true);
  });
});

describe("compareOverTime across a version change (fictional versions and points)", () => {
  const scored = (areas: Array<{ name: string; questions: Array<[string, number, number]> }>) =>
    scoreEvaluation(
      areas.map((a, i) => ({
        number: i + 1,
        name: a.name,
        maxPoints: 100,
        statedPoints: null,
        questions: a.questions.map(([code, maxPoints, points]) => ({ code, text: `Fråga ${code}`, maxPoints, points })),
      })),
      null,
    );
  const older = { id: "e1", year: 2012, versionKey: "old", versionName: "Gammal (fiktiv)", scored: scored([{ name: "Demokrati", questions: [["1.1", 10, 6], ["1.2", 10, 4]] }]) };
  const newer = { id: "e2", year: 2022, versionKey: "new", versionName: "Ny (fiktiv)", scored: scored([{ name: "Samspel", questions: [["1.1", 8, 5], ["1.2", 12, 7]] }]) };

  it("maps the older version's sub-questions into the newer one (points × share, capped) and marks them as mapped", () => {
    const result = compareOverTime([newer, older], new Map([["old", [{ fromCode: "1.1", toCode: "1.1", share: 1 }, { fromCode: "1.2", toCode: "1.1", share: 0.5 }]]]));
    expect(result.questions.evaluationIndexes).toEqual([0, 1]);
    expect(result.questions.mappedIndexes).toEqual([0]);
    // 6 × 1 + 4 × 0,5 = 8 (the max of the new 1.1); nothing maps into 1.2.
    expect(result.questions.rows.map((r) => [r.code, r.values])).toEqual([["1.1", [8, 5]], ["1.2", [null, 7]]]);
  });

  it("shows areas per version when their names differ, and the sub-questions of the newest only without correspondences", () => {
    const result = compareOverTime([older, newer]);
    expect(result.areasLineUp).toBe(false);
    expect(result.areaGroups.map((g) => [g.versionKey, g.evaluationIndexes, g.areas.map((a) => a.name)])).toEqual([
      ["old", [0], ["Demokrati"]],
      ["new", [1], ["Samspel"]],
    ]);
    expect(result.questions.evaluationIndexes).toEqual([1]);
    expect(result.questions.mappedIndexes).toEqual([]);
  });
});
