import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffFields } from "~/domain/actions/changes.ts";
import { daysBetween, stockholmDate } from "~/domain/dates.ts";
import { checkEffect, effectCap } from "~/domain/actions/effects.ts";
import { exportRows } from "~/domain/actions/export-rows.ts";
import { countPlan, filterPlan, parseFilters } from "~/domain/actions/plan-view.ts";
import { checkStatusChange, compareForOwner, daysLate, isLate, STATUSES, type ActionStatus } from "~/domain/actions/status.ts";
import { suggestQuestions, type QuestionCandidate } from "~/domain/actions/suggest.ts";
import { catalog } from "../helpers/catalog.ts";

const at = (iso: string) => new Date(iso);

describe("late is derived from the deadline in Stockholm", () => {
  it("is not late on the deadline day, late the day after", () => {
    const action = { status: "IN_PROGRESS" as const, deadline: "2026-11-30" };
    expect(isLate(action, at("2026-11-30T22:59:00Z"))).toBe(false); // 23:59 in Stockholm
    expect(isLate(action, at("2026-11-30T23:00:00Z"))).toBe(true); // 00:00 on 1 Dec
    expect(daysLate(action, at("2026-12-10T12:00:00Z"))).toBe(10);
  });

  it("follows summer time", () => {
    const action = { status: "NOT_STARTED" as const, deadline: "2026-06-30" };
    expect(isLate(action, at("2026-06-30T21:59:00Z"))).toBe(false);
    expect(isLate(action, at("2026-06-30T22:00:00Z"))).toBe(true);
  });

  it("is never late once done or cancelled", () => {
    for (const status of ["DONE", "CANCELLED"] as const) {
      expect(daysLate({ status, deadline: "2020-01-01" }, at("2026-01-01T12:00:00Z"))).toBe(0);
    }
  });

  it("counts whole days across a year end", () => {
    expect(daysBetween("2026-12-31", "2027-01-02")).toBe(2);
    expect(stockholmDate(at("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("gives the Stockholm date of each instant asked, the same instant twice or one after another (the last answer is kept)", () => {
    const instants = ["2026-06-01T21:59:59Z", "2026-06-01T21:59:59Z", "2026-06-01T22:00:00Z", "2026-06-01T21:59:59Z"];
    expect(instants.map((i) => stockholmDate(at(i)))).toEqual(["2026-06-01", "2026-06-01", "2026-06-02", "2026-06-01"]);
  });

  it("sorts Mina åtgärder: late first (most late first), then by deadline, closed last", () => {
    const now = at("2026-11-23T12:00:00Z");
    const actions = [
      { title: "framtida", status: "NOT_STARTED" as ActionStatus, deadline: "2027-03-01" },
      { title: "klar", status: "DONE" as ActionStatus, deadline: "2026-01-01" },
      { title: "lite sen", status: "IN_PROGRESS" as ActionStatus, deadline: "2026-11-20" },
      { title: "mycket sen", status: "NOT_STARTED" as ActionStatus, deadline: "2026-09-01" },
      { title: "snart", status: "IN_PROGRESS" as ActionStatus, deadline: "2026-12-01" },
    ];
    expect(actions.sort(compareForOwner(now)).map((a) => a.title)).toEqual(["mycket sen", "lite sen", "snart", "framtida", "klar"]);
  });
});

describe("status changes", () => {
  it("requires a note or evidence before done, and a reason to cancel", () => {
    expect(checkStatusChange("IN_PROGRESS", "DONE", { notesAndEvidence: 0, reason: null })).toBe("evidence-required");
    expect(checkStatusChange("IN_PROGRESS", "DONE", { notesAndEvidence: 1, reason: null })).toBeNull();
    expect(checkStatusChange("NOT_STARTED", "CANCELLED", { notesAndEvidence: 3, reason: "  " })).toBe("reason-required");
    expect(checkStatusChange("NOT_STARTED", "CANCELLED", { notesAndEvidence: 0, reason: "Ersatt" })).toBeNull();
    expect(checkStatusChange("DONE", "DONE", { notesAndEvidence: 1, reason: null })).toBe("unchanged");
  });

  it("allows reopening", () => {
    expect(checkStatusChange("DONE", "IN_PROGRESS", { notesAndEvidence: 1, reason: null })).toBeNull();
  });
});

describe("expected effects are capped at max minus current points", () => {
  it("caps exactly, with halves", () => {
    expect(effectCap(20, 17)).toBe(3);
    expect(effectCap(10, 4.5)).toBe(5.5);
    expect(effectCap(10, null)).toBe(10);
    expect(checkEffect(5.5, 10, 4.5)).toBeNull();
    expect(checkEffect(5.51, 10, 4.5)).toBe("above-cap");
    expect(checkEffect(-1, 10, 0)).toBe("negative");
    expect(checkEffect(Number.NaN, 10, 0)).toBe("not-a-number");
  });

  it("never accepts more than what is open", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 100 }), (max, current2, effect2) => {
        const current = Math.min(max, current2 / 2);
        const effect = effect2 / 2;
        const ok = checkEffect(effect, max, current) === null;
        expect(ok).toBe(effect <= max - current);
      }),
    );
  });
});

describe("suggesting sub-questions", () => {
  const version = catalog.find((v) => v.key === "2010")!;
  const questions: QuestionCandidate[] = version.areas.flatMap((a) =>
    a.questions.map((q) => ({ code: q.code, text: q.text, area: a.number, maxPoints: q.maxPoints, currentPoints: q.maxPoints / 2 })),
  );

  it("ranks the item's own area first, by shared wording", () => {
    const [first] = suggestQuestions({ text: "Kanaler för att upptäcka oegentligheter och korruption", area: 1 }, questions);
    expect(first!.code).toBe("1.5"); // Etik - hur hantera korruption?
    const ledarskap = suggestQuestions({ text: "Ledarutvecklingsprogram för befintliga och blivande chefer", area: 4 }, questions);
    expect(ledarskap[0]!.code).toBe("4.6"); // Hur bedrivs kommunens ledarutveckling?
    expect(ledarskap.every((s) => s.area === 4 || s.score > 0.3)).toBe(true);
  });

  it("prefers the question with more points still open when wording ties", () => {
    const tie = [
      { code: "9.1", text: "Samma fråga", area: 9, maxPoints: 10, currentPoints: 9 },
      { code: "9.2", text: "Samma fråga", area: 9, maxPoints: 10, currentPoints: 2 },
    ];
    expect(suggestQuestions({ text: "Något helt annat", area: 9 }, tie).map((s) => s.code)).toEqual(["9.2", "9.1"]);
  });

  it("leaves out the sub-questions already at full marks: nothing to lift there", () => {
    const full = [
      { code: "9.1", text: "Samma fråga", area: 9, maxPoints: 10, currentPoints: 10 },
      { code: "9.2", text: "Samma fråga", area: 9, maxPoints: 10, currentPoints: 2 },
      { code: "9.3", text: "Samma fråga", area: 9, maxPoints: 10, currentPoints: null },
    ];
    expect(suggestQuestions({ text: "Samma fråga", area: 9 }, full).map((s) => s.code)).toEqual(["9.3", "9.2"]);
  });
});

describe("the plan view", () => {
  const now = at("2026-11-23T12:00:00Z");
  const plan = {
    areas: [
      {
        number: 1,
        name: "Offentlighet och demokrati",
        items: [
          { id: "a", text: "Utan åtgärd", actions: [] },
          {
            id: "b",
            text: "Med åtgärder",
            actions: [
              { title: "Sen", status: "IN_PROGRESS" as ActionStatus, deadline: "2026-10-01", ownerId: "u1", ownerName: "Ulla", priority: "HIGH" as const, deadlineChangeCount: 1, effects: [{ code: "1.5", expectedEffect: 2.5 }] },
              { title: "Klar", status: "DONE" as ActionStatus, deadline: "2026-10-01", ownerId: "u2", ownerName: null, priority: "LOW" as const, deadlineChangeCount: 0, effects: [] },
            ],
          },
        ],
      },
      { number: 2, name: "Tillgänglighet", items: [{ id: "c", text: "Också utan", actions: [] }] },
    ],
  };

  it("counts actions, statuses, late and items without action", () => {
    const counts = countPlan(plan, now);
    expect(counts).toMatchObject({ items: 3, actions: 2, late: 1, itemsWithoutAction: 2 });
    expect(counts.byStatus).toEqual({ NOT_STARTED: 0, IN_PROGRESS: 1, DONE: 1, CANCELLED: 0 });
  });

  it("filters by status, owner, area, lateness and missing action", () => {
    const f = (q: string) => filterPlan(plan, parseFilters(new URLSearchParams(q)), now);
    const titles = (p: typeof plan) => p.areas.flatMap((a) => a.items.flatMap((i) => i.actions.map((x) => x.title)));
    expect(titles(f("status=DONE"))).toEqual(["Klar"]);
    expect(titles(f("ansvarig=u1"))).toEqual(["Sen"]);
    expect(titles(f("sena=1"))).toEqual(["Sen"]);
    expect(f("utan=1").areas.flatMap((a) => a.items.map((i) => i.text))).toEqual(["Utan åtgärd", "Också utan"]);
    expect(f("omrade=2").areas.map((a) => a.number)).toEqual([2]);
    expect(f("").areas.flatMap((a) => a.items)).toHaveLength(3);
    expect(parseFilters(new URLSearchParams("status=NONSENSE&omrade=12")).status).toBeNull();
  });

  it("exports one row per action with Swedish-formatted effects and lateness", () => {
    const rows = exportRows(plan, now);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ area: "1. Offentlighet och demokrati", item: "Med åtgärder", title: "Sen", daysLate: 53, questions: "1.5 (+2,5)", deadlineChanges: 1 });
  });

  it("every status has a place", () => {
    expect(STATUSES).toHaveLength(4);
  });
});

describe("audit differences", () => {
  it("lists only changed fields, lists compared as sets", () => {
    expect(
      diffFields({ title: "A", owner: null, effects: ["1.1: +2", "1.2: +1"] }, { title: "B", owner: "Ulla", effects: ["1.2: +1", "1.1: +2"] }),
    ).toEqual([
      { field: "title", oldValue: "A", newValue: "B" },
      { field: "owner", oldValue: null, newValue: "Ulla" },
    ]);
  });
});
