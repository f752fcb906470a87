import { describe, expect, it } from "vitest";
import { oneScore, projectionFromScore, scoreDifference } from "~/domain/one-score.ts";
import { project, type ProjectionAction, type ProjectionQuestion } from "~/domain/projection.ts";
import { scoreEvaluation, type AreaInput } from "~/domain/scoring.ts";
import { scoreDifferenceLine } from "~/utils/report-text.ts";

/** The one score (ADR 0040): the report's stated points, with the sub-question sum explained once where it differs. */

const area = (number: number, statedPoints: number | null, points: number[]): AreaInput => ({
  number,
  name: `Område ${number}`,
  maxPoints: 100,
  statedPoints,
  questions: points.map((p, i) => ({ code: `${number}.${i + 1}`, text: `Fråga ${number}.${i + 1}`, maxPoints: 50, points: p })),
});

// Like Hammarö 2013: area 1 states 80 where its printed points add up to 79, area 2 states 84 for 85, area 3 agrees.
const rounded = [area(1, 80, [40, 39]), area(2, 84, [45, 40]), area(3, 50, [25, 25])];

describe("the one score", () => {
  it("is the stated points: their sum when no total is stated, the stated total when one is", () => {
    const score = oneScore(scoreEvaluation(rounded, null));
    expect(score.total).toBe(214);
    expect(score.questionSum).toBe(214);
    expect(score.areas.map((a) => [a.number, a.points, a.questionSum])).toEqual([
      [1, 80, 79],
      [2, 84, 85],
      [3, 50, 50],
    ]);
    const stated = oneScore(scoreEvaluation([area(1, 80, [40, 39]), area(2, 85, [45, 40])], 166));
    expect(stated.total).toBe(166);
    expect(stated.questionSum).toBe(164);
    expect(stated.differs).toBe(true);
  });

  it("explains the difference only when the sum of the sub-questions differs from the score", () => {
    // The area differences cancel out in the total (80 + 84 = 79 + 85): nothing to explain in the total.
    expect(scoreDifference(oneScore(scoreEvaluation(rounded, null)))).toBeNull();
    const differing = oneScore(scoreEvaluation([area(1, 80, [40, 39]), area(2, 84, [45, 41])], null));
    expect(differing.total).toBe(164);
    expect(differing.questionSum).toBe(165);
    expect(scoreDifference(differing)).toEqual({ stated: 164, questionSum: 165 });
    expect(scoreDifferenceLine(scoreDifference(differing))).toBe(
      "Summan av delfrågornas poäng är 165; rapporten anger 164 eftersom den avrundar de poäng den trycker. Kompassplan räknar med rapportens 164.",
    );
    expect(scoreDifferenceLine(scoreDifference(oneScore(scoreEvaluation([area(1, null, [40, 39])], null))))).toBeNull();
  });

  it("tells the projection from the score: now is the score, the rise is the projection's", () => {
    const evaluation = [area(1, 80, [40, 39]), area(2, 84, [45, 41])];
    const score = oneScore(scoreEvaluation(evaluation, null));
    const questions: ProjectionQuestion[] = evaluation.flatMap((a) =>
      a.questions.map((q) => ({ code: q.code, text: q.text, area: a.number, maxPoints: 50, current: Number(q.points) })),
    );
    const actions: ProjectionAction[] = [
      { id: "a", title: "Klar med underlag", status: "DONE", deadline: "2026-01-01", hasEvidence: true, effects: [{ code: "1.2", expectedEffect: 5 }] },
      { id: "b", title: "Klar utan underlag", status: "DONE", deadline: "2026-01-01", hasEvidence: false, effects: [{ code: "2.2", expectedEffect: 5 }] },
    ];
    const raw = project(questions, actions, { today: "2026-06-01", evaluationDate: "2027-06-01" });
    expect(raw.total.current).toBe(165);
    const told = projectionFromScore(raw, score);
    expect(told.total.current).toBe(164);
    expect(told.areas.map((a) => a.current)).toEqual([80, 84]);
    // Area 1: 80 + 5 secured; area 2: 84 + 4.5 likely (90 % of 5, done without evidence).
    expect(told.areas[0]).toMatchObject({ secured: 85, likely: 85, potential: 85 });
    expect(told.areas[1]).toMatchObject({ secured: 84, likely: 88.5, potential: 89 });
    expect(told.total).toEqual({ current: 164, secured: 169, likely: 173.5, potential: 174, maxPoints: 200 });
    // The rise is the projection's own.
    expect(told.total.likely - told.total.current).toBe(raw.total.likely - raw.total.current);
    expect(told.questions).toBe(raw.questions);
  });

  it("caps an area that starts from its stated points at the area's max", () => {
    const evaluation = [area(1, 100, [50, 49])];
    const score = oneScore(scoreEvaluation(evaluation, null));
    const questions: ProjectionQuestion[] = [
      { code: "1.1", text: "", area: 1, maxPoints: 50, current: 50 },
      { code: "1.2", text: "", area: 1, maxPoints: 50, current: 49 },
    ];
    const actions: ProjectionAction[] = [
      { id: "a", title: "", status: "DONE", deadline: "2026-01-01", hasEvidence: true, effects: [{ code: "1.2", expectedEffect: 1 }] },
    ];
    const told = projectionFromScore(project(questions, actions, { today: "2026-06-01", evaluationDate: null }), score);
    expect(told.areas[0]).toMatchObject({ current: 100, secured: 100, potential: 100 });
    expect(told.total).toMatchObject({ current: 100, secured: 100 });
  });
});
