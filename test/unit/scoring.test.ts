import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareCodes, scoreArea, scoreEvaluation, type AreaInput } from "~/domain/scoring.ts";
import { sharedReports as reports } from "../helpers/catalog.ts";

const area = (over: Partial<AreaInput> = {}): AreaInput => ({
  number: 1,
  name: "Offentlighet och demokrati",
  maxPoints: 100,
  statedPoints: null,
  questions: [
    { code: "1.2", text: "B", maxPoints: 20, points: "4,5" },
    { code: "1.10", text: "C", maxPoints: 30, points: 10 },
    { code: "1.1", text: "A", maxPoints: 50, points: 25 },
  ],
  ...over,
});

describe("scoreArea", () => {
  it("sorts codes numerically and sums the points", () => {
    const scored = scoreArea(area());
    expect(scored.questions.map((q) => q.code)).toEqual(["1.1", "1.2", "1.10"]);
    expect(scored.computedPoints).toBe(39.5);
    expect(scored.points).toBe(39.5);
    expect(scored.difference).toBe(0);
    expect(scored.percent).toBe(40);
  });

  it("keeps the stated total and shows how far the rounded points are from it", () => {
    const scored = scoreArea(area({ statedPoints: 41 }));
    expect(scored.points).toBe(41);
    expect(scored.computedPoints).toBe(39.5);
    expect(scored.difference).toBe(1.5);
  });

  it("lists sub-questions without points as missing", () => {
    const scored = scoreArea(
      area({ questions: [{ code: "1.1", text: "A", maxPoints: 50, points: null }] }),
    );
    expect(scored.missingQuestions).toEqual(["1.1"]);
    expect(scored.questions[0]!.percent).toBeNull();
  });

  it("flags a printed percent that differs from points / max", () => {
    const scored = scoreArea(
      area({ questions: [{ code: "1.1", text: "A", maxPoints: 20, points: 17, printedPercent: 86 }] }),
    );
    expect(scored.questions[0]!.percent).toBe(85);
    expect(scored.questions[0]!.printedPercentDiffers).toBe(true);
  });
});

describe("compareCodes", () => {
  it("orders 1.9 before 1.10 and 2.1 after both", () => {
    const codes = ["2.1", "1.10", "1.9"].map((code) => ({ code }));
    expect(codes.sort(compareCodes).map((c) => c.code)).toEqual(["1.9", "1.10", "2.1"]);
  });
});

// The demo seed carries the Hammarö 2013 facts; check them against the careful reader's
// expectations in ../shared/reports when that folder is present.
interface Expected {
  totalPoints: number | null;
  statedAreaTotals: Record<string, number>;
  questionPointsGrandSum: number;
  areas: Array<{ number: number; name: string; maxPoints: number; questionPointsSum: number; questions: Array<{ code: string; text: string; maxPoints: number; points: number }> }>;
}

function fromExpected(expected: Expected) {
  return expected.areas.map((a) => ({
    number: a.number,
    name: a.name,
    maxPoints: a.maxPoints,
    statedPoints: expected.statedAreaTotals[String(a.number)] ?? null,
    questions: a.questions.map((q) => ({ code: q.code, text: q.text, maxPoints: q.maxPoints, points: q.points })),
  }));
}

describe.runIf(existsSync(reports))("scoring against the shared reports", () => {
  for (const name of ["hammaro-2013", "hallsberg-2008", "karlskoga-2007"]) {
    it(`${name}: stated totals kept, rounded sums and differences shown`, () => {
      const expected = JSON.parse(readFileSync(path.join(reports, `${name}.expected.json`), "utf8")) as Expected;
      const scored = scoreEvaluation(fromExpected(expected), expected.totalPoints);
      expect(scored.questionSum).toBe(expected.questionPointsGrandSum);
      for (const a of scored.areas) {
        const e = expected.areas.find((x) => x.number === a.number)!;
        expect(a.points).toBe(expected.statedAreaTotals[String(a.number)]);
        expect(a.computedPoints).toBe(e.questionPointsSum);
        expect(a.difference).toBe(expected.statedAreaTotals[String(a.number)]! - e.questionPointsSum);
      }
      if (expected.totalPoints !== null) expect(scored.total).toBe(expected.totalPoints);
      else expect(scored.total).toBe(Object.values(expected.statedAreaTotals).reduce((s, v) => s + v, 0));
    });
  }
});
