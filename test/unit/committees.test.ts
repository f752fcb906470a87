import { describe, expect, it } from "vitest";
import { filterPlan, parseFilters } from "~/domain/actions/plan-view.ts";
import { changesWithin, committeeNameKey, filterReport, groupByCommittee, parseCommitteeFilter, reportFilterFor } from "~/domain/committees.ts";
import type { ReportAction, ReportSnapshot } from "~/domain/follow-up-report.ts";

/** Issue #14, item 5: the committee filter, the grouping and the narrowed report. Pure. */

const KS = "11111111-1111-4111-8111-111111111111";
const SN = "22222222-2222-4222-8222-222222222222";

describe("the committee filter read from an address", () => {
  it("reads an id, 'ingen', and nothing else", () => {
    expect(parseCommitteeFilter(new URLSearchParams(`namnd=${KS}`))).toBe(KS);
    expect(parseCommitteeFilter(new URLSearchParams(`namnd=${KS.toUpperCase()}`))).toBe(KS);
    expect(parseCommitteeFilter(new URLSearchParams("namnd=ingen"))).toBe("ingen");
    expect(parseCommitteeFilter(new URLSearchParams("namnd="))).toBeNull();
    expect(parseCommitteeFilter(new URLSearchParams("namnd=Kommunstyrelsen"))).toBeNull();
    expect(parseCommitteeFilter(new URLSearchParams("namnd=' OR 1=1"))).toBeNull();
    expect(parseCommitteeFilter(new URLSearchParams(""))).toBeNull();
    expect(parseFilters(new URLSearchParams(`status=DONE&namnd=${SN}`)).committee).toBe(SN);
  });

  it("keys names case- and space-insensitively", () => {
    expect(committeeNameKey("  Social   Nämnden ")).toBe(committeeNameKey("social nämnden"));
    expect(committeeNameKey("ÅSA-NÄMNDEN")).toBe("åsa-nämnden");
  });
});

const action = (id: string, title: string, committeeId: string | null, committeeName: string | null, deadline = "2027-01-01") => ({
  id,
  title,
  status: "NOT_STARTED" as const,
  deadline,
  ownerId: null,
  committeeId,
  committeeName,
});

const plan = {
  areas: [
    { number: 1, name: "Ett", items: [{ id: "i1", text: "Punkt 1", actions: [action("a1", "B-åtgärd", SN, "Socialnämnden"), action("a2", "Utan", null, null)] }] },
    { number: 2, name: "Två", items: [{ id: "i2", text: "Punkt 2", actions: [action("a3", "A-åtgärd", KS, "Kommunstyrelsen"), action("a4", "C-åtgärd", SN, "Socialnämnden", "2026-01-01")] }] },
  ],
};

describe("the plan by committee", () => {
  it("groups by committee name in Swedish order, with the actions without one last", () => {
    const groups = groupByCommittee(plan);
    expect(groups.map((g) => g.name)).toEqual(["Kommunstyrelsen", "Socialnämnden", null]);
    expect(groups[1]!.actions.map((a) => [a.id, a.area, a.item])).toEqual([
      ["a1", 1, "Punkt 1"],
      ["a4", 2, "Punkt 2"],
    ]);
    expect(groups[2]!.actions.map((a) => a.id)).toEqual(["a2"]);
  });

  it("filters by committee and by none, keeping only items with a matching action", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const f = (q: string) => filterPlan(plan, parseFilters(new URLSearchParams(q)), now);
    expect(f(`namnd=${KS}`).areas.flatMap((a) => a.items.flatMap((i) => i.actions.map((x) => x.id)))).toEqual(["a3"]);
    expect(f("namnd=ingen").areas.map((a) => a.number)).toEqual([1]);
    expect(f("namnd=ingen").areas[0]!.items[0]!.actions.map((x) => x.id)).toEqual(["a2"]);
    expect(groupByCommittee(f(`namnd=${SN}`)).map((g) => g.name)).toEqual(["Socialnämnden"]);
  });
});

const row = (id: string, committeeId: string | null | undefined, committee: string | null | undefined, extra: Partial<ReportAction> = {}): ReportAction => ({
  id,
  title: id,
  area: 1,
  item: "Punkt",
  owner: null,
  status: "IN_PROGRESS",
  deadline: "2026-03-01",
  completedAt: null,
  daysLate: 10,
  ...(committeeId === undefined ? {} : { committeeId, committee }),
  ...extra,
});

const snapshot = (actions: ReportAction[]): ReportSnapshot =>
  ({
    schema: 1,
    municipality: "Testby",
    asOf: "2026-03-11",
    evaluation: { year: 2024, version: "2010" },
    previousEvaluation: null,
    nextEvaluationDate: "2027-06-01",
    targetTotal: null,
    total: { current: 500, secured: 510, likely: 520, potential: 530, maxPoints: 800 },
    areas: [{ number: 1, name: "Ett", current: 50, secured: 51, likely: 52, potential: 53, maxPoints: 100, actions: actions.length, done: 0, late: actions.length }],
    counts: { actions: actions.length, late: actions.length, itemsWithoutAction: 3, byStatus: { NOT_STARTED: 0, IN_PROGRESS: actions.length, DONE: 0, CANCELLED: 0 } },
    actions,
    progress: { points: [], total: actions.length, dueAfterEvaluation: 0 },
  }) as ReportSnapshot;

describe("the report narrowed to one committee", () => {
  const report = snapshot([row("ks-1", KS, "Kommunstyrelsen"), row("sn-1", SN, "Socialnämnden"), row("none", null, null)]);

  it("keeps that committee's actions and recounts them; the points stay the municipality's", () => {
    const narrowed = filterReport(report, KS);
    expect(narrowed.actions.map((a) => a.id)).toEqual(["ks-1"]);
    expect(narrowed.counts).toMatchObject({ actions: 1, late: 1, itemsWithoutAction: 3 });
    expect(narrowed.areas[0]).toMatchObject({ actions: 1, late: 1, current: 50, likely: 52 });
    expect(narrowed.total).toEqual(report.total);
    expect(filterReport(report, "ingen").actions.map((a) => a.id)).toEqual(["none"]);
    expect(filterReport(report, null)).toBe(report);
  });

  it("ignores a committee the snapshot does not name, and reads old rows without the field as none", () => {
    expect(reportFilterFor(report, "33333333-3333-4333-8333-333333333333")).toEqual({ filter: null, name: null });
    expect(reportFilterFor(report, KS)).toEqual({ filter: KS, name: "Kommunstyrelsen" });
    const old = snapshot([row("old", undefined, undefined)]);
    expect(filterReport(old, "ingen").actions.map((a) => a.id)).toEqual(["old"]);
    expect(reportFilterFor(old, KS).filter).toBeNull();
  });

  it("says what changed among the committee's actions: a move between committees is neither new nor removed", () => {
    const before = snapshot([row("moved", SN, "Socialnämnden"), row("gone", KS, "Kommunstyrelsen"), row("other-gone", SN, "Socialnämnden")]);
    const now = snapshot([row("moved", KS, "Kommunstyrelsen"), row("fresh", KS, "Kommunstyrelsen")]);
    const changes = changesWithin(before, now, KS);
    expect(changes.added.map((a) => a.id)).toEqual(["fresh"]);
    expect(changes.removed.map((a) => a.id)).toEqual(["gone"]);
    expect(changesWithin(before, now, SN).removed.map((a) => a.id)).toEqual(["other-gone"]);
  });
});
