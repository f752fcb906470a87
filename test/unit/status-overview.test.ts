import { describe, expect, it } from "vitest";
import { filterPlan, parseFilters } from "~/domain/actions/plan-view.ts";
import type { ActionStatus } from "~/domain/actions/status.ts";
import { areaStatuses, countActions, dueWithin, gapShares, isLateOn, lightFor, type StatusAction } from "~/domain/status-overview.ts";
import { planFilterQuery } from "~/paths.ts";

const today = "2026-12-07";
let n = 0;
const action = (over: Partial<StatusAction> = {}): StatusAction => ({
  id: `a${++n}`,
  title: `Åtgärd ${n}`,
  area: 1,
  status: "IN_PROGRESS",
  deadline: "2027-03-01",
  owner: "Anna",
  ...over,
});

describe("the status page's counts", () => {
  it("counts nothing when there are no actions", () => {
    expect(countActions([], today)).toEqual({ actions: 0, done: 0, inProgress: 0, late: 0, withoutOwner: 0 });
  });

  it("counts every action done when all are done, none late or without owner even past the deadline and without owner", () => {
    const all = [action({ status: "DONE", deadline: "2026-01-01" }), action({ status: "DONE", owner: null })];
    expect(countActions(all, today)).toEqual({ actions: 2, done: 2, inProgress: 0, late: 0, withoutOwner: 0 });
  });

  it("leaves cancelled actions out of every count", () => {
    const cancelled = action({ status: "CANCELLED", deadline: "2026-01-01", owner: null });
    expect(countActions([cancelled], today)).toEqual({ actions: 0, done: 0, inProgress: 0, late: 0, withoutOwner: 0 });
  });

  it("counts as late an open action whose deadline has passed, not one due today, and not a done one", () => {
    expect(isLateOn({ status: "NOT_STARTED", deadline: "2026-12-06" }, today)).toBe(true);
    expect(isLateOn({ status: "IN_PROGRESS", deadline: "2026-12-06" }, today)).toBe(true);
    expect(isLateOn({ status: "IN_PROGRESS", deadline: today }, today)).toBe(false);
    expect(isLateOn({ status: "DONE", deadline: "2026-01-01" }, today)).toBe(false);
    expect(isLateOn({ status: "CANCELLED", deadline: "2026-01-01" }, today)).toBe(false);
    const counts = countActions(
      [action({ status: "NOT_STARTED", deadline: "2026-12-01" }), action({ deadline: "2026-11-01", owner: null }), action({ deadline: "2027-01-01" })],
      today,
    );
    expect(counts).toEqual({ actions: 3, done: 0, inProgress: 2, late: 2, withoutOwner: 1 });
  });

  it("counts what the plan's filters show, so that a count's link lands on that many actions", () => {
    const statuses: ActionStatus[] = ["NOT_STARTED", "IN_PROGRESS", "DONE", "CANCELLED"];
    const actions = statuses.flatMap((status, i) =>
      ["2026-10-01", "2026-12-07", "2027-02-01"].flatMap((deadline, j) =>
        [null, "Bo"].map((owner, k) => action({ status, deadline, owner, area: ((i + j + k) % 3) + 1 })),
      ),
    );
    const plan = {
      areas: [1, 2, 3].map((number) => ({
        number,
        items: [{ id: `i${number}`, text: "Punkt", actions: actions.filter((a) => a.area === number).map((a) => ({ ...a, ownerId: a.owner })) }],
      })),
    };
    const shown = (query: string) => filterPlan(plan, parseFilters(new URLSearchParams(query)), new Date(`${today}T12:00:00+01:00`)).areas.flatMap((a) => a.items.flatMap((i) => i.actions)).length;
    for (const area of [1, 2, 3]) {
      const counts = countActions(actions.filter((a) => a.area === area), today);
      expect(shown(planFilterQuery({ area, status: "DONE" }))).toBe(counts.done);
      expect(shown(planFilterQuery({ area, status: "IN_PROGRESS" }))).toBe(counts.inProgress);
      expect(shown(planFilterQuery({ area, late: true }))).toBe(counts.late);
      expect(shown(planFilterQuery({ area, withoutOwner: true }))).toBe(counts.withoutOwner);
    }
  });
});

describe("the traffic light rule", () => {
  it("is green with nothing late, every open action owned and no target", () => {
    expect(lightFor({ late: 0, withoutOwner: 0, likelyGain: 0, share: null })).toEqual({ light: "green", reasons: [] });
  });

  it("is red when an action is late, whatever else holds", () => {
    expect(lightFor({ late: 1, withoutOwner: 0, likelyGain: 10, share: 2 }).light).toBe("red");
    expect(lightFor({ late: 2, withoutOwner: 3, likelyGain: 0, share: null })).toEqual({
      light: "red",
      reasons: [
        { kind: "late", count: 2 },
        { kind: "withoutOwner", count: 3 },
      ],
    });
  });

  it("is yellow when an open action has no owner", () => {
    expect(lightFor({ late: 0, withoutOwner: 1, likelyGain: 0, share: null })).toEqual({ light: "yellow", reasons: [{ kind: "withoutOwner", count: 1 }] });
  });

  it("weighs the likely gain against the area's share of the gap to the target: under half red, under the share yellow", () => {
    expect(lightFor({ late: 0, withoutOwner: 0, likelyGain: 4.99, share: 10 })).toEqual({
      light: "red",
      reasons: [{ kind: "gainShort", severity: "red", likelyGain: 4.99, share: 10 }],
    });
    expect(lightFor({ late: 0, withoutOwner: 0, likelyGain: 5, share: 10 }).light).toBe("yellow");
    expect(lightFor({ late: 0, withoutOwner: 0, likelyGain: 9.99, share: 10 }).light).toBe("yellow");
    expect(lightFor({ late: 0, withoutOwner: 0, likelyGain: 10, share: 10 }).light).toBe("green");
    // Target reached or nothing open: the gain does not count.
    expect(lightFor({ late: 0, withoutOwner: 0, likelyGain: 0, share: 0 }).light).toBe("green");
  });

  it("spreads the gap to the target over the areas by their open points; none without a target; nothing once it is reached", () => {
    const areas = [
      { number: 1, current: 70, likely: 70, maxPoints: 100 },
      { number: 2, current: 90, likely: 90, maxPoints: 100 },
    ];
    expect([...gapShares(areas, 180)]).toEqual([
      [1, 15],
      [2, 5],
    ]);
    expect([...gapShares(areas, null)]).toEqual([
      [1, null],
      [2, null],
    ]);
    expect([...gapShares(areas, 150)]).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect([...gapShares([{ number: 1, current: 100, likely: 100, maxPoints: 100 }], 120)]).toEqual([[1, 0]]);
  });

  it("gives each area its counts and light, areas without actions included", () => {
    const areas = [
      { number: 2, current: 50, likely: 62, maxPoints: 100 },
      { number: 1, current: 50, likely: 51, maxPoints: 100 },
      { number: 3, current: 100, likely: 100, maxPoints: 100 },
    ];
    const actions = [action({ area: 1, owner: null }), action({ area: 2, status: "DONE" })];
    const result = areaStatuses(areas, actions, 220, today);
    expect(result.map((a) => [a.number, a.light, a.share])).toEqual([
      [1, "red", 10],
      [2, "green", 10],
      [3, "green", 0],
    ]);
    expect(result[0]!.counts).toEqual({ actions: 1, done: 0, inProgress: 1, late: 0, withoutOwner: 1 });
    expect(result[2]!.counts.actions).toBe(0);
  });
});

describe("what is due soon", () => {
  it("lists open actions due from today up to 30 days ahead, soonest first, not late, done or cancelled ones", () => {
    const due = [
      action({ title: "I dag", deadline: today }),
      action({ title: "Om 30 dagar", deadline: "2027-01-06", status: "NOT_STARTED" }),
      action({ title: "Om 31 dagar", deadline: "2027-01-07" }),
      action({ title: "I går", deadline: "2026-12-06" }),
      action({ title: "Klar", deadline: "2026-12-10", status: "DONE" }),
      action({ title: "Avbruten", deadline: "2026-12-10", status: "CANCELLED" }),
      action({ title: "Om en vecka", deadline: "2026-12-14" }),
    ];
    expect(dueWithin(due, today).map((a) => a.title)).toEqual(["I dag", "Om en vecka", "Om 30 dagar"]);
    expect(dueWithin([], today)).toEqual([]);
  });
});
