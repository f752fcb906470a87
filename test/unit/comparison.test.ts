import { describe, expect, it } from "vitest";
import { compareAreas } from "~/domain/comparison.ts";
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
