import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  choosableNextVersions,
  counterpartProblems,
  defaultNextVersion,
  effectiveCorrespondences,
  mapPoints,
  resolveNextVersion,
  type CodeCorrespondence,
} from "~/domain/correspondence.ts";
import { project, type ProjectionAction } from "~/domain/projection.ts";
import { projectionInputInVersion } from "~/domain/projection-in-version.ts";
import { correspondenceSchema } from "~/forms/correspondence.ts";
import { parseForm } from "~/forms/parse.ts";

// Question codes and points here are made up for the tests ("fictional"), not any municipality's.
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

describe("effectiveCorrespondences", () => {
  const row = (fromQuestionId: string, toQuestionId: string, municipalityId: string | null, share = 1) => ({ fromQuestionId, toQuestionId, municipalityId, share });

  it("lets a municipality's own rows replace every shared row of the same old question, and keeps the shared ones of other questions", () => {
    const rows = [row("old1", "new1", null), row("old1", "new2", null), row("old2", "new3", null), row("old1", "new4", "m1", 0.5)];
    expect(effectiveCorrespondences(rows, "m1")).toEqual([row("old2", "new3", null), row("old1", "new4", "m1", 0.5)]);
  });

  it("never applies another municipality's own rows, and they do not hide the shared ones", () => {
    const rows = [row("old1", "new1", null), row("old1", "new9", "other")];
    expect(effectiveCorrespondences(rows, "m1")).toEqual([row("old1", "new1", null)]);
  });
});

describe("mapPoints", () => {
  const newQuestions = [
    { code: "1.1", maxPoints: 6 },
    { code: "1.2", maxPoints: 4 },
    { code: "2.1", maxPoints: 10 },
  ];

  it("splits an old question's points by share and sums several old questions into one new one", () => {
    const correspondences: CodeCorrespondence[] = [
      { fromCode: "1.1", toCode: "1.1", share: 0.5 },
      { fromCode: "1.1", toCode: "1.2", share: 0.5 },
      { fromCode: "1.2", toCode: "1.1", share: 1 },
    ];
    const mapped = mapPoints(new Map([["1.1", 3], ["1.2", 2.5]]), correspondences, newQuestions);
    expect(mapped.get("1.1")).toBe(4); // 3 × 0,5 + 2,5 × 1
    expect(mapped.get("1.2")).toBe(1.5);
    // Nothing corresponds to 2.1: unknown, not 0.
    expect(mapped.has("2.1")).toBe(false);
  });

  it("caps a mapped value at the new question's maximum", () => {
    const mapped = mapPoints(new Map([["1.1", 9], ["1.2", 8]]), [
      { fromCode: "1.1", toCode: "1.2", share: 1 },
      { fromCode: "1.2", toCode: "1.2", share: 1 },
    ], newQuestions);
    expect(mapped.get("1.2")).toBe(4);
  });

  it("property: mapped totals never exceed the new question's max, and with shares that pass the rules nothing is created from nothing", () => {
    const oldQuestion = fc.record({ max: fc.integer({ min: 1, max: 40 }).map((n) => n / 2), fraction: fc.double({ min: 0, max: 1, noNaN: true }) });
    const input = fc.record({
      old: fc.array(oldQuestion, { minLength: 1, maxLength: 8 }),
      newMax: fc.array(fc.integer({ min: 1, max: 40 }).map((n) => n / 2), { minLength: 1, maxLength: 8 }),
      links: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), share: fc.integer({ min: 1, max: 10_000 }) }), { maxLength: 30 }),
    });
    fc.assert(
      fc.property(input, ({ old, newMax, links }) => {
        const oldPoints = new Map(old.map((q, i) => [`1.${i + 1}`, Math.round(q.max * q.fraction * 2) / 2]));
        const newQuestions = newMax.map((max, i) => ({ code: `2.${i + 1}`, maxPoints: max }));
        // Keep, per old question, only the counterparts the rules accept (distinct, sum ≤ 1).
        const accepted: CodeCorrespondence[] = [];
        for (const [i] of old.entries()) {
          const mine = links
            .filter((l) => l.from % old.length === i)
            .map((l, slot) => ({ slot, toQuestionId: `2.${(l.to % newMax.length) + 1}`, share: l.share / 10_000 }));
          const problems = counterpartProblems(mine, new Set(newQuestions.map((q) => q.code)));
          if (problems.length === 0) accepted.push(...mine.map((c) => ({ fromCode: `1.${i + 1}`, toCode: c.toQuestionId, share: c.share })));
          else expect(problems.length).toBeGreaterThan(0);
        }
        const mapped = mapPoints(oldPoints, accepted, newQuestions);
        for (const q of newQuestions) {
          const value = mapped.get(q.code);
          if (value !== undefined) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(q.maxPoints);
          }
        }
        // Shares of one old question add up to at most 1, so the new total is at most the old one.
        const oldTotal = [...oldPoints.values()].reduce((s, p) => s + p, 0);
        const newTotal = [...mapped.values()].reduce((s, p) => s + p, 0);
        expect(newTotal).toBeLessThanOrEqual(oldTotal + 0.01 * newQuestions.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("counterpartProblems and the form's schema", () => {
  const form = (values: Record<string, string>) => {
    const data = new FormData();
    data.set("fromQuestionId", A);
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    return parseForm(correspondenceSchema, data);
  };

  it("accepts shares in percent with a decimal comma and stores them as fractions", () => {
    const result = form({ "to-0": B, "share-0": "33,33", "to-1": C, "share-1": "66,67" });
    expect(result).toEqual({ ok: true, data: { fromQuestionId: A, counterparts: [{ slot: 0, toQuestionId: B, share: 0.3333 }, { slot: 1, toQuestionId: C, share: 0.6667 }] } });
  });

  it("puts each error next to its field, in Swedish", () => {
    expect(form({ "to-0": B, "share-0": "60", "to-1": C, "share-1": "50" })).toEqual({
      ok: false,
      errors: { "share-1": "Andelarna blir tillsammans 110 %; de får vara högst 100 %." },
    });
    expect(form({ "to-0": B, "share-0": "50", "to-1": B, "share-1": "10" })).toMatchObject({ ok: false, errors: { "to-1": "Samma nya delfråga är vald två gånger." } });
    expect(form({ "to-0": B })).toMatchObject({ ok: false, errors: { "share-0": expect.stringContaining("Ange hur stor andel") } });
    expect(form({ "share-2": "40" })).toMatchObject({ ok: false, errors: { "share-2": expect.stringContaining("Välj en ny delfråga") } });
    for (const bad of ["0", "-5", "100,5", "abc", "1e2", "12,345"]) {
      expect(form({ "to-0": B, "share-0": bad })).toMatchObject({ ok: false, errors: { "share-0": expect.stringContaining("procent") } });
    }
    expect(form({ "to-0": "not-a-question", "share-0": "50" })).toMatchObject({ ok: false, errors: { "to-0": expect.any(String) } });
  });

  it("accepts an empty form: it removes the counterparts", () => {
    expect(form({})).toEqual({ ok: true, data: { fromQuestionId: A, counterparts: [] } });
  });

  it("refuses a new question outside the target version (the server's check)", () => {
    expect(counterpartProblems([{ slot: 0, toQuestionId: B, share: 0.5 }], new Set([C]))).toEqual([{ slot: 0, field: "to", problem: "unknown-question" }]);
  });

  it("property: the sum of shares ≤ 100 % is enforced exactly (in hundredths of a percent)", () => {
    const percents = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 });
    const ids = [A, B, C, "00000000-0000-4000-8000-00000000000d", "00000000-0000-4000-8000-00000000000e", "00000000-0000-4000-8000-00000000000f"];
    fc.assert(
      fc.property(percents, (hundredths) => {
        const values = Object.fromEntries(hundredths.flatMap((h, i) => [[`to-${i}`, ids[i]!], [`share-${i}`, (h / 100).toFixed(2).replace(".", ",")]]));
        const result = form(values);
        const sum = hundredths.reduce((s, h) => s + h, 0);
        expect(result.ok).toBe(sum <= 10_000);
        if (result.ok) expect(result.data.counterparts.reduce((s, c) => s + Math.round(c.share * 10_000), 0)).toBe(sum);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the projection in the next version", () => {
  const oldQuestions = [
    { code: "1.1", text: "Gammal fråga ett (fiktiv)", area: 1, maxPoints: 5, current: 2 },
    { code: "1.2", text: "Gammal fråga två (fiktiv)", area: 1, maxPoints: 5, current: 4 },
    { code: "2.1", text: "Gammal fråga tre (fiktiv)", area: 2, maxPoints: 10, current: 5 },
  ];
  const newQuestions = [
    { code: "1.1", text: "Ny fråga ett (fiktiv)", area: 1, maxPoints: 4 },
    { code: "1.2", text: "Ny fråga två (fiktiv)", area: 1, maxPoints: 6 },
    { code: "3.1", text: "Ny fråga utan motsvarighet (fiktiv)", area: 3, maxPoints: 8 },
  ];
  const correspondences: CodeCorrespondence[] = [
    { fromCode: "1.1", toCode: "1.1", share: 0.5 },
    { fromCode: "1.1", toCode: "1.2", share: 0.5 },
    { fromCode: "1.2", toCode: "1.2", share: 1 },
  ];
  const action = (id: string, codes: Array<[string, number]>): ProjectionAction => ({
    id,
    title: `Åtgärd ${id}`,
    status: "DONE",
    deadline: "2027-01-01",
    hasEvidence: true,
    effects: codes.map(([code, expectedEffect]) => ({ code, expectedEffect })),
  });

  it("moves today's points and the actions' effects through the shares and names the actions without a counterpart", () => {
    const moved = projectionInputInVersion(
      oldQuestions,
      [action("a", [["1.1", 2]]), action("b", [["2.1", 3]]), action("c", [["1.2", 1], ["2.1", 1]])],
      newQuestions,
      correspondences,
    );
    expect(moved.questions.map((q) => [q.code, q.current])).toEqual([["1.1", 1], ["1.2", 5], ["3.1", 0]]);
    expect(moved.actions.find((a) => a.id === "a")!.effects).toEqual([{ code: "1.1", expectedEffect: 1 }, { code: "1.2", expectedEffect: 1 }]);
    expect(moved.actionsWithoutCounterpart).toEqual([
      { id: "b", title: "Åtgärd b", codes: ["2.1"], none: true },
      { id: "c", title: "Åtgärd c", codes: ["2.1"], none: false },
    ]);
    expect(moved.questionsWithoutCounterpart).toEqual(["3.1"]);
    const projection = project(moved.questions, moved.actions, { today: "2026-11-26", evaluationDate: "2027-06-01" });
    // 1.1: 1 + 1 (a) = 2 of 4; 1.2: 5 + 1 (a) + 1 (c) capped at 6.
    expect(projection.questions.map((q) => [q.code, q.secured])).toEqual([["1.1", 2], ["1.2", 6], ["3.1", 0]]);
    expect(projection.total.maxPoints).toBe(18);
  });
});

describe("the version the next evaluation uses", () => {
  const versions = [
    { id: "pre", firstYear: 2000, retired: false, questionCount: 40 },
    { id: "v2010", firstYear: 2010, retired: false, questionCount: 50 },
    { id: "skeleton", firstYear: 2020, retired: false, questionCount: 0 },
    { id: "fictional", firstYear: 2019, retired: false, questionCount: 30, mapped: true },
    { id: "retired", firstYear: 2024, retired: true, questionCount: 30, mapped: true },
    { id: "unmapped", firstYear: 2022, retired: false, questionCount: 30, mapped: false },
  ];

  it("defaults to the newest usable version newer than the latest evaluation's that correspondences reach, else the latest's own", () => {
    expect(defaultNextVersion("v2010", versions)).toBe("fictional");
    // A newer version nothing maps into yet is not the default, only offered.
    expect(defaultNextVersion("v2010", versions.map((v) => ({ ...v, mapped: v.id === "unmapped" ? true : v.mapped })))).toBe("unmapped");
    expect(defaultNextVersion("fictional", versions)).toBe("fictional");
    expect(defaultNextVersion("v2010", versions.filter((v) => v.id !== "fictional"))).toBe("v2010");
  });

  it("offers the latest's version and newer usable ones, and ignores a choice no longer on offer", () => {
    expect(choosableNextVersions("v2010", versions).map((v) => v.id)).toEqual(["v2010", "fictional", "unmapped"]);
    expect(resolveNextVersion("v2010", "v2010", versions)).toBe("v2010");
    expect(resolveNextVersion("fictional", "v2010", versions)).toBe("fictional");
    expect(resolveNextVersion("v2010", "skeleton", versions)).toBe("fictional");
  });
});
