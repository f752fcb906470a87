import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAcceptedDate, MAX_DATE, MIN_DATE, monthIndex } from "~/domain/dates.ts";
import { MAX_MONTHS, progressOverTime, type ProgressAction } from "~/domain/progress-over-time.ts";

const a = (deadline: string, status: ProgressAction["status"] = "NOT_STARTED", completedAt: string | null = null): ProgressAction => ({
  deadline,
  status,
  completedAt,
});

describe("done actions over time against the plan", () => {
  it("counts, per month up to the evaluation, what is due and what was done; the future has no done figure", () => {
    const series = progressOverTime(
      [
        a("2026-09-15", "DONE", "2026-09-10"),
        a("2026-10-31", "DONE", "2026-11-02"),
        a("2026-11-20", "IN_PROGRESS"),
        a("2027-01-10"),
        a("2027-01-20", "CANCELLED"),
        a("2027-06-01"),
      ],
      { today: "2026-11-23", evaluationDate: "2027-03-15" },
    );
    expect(series.points).toEqual([
      { month: "2026-09", date: "2026-09-30", planned: 1, done: 1 },
      { month: "2026-10", date: "2026-10-31", planned: 2, done: 1 },
      { month: "2026-11", date: "2026-11-30", planned: 3, done: 2 },
      { month: "2026-12", date: "2026-12-31", planned: 3, done: null },
      { month: "2027-01", date: "2027-01-31", planned: 4, done: null },
      { month: "2027-02", date: "2027-02-28", planned: 4, done: null },
      { month: "2027-03", date: "2027-03-15", planned: 4, done: null },
    ]);
    expect(series.total).toBe(5);
    expect(series.dueAfterEvaluation).toBe(1);
  });

  it("runs to the last deadline when no evaluation date is set, and handles an empty plan", () => {
    const series = progressOverTime([a("2027-02-01")], { today: "2026-12-05", evaluationDate: null });
    expect(series.points.map((p) => p.month)).toEqual(["2026-12", "2027-01", "2027-02"]);
    expect(series.dueAfterEvaluation).toBe(0);
    expect(progressOverTime([], { today: "2026-12-05", evaluationDate: null }).points).toEqual([
      { month: "2026-12", date: "2026-12-05", planned: 0, done: 0 },
    ]);
  });

  it("never draws more than the last MAX_MONTHS months", () => {
    const series = progressOverTime([a("2040-01-01")], { today: "2026-12-05", evaluationDate: null });
    expect(series.points).toHaveLength(MAX_MONTHS);
    expect(series.points.at(-1)).toMatchObject({ month: "2040-01", planned: 1 });
  });

  const day = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const actionArb = fc
    .record({ status: fc.constantFrom("NOT_STARTED", "IN_PROGRESS", "DONE", "CANCELLED" as const), deadline: day, completedAt: day })
    .map((x) => ({ ...x, completedAt: x.status === "DONE" ? x.completedAt : null }));

  it("planned and done never fall, never exceed the plan, and done stops at today (property)", () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 40 }), day, fc.option(day, { nil: null }), (actions, today, evaluationDate) => {
        const series = progressOverTime(actions, { today, evaluationDate });
        const done = series.points.filter((p) => p.done !== null);
        for (const [i, p] of series.points.entries()) {
          expect(p.planned).toBeLessThanOrEqual(series.total);
          if (i > 0) expect(p.planned).toBeGreaterThanOrEqual(series.points[i - 1]!.planned);
          if (p.done !== null) expect(p.month <= today.slice(0, 7)).toBe(true);
          else expect(p.month > today.slice(0, 7)).toBe(true);
        }
        for (const [i, p] of done.entries()) if (i > 0) expect(p.done!).toBeGreaterThanOrEqual(done[i - 1]!.done!);
        if (evaluationDate !== null) expect(series.points.at(-1)!.date).toBe(evaluationDate);
      }),
      { numRuns: 300 },
    );
  });

  const inRange = fc
    .integer({ min: Date.parse(`${MIN_DATE}T00:00:00Z`) / 86_400_000, max: Date.parse(`${MAX_DATE}T00:00:00Z`) / 86_400_000 })
    .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

  it("any dates in the accepted range give at most MAX_MONTHS consecutive, formattable months and never throw (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ deadline: inRange, completedAt: inRange }), { maxLength: 10 }),
        inRange,
        fc.option(inRange, { nil: null }),
        (rows, today, evaluationDate) => {
          const actions = rows.map((r) => a(r.deadline, "DONE", r.completedAt));
          const series = progressOverTime(actions, { today, evaluationDate });
          expect(series.points.length).toBeGreaterThan(0);
          expect(series.points.length).toBeLessThanOrEqual(MAX_MONTHS);
          for (const [i, p] of series.points.entries()) {
            expect(p.month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
            expect(p.date.startsWith(p.month)).toBe(true);
            if (i > 0) expect(monthIndex(p.month)).toBe(monthIndex(series.points[i - 1]!.month) + 1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("stays bounded and quick for dates stored before the range existed (a deadline or evaluation on 9999-12-31)", () => {
    const started = performance.now();
    for (const options of [
      { today: "2026-11-23", evaluationDate: null },
      { today: "2026-11-23", evaluationDate: "9999-12-31" },
      { today: "2026-11-23", evaluationDate: "0000-01-01" },
    ]) {
      const series = progressOverTime([a("9999-12-31"), a("2027-01-31", "DONE", "2026-10-01")], options);
      expect(series.points.length).toBeLessThanOrEqual(MAX_MONTHS);
      for (const p of series.points) {
        expect(p.month >= MIN_DATE.slice(0, 7) && p.month <= MAX_DATE.slice(0, 7)).toBe(true);
        expect(isAcceptedDate(p.date)).toBe(true);
      }
    }
    expect(performance.now() - started).toBeLessThan(200);
  });
});
