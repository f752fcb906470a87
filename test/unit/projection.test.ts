import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIKELIHOOD_RULES, project, ruleFor, whereArePoints, type ProjectionAction, type ProjectionQuestion } from "~/domain/projection.ts";

const questions: ProjectionQuestion[] = [
  { code: "1.1", text: "A", area: 1, maxPoints: 10, current: 4 },
  { code: "1.2", text: "B", area: 1, maxPoints: 20, current: 19 },
  { code: "2.1", text: "C", area: 2, maxPoints: 15, current: 5 },
];
const opts = { today: "2026-11-23", evaluationDate: "2027-09-30" };
const action = (over: Partial<ProjectionAction>): ProjectionAction => ({
  id: "a",
  title: "Åtgärd",
  status: "IN_PROGRESS",
  deadline: "2027-03-01",
  hasEvidence: false,
  effects: [{ code: "1.1", expectedEffect: 4 }],
  ...over,
});

describe("the likelihood rules", () => {
  it("decide transparently from status, lateness and time left", () => {
    expect(ruleFor(action({ status: "DONE", hasEvidence: true }), opts.today, opts.evaluationDate)).toBe("done-evidence");
    expect(ruleFor(action({ status: "DONE" }), opts.today, opts.evaluationDate)).toBe("done");
    expect(ruleFor(action({}), opts.today, opts.evaluationDate)).toBe("in-progress");
    expect(ruleFor(action({ status: "NOT_STARTED", deadline: "2027-06-01" }), opts.today, opts.evaluationDate)).toBe("not-started-time");
    expect(ruleFor(action({ status: "NOT_STARTED", deadline: "2027-01-15" }), opts.today, opts.evaluationDate)).toBe("not-started-late-start");
    expect(ruleFor(action({ deadline: "2026-11-01" }), opts.today, opts.evaluationDate)).toBe("late");
    expect(ruleFor(action({ deadline: "2027-12-01" }), opts.today, opts.evaluationDate)).toBe("after-evaluation");
    expect(ruleFor(action({ status: "CANCELLED" }), opts.today, opts.evaluationDate)).toBe("cancelled");
    expect(LIKELIHOOD_RULES.every((r) => r.weight >= 0 && r.weight <= 1)).toBe(true);
  });
});

describe("projection", () => {
  it("adds done-with-evidence to secured, weighted open actions to likely, everything to potential, capped at max", () => {
    const p = project(
      questions,
      [
        action({ id: "done", status: "DONE", hasEvidence: true, effects: [{ code: "1.1", expectedEffect: 2 }] }),
        action({ id: "open", effects: [{ code: "1.1", expectedEffect: 3 }, { code: "1.2", expectedEffect: 5 }] }),
      ],
      opts,
    );
    const q11 = p.questions[0]!;
    expect([q11.current, q11.secured, q11.likely, q11.potential]).toEqual([4, 6, 8.1, 9]);
    const q12 = p.questions[1]!;
    expect([q12.current, q12.secured, q12.likely, q12.potential]).toEqual([19, 19, 20, 20]);
    expect(p.areas[0]).toMatchObject({ number: 1, current: 23, secured: 25, likely: 28.1, potential: 29, maxPoints: 30 });
    expect(p.total).toMatchObject({ current: 28, potential: 34, maxPoints: 45 });
    expect(q11.contributions.map((c) => [c.actionId, c.rule, c.weight])).toEqual([
      ["done", "done-evidence", 1],
      ["open", "in-progress", 0.7],
    ]);
  });

  const actionArb = fc.record({
    id: fc.uuid(),
    title: fc.constant("x"),
    status: fc.constantFrom("NOT_STARTED", "IN_PROGRESS", "DONE", "CANCELLED" as const),
    deadline: fc.integer({ min: -200, max: 600 }).map((d) => new Date(Date.UTC(2026, 10, 23 + d)).toISOString().slice(0, 10)),
    hasEvidence: fc.boolean(),
    effects: fc.array(
      fc.record({ code: fc.constantFrom("1.1", "1.2", "2.1"), expectedEffect: fc.integer({ min: 0, max: 30 }).map((n) => n / 2) }),
      { maxLength: 3 },
    ),
  });
  const plans = fc.array(actionArb, { maxLength: 12 });

  it("always keeps current ≤ secured ≤ likely ≤ potential ≤ max", () => {
    fc.assert(
      fc.property(plans, (actions) => {
        const p = project(questions, actions as ProjectionAction[], opts);
        for (const f of [...p.questions, ...p.areas, p.total]) {
          expect(f.current).toBeLessThanOrEqual(f.secured);
          expect(f.secured).toBeLessThanOrEqual(f.likely);
          expect(f.likely).toBeLessThanOrEqual(f.potential);
          expect(f.potential).toBeLessThanOrEqual(f.maxPoints);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("finishing an action (done with evidence) never lowers any figure", () => {
    fc.assert(
      fc.property(plans, fc.nat(), (actions, pick) => {
        const open = actions.filter((a) => a.status !== "DONE" && a.status !== "CANCELLED");
        if (open.length === 0) return;
        const chosen = open[pick % open.length]!;
        const before = project(questions, actions as ProjectionAction[], opts);
        const after = project(
          questions,
          actions.map((a) => (a === chosen ? { ...a, status: "DONE" as const, hasEvidence: true } : a)) as ProjectionAction[],
          opts,
        );
        for (const [b, a] of [[before.total, after.total], ...before.questions.map((q, i) => [q, after.questions[i]!] as const)] as const) {
          expect(a.secured).toBeGreaterThanOrEqual(b.secured);
          expect(a.likely).toBeGreaterThanOrEqual(b.likely - 1e-9);
          expect(a.potential).toBeGreaterThanOrEqual(b.potential);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never counts actions due after the evaluation date as likely", () => {
    fc.assert(
      fc.property(plans, (actions) => {
        const late = (actions as ProjectionAction[]).map((a) => ({ ...a, deadline: "2028-01-01", status: a.status === "DONE" ? ("IN_PROGRESS" as const) : a.status }));
        const p = project(questions, late, opts);
        for (const q of p.questions) expect(q.likely).toBe(q.current);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Var finns poängen?", () => {
  it("ranks by open points and flags large gaps without action and actions due after the evaluation", () => {
    const p = project(questions, [action({ id: "x", deadline: "2027-12-01", effects: [{ code: "2.1", expectedEffect: 1 }] })], opts);
    const rows = whereArePoints(p, opts.evaluationDate, new Map([["x", "2027-12-01"]]));
    expect(rows.map((r) => r.code)).toEqual(["2.1", "1.1", "1.2"]);
    expect(rows[0]).toMatchObject({ open: 10, actions: 1, actionsAfterEvaluation: 1, largeGapWithoutAction: false });
    expect(rows[1]).toMatchObject({ open: 6, actions: 0, largeGapWithoutAction: true });
    expect(rows[2]).toMatchObject({ open: 1, largeGapWithoutAction: false });
  });
});

/** The sandbox's fields of these actions, as the page offers them. */
const fieldsOf = (actions: ReadonlyArray<{ id: string; effects: ReadonlyArray<{ code: string }> }>) =>
  actions.map((a) => ({ id: a.id, codes: a.effects.map((e) => e.code) }));

describe("what-if", () => {
  it("switches actions off and changes effects without touching the plan", async () => {
    const { applyWhatIf } = await import("~/domain/what-if.ts");
    const { parseWhatIf } = await import("~/forms/what-if.ts");
    const a1 = action({ id: "11111111-1111-1111-1111-111111111111", effects: [{ code: "1.1", expectedEffect: 4 }] });
    const a2 = action({ id: "22222222-2222-2222-2222-222222222222", effects: [{ code: "2.1", expectedEffect: 2 }] });
    const params = new URLSearchParams([
      ["tankom", "1"],
      ["alla", a1.id],
      ["alla", a2.id],
      ["med", a2.id],
      [`effekt.${a2.id}.2.1`, "6"],
    ]);
    const whatIf = parseWhatIf(params, fieldsOf([a1, a2]))!;
    const changed = applyWhatIf([a1, a2], whatIf);
    expect(changed.map((a) => a.id)).toEqual([a2.id]);
    expect(changed[0]!.effects[0]!.expectedEffect).toBe(6);
    expect(a2.effects[0]!.expectedEffect).toBe(2);
    const before = project(questions, [a1, a2], opts).total;
    const after = project(questions, changed, opts).total;
    expect(after.potential).toBe(before.potential - 4 + 4);
    expect(parseWhatIf(new URLSearchParams("x=1"), fieldsOf([a1]))).toBeNull();
  });

  it("counts the plan's actions that are not ticked as off when the form does not list them (the form sends only the ticked ones)", async () => {
    const { applyWhatIf } = await import("~/domain/what-if.ts");
    const { parseWhatIf } = await import("~/forms/what-if.ts");
    const a1 = action({ id: "11111111-1111-1111-1111-111111111111", effects: [{ code: "1.1", expectedEffect: 4 }] });
    const a2 = action({ id: "22222222-2222-2222-2222-222222222222", effects: [{ code: "2.1", expectedEffect: 2 }] });
    const a3 = action({ id: "33333333-3333-3333-3333-333333333333", effects: [{ code: "2.2", expectedEffect: 1 }] });
    const whatIf = parseWhatIf(new URLSearchParams([["tankom", "1"], ["med", a2.id]]), fieldsOf([a1, a2, a3]))!;
    expect([...whatIf.off].sort()).toEqual([a1.id, a3.id]);
    expect(applyWhatIf([a1, a2, a3], whatIf).map((a) => a.id)).toEqual([a2.id]);
    // Nothing ticked: every action is off.
    expect(applyWhatIf([a1, a2, a3], parseWhatIf(new URLSearchParams("tankom=1"), fieldsOf([a1, a2, a3]))!)).toEqual([]);
  });

  it("keeps what was typed where an effect is not 0–100 points, and counts that row with its planned effect", async () => {
    const { applyWhatIf } = await import("~/domain/what-if.ts");
    const { parseWhatIf } = await import("~/forms/what-if.ts");
    const codes = ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2"];
    const a1 = action({ id: "11111111-1111-1111-1111-111111111111", effects: codes.map((code) => ({ code, expectedEffect: 4 })) });
    const params = new URLSearchParams([
      ["tankom", "1"],
      ["med", a1.id],
      [`effekt.${a1.id}.1.1`, "fem\u0000 poäng och lite till"],
      [`effekt.${a1.id}.1.2`, "101"],
      [`effekt.${a1.id}.1.3`, "2,5"],
      [`effekt.${a1.id}.1.4`, " "],
      [`effekt.${a1.id}.1.5`, "Infinity"],
      [`effekt.${a1.id}.2.1`, "-0,5"],
      [`effekt.${a1.id}.2.2`, "100"],
    ]);
    const whatIf = parseWhatIf(params, fieldsOf([a1]))!;
    expect(Object.fromEntries(whatIf.unreadable)).toEqual({
      [`${a1.id}:1.1`]: "fem poäng och lite t",
      [`${a1.id}:1.2`]: "101",
      [`${a1.id}:1.5`]: "Infinity",
      [`${a1.id}:2.1`]: "-0,5",
    });
    expect(Object.fromEntries(whatIf.effects)).toEqual({ [`${a1.id}:1.3`]: 2.5, [`${a1.id}:2.2`]: 100 });
    expect(applyWhatIf([a1], whatIf)[0]!.effects[0]!.expectedEffect).toBe(4);
  });

  it("reads only the fields of the actions on the page and the sub-questions they have effects on", async () => {
    const { parseWhatIf } = await import("~/forms/what-if.ts");
    const a1 = action({ id: "11111111-1111-1111-1111-111111111111", effects: [{ code: "1.1", expectedEffect: 4 }] });
    const elsewhere = "99999999-9999-9999-9999-999999999999";
    const params = new URLSearchParams([
      ["tankom", "1"],
      ["med", a1.id],
      ["med", elsewhere],
      // Another action's field (not on the page), and a sub-question this action has no effect on.
      [`effekt.${elsewhere}.1.1`, "fel"],
      [`effekt.${a1.id}.8.8`, "fel"],
      [`effekt.${a1.id}.1.1`, "3"],
    ]);
    const whatIf = parseWhatIf(params, fieldsOf([a1]))!;
    expect(Object.fromEntries(whatIf.effects)).toEqual({ [`${a1.id}:1.1`]: 3 });
    // Nothing unreadable: no error would have a field to point to.
    expect(whatIf.unreadable.size).toBe(0);
    expect([...whatIf.off]).toEqual([]);
  });
});
