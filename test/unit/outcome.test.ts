import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitWeights, MIN_OBSERVATIONS } from "~/domain/fitted-weights.ts";
import { compareOutcome, snapshotData, type ActionNow, type Outcome } from "~/domain/outcome.ts";
import { DEFAULT_WEIGHTS, project, type ProjectionAction, type RuleId } from "~/domain/projection.ts";

/** Fictional sub-questions (no real municipality's scores). */
const questions = [
  { code: "1.1", text: "Fiktiv fråga A", area: 1, maxPoints: 10, current: 4 },
  { code: "1.2", text: "Fiktiv fråga B", area: 1, maxPoints: 10, current: 5 },
  { code: "2.1", text: "Fiktiv fråga C", area: 2, maxPoints: 8, current: 2 },
];
const actions: ProjectionAction[] = [
  { id: "a-done", title: "Klar", status: "DONE", deadline: "2027-01-01", hasEvidence: true, effects: [{ code: "1.1", expectedEffect: 2 }] },
  { id: "a-open", title: "Pågår", status: "IN_PROGRESS", deadline: "2027-12-01", hasEvidence: false, effects: [{ code: "1.2", expectedEffect: 2 }] },
];
const snapshot = snapshotData(project(questions, actions, { today: "2027-06-01", evaluationDate: "2028-03-01" }), actions, "default");
const now = new Map<string, ActionNow>([
  ["a-done", { status: "DONE", completedOn: "2026-12-20" }],
  ["a-open", { status: "IN_PROGRESS", completedOn: null }],
]);

describe("Utfall mot prognos", () => {
  it("sorts rises into those after finished actions and those without any action, per rule how far it was", () => {
    const outcome = compareOutcome({
      snapshot,
      plannedDate: "2028-03-01",
      newQuestions: [
        { code: "1.1", text: "A", area: 1, maxPoints: 10, points: 7 },
        { code: "1.2", text: "B", area: 1, maxPoints: 10, points: 5 },
        { code: "2.1", text: "C", area: 2, maxPoints: 8, points: 3 },
      ],
      mapping: null,
      actionsNow: now,
    });
    expect(outcome.doneRose.map((r) => r.code)).toEqual(["1.1"]);
    expect(outcome.roseWithoutAction.map((r) => r.code)).toEqual(["2.1"]);
    const q11 = outcome.rows.find((r) => r.code === "1.1")!;
    expect(q11).toMatchObject({ before: 4, secured: 6, likely: 6, actual: 7, rise: 3, miss: 1 });
    expect(q11.actions[0]).toMatchObject({ rule: "done-evidence", doneOnTime: true, creditedRise: 3 });
    const inProgress = outcome.rules.find((r) => r.rule === "in-progress")!;
    // 2 points × 0.7 projected, nothing came.
    expect(inProgress).toEqual({ rule: "in-progress", count: 1, meanProjected: 1.4, meanActual: 0, difference: -1.4 });
    expect(outcome.total).toEqual({ before: 11, likely: 14.4, actual: 15 });
    expect(outcome.withoutCounterpart).toEqual([]);
  });

  it("maps through the correspondence when the version changed and names old questions without counterpart", () => {
    const outcome = compareOutcome({
      snapshot,
      plannedDate: "2028-03-01",
      newQuestions: [
        { code: "N1", text: "Ny 1", area: 1, maxPoints: 20, points: 10 },
        { code: "N9", text: "Ny utan källa", area: 8, maxPoints: 5, points: 2 },
      ],
      mapping: [
        { from: "1.1", to: "N1", share: 1 },
        { from: "1.2", to: "N1", share: 0.5 },
      ],
      actionsNow: now,
    });
    const n1 = outcome.rows.find((r) => r.code === "N1")!;
    // before: 4 + 5 × 0.5; the in-progress action's effect is halved with its question.
    expect(n1.before).toBe(6.5);
    expect(n1.actions.map((a) => a.effect)).toEqual([2, 1]);
    expect(outcome.withoutCounterpart).toEqual(["2.1"]);
    expect(outcome.notCompared).toEqual(["N9"]);
  });
});

/** A history of one round where each linked action has the given rule and was or was not done on time. */
function history(entries: Array<{ rule: RuleId; doneOnTime: boolean; effect: number; rise: number }>): Outcome {
  const rows = entries.map((e, i) => ({
    code: `q${i}`,
    text: "",
    area: 1,
    maxPoints: 100,
    before: 0,
    secured: 0,
    likely: 0,
    potential: 0,
    actual: e.rise,
    rise: e.rise,
    miss: 0,
    kind: "other" as const,
    actions: [
      { id: `a${i}`, title: "", rule: e.rule, effect: e.effect, weight: DEFAULT_WEIGHTS[e.rule], done: e.doneOnTime, doneOnTime: e.doneOnTime, creditedRise: e.rise },
    ],
  }));
  return { rows, doneRose: [], roseWithoutAction: [], doneNoRise: [], rules: [], withoutCounterpart: [], notCompared: [], total: { before: 0, likely: 0, actual: 0 } };
}

const ruleArb = fc.constantFrom<RuleId>("done-evidence", "done", "in-progress", "not-started-time", "not-started-late-start", "late", "after-evaluation", "cancelled");
const entryArb = fc.record({ rule: ruleArb, doneOnTime: fc.boolean(), effect: fc.integer({ min: 1, max: 10 }), rise: fc.integer({ min: -5, max: 10 }) });

describe("fitted likelihood weights", () => {
  it("keeps every weight in 0–1 whatever the history", () => {
    fc.assert(
      fc.property(fc.array(fc.array(entryArb, { maxLength: 30 }), { maxLength: 4 }), (rounds) => {
        const fit = fitWeights(rounds.map(history));
        if (!fit.ok) return;
        for (const w of Object.values(fit.weights)) expect(w >= 0 && w <= 1).toBe(true);
      }),
    );
  });

  it("fits weights no lower than the defaults when every action was done on time", () => {
    fc.assert(
      fc.property(fc.array(entryArb.map((e) => ({ ...e, doneOnTime: true })), { minLength: MIN_OBSERVATIONS * 2, maxLength: 40 }), (entries) => {
        const fit = fitWeights([history(entries)]);
        if (!fit.ok) return; // only when most entries were cancelled
        for (const rule of Object.keys(DEFAULT_WEIGHTS) as RuleId[]) expect(fit.weights[rule]).toBeGreaterThanOrEqual(DEFAULT_WEIGHTS[rule]);
      }),
    );
  });

  it("refuses with a reason when the history is too short, and lowers a rule whose actions were not done", () => {
    expect(fitWeights([])).toMatchObject({ ok: false, reason: "no-history" });
    expect(fitWeights([history([{ rule: "in-progress", doneOnTime: true, effect: 2, rise: 2 }])])).toMatchObject({ ok: false, reason: "too-few" });
    const fit = fitWeights([
      history([
        ...Array.from({ length: 6 }, () => ({ rule: "in-progress" as const, doneOnTime: false, effect: 2, rise: 0 })),
        { rule: "done", doneOnTime: true, effect: 2, rise: 1 },
      ]),
    ]);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    // (0 done + 3 × 0.7) / (6 + 3)
    expect(fit.weights["in-progress"]).toBeCloseTo(2.1 / 9, 10);
    expect(fit.basis).toMatchObject({ observations: 7, doneOnTime: 1, questions: 1, realisedShare: 0.5 });
  });
});
