import { describe, expect, it } from "vitest";
import { buildReport, compareReports, hasChanges, lateActions, reportForPage, type ReportInput } from "~/domain/follow-up-report.ts";
import { project, type ProjectionAction, type ProjectionQuestion } from "~/domain/projection.ts";
import { summaryParagraphs } from "~/utils/report-text.ts";

const questions: ProjectionQuestion[] = [
  { code: "1.1", text: "A", area: 1, maxPoints: 10, current: 4 },
  { code: "2.1", text: "B", area: 2, maxPoints: 10, current: 8 },
];

interface Plan {
  id: string;
  status: ProjectionAction["status"];
  deadline: string;
  effect: number;
  code: string;
  evidence?: boolean;
  completedAt?: string;
  owner?: string | null;
}

function input(plan: Plan[], today: string, evaluationDate = "2027-09-30"): ReportInput {
  const actions: ProjectionAction[] = plan.map((p) => ({
    id: p.id,
    title: `Åtgärd ${p.id}`,
    status: p.status,
    deadline: p.deadline,
    hasEvidence: p.evidence ?? false,
    effects: [{ code: p.code, expectedEffect: p.effect }],
  }));
  return {
    municipality: "Testby kommun",
    evaluation: { year: 2024, version: "Kommunkompassen 2019" },
    previousEvaluation: { year: 2020, areas: [{ number: 1, points: 3 }, { number: 2, points: 7 }] },
    nextEvaluationDate: evaluationDate,
    targetTotal: 15,
    areaNames: new Map([
      [1, "Offentlighet"],
      [2, "Tillgänglighet"],
    ]),
    projection: project(questions, actions, { today, evaluationDate }),
    actions: plan.map((p) => ({
      id: p.id,
      title: `Åtgärd ${p.id}`,
      area: Number(p.code.split(".")[0]),
      item: "Förbättringsområde",
      owner: p.owner === undefined ? "Anna" : p.owner,
      status: p.status,
      deadline: p.deadline,
      completedAt: p.completedAt ?? null,
    })),
    itemsWithoutAction: 3,
  };
}

const plan: Plan[] = [
  { id: "a", status: "DONE", deadline: "2026-10-01", effect: 2, code: "1.1", evidence: true, completedAt: "2026-09-28" },
  { id: "b", status: "IN_PROGRESS", deadline: "2026-11-01", effect: 2, code: "1.1" },
  { id: "c", status: "NOT_STARTED", deadline: "2027-03-01", effect: 1, code: "2.1", owner: null },
  { id: "d", status: "CANCELLED", deadline: "2027-01-01", effect: 1, code: "2.1" },
];

describe("the follow-up report", () => {
  it("freezes the projection, the counts per area and the late actions with their owners", () => {
    const report = buildReport(input(plan, "2026-11-23"), "2026-11-23");
    expect(report.asOf).toBe("2026-11-23");
    expect(report.total).toMatchObject({ current: 12, secured: 14, potential: 17 });
    expect(report.areas.map((a) => [a.number, a.name, a.actions, a.done, a.late])).toEqual([
      [1, "Offentlighet", 2, 1, 1],
      [2, "Tillgänglighet", 1, 0, 0],
    ]);
    expect(report.counts).toEqual({ actions: 4, late: 1, itemsWithoutAction: 3, byStatus: { NOT_STARTED: 1, IN_PROGRESS: 1, DONE: 1, CANCELLED: 1 } });
    expect(lateActions(report).map((a) => [a.id, a.owner, a.daysLate])).toEqual([["b", "Anna", 22]]);
    expect(report.progress.total).toBe(3);
    // Likely: b is late (20 % of 2 on 1.1), c starts within 98 days (50 % of 1 on 2.1): 14 + 0.4 + 0.5.
    expect(summaryParagraphs(report)).toEqual([
      "Handlingsplanen har 4 åtgärder (klara: 1, pågående: 1, ej påbörjade: 1, avbrutna: 1). 1 åtgärd är försenad. 3 förbättringsområden saknar åtgärd.",
      "Senaste utvärderingen gav 12 av 800 poäng. Säkrat inför nästa: 14. Troligt: 14,9. Möjligt om allt blir klart i tid: 17. Nästa utvärdering är planerad till 30 september 2027.",
      "Målet är 15 poäng. Troligt utfall är 14,9 poäng, 0,1 poäng under målet.",
      "Bygger på utvärderingen 2024 (Kommunkompassen 2019).",
    ]);
  });

  it("survives being stored as JSON unchanged", () => {
    const report = buildReport(input(plan, "2026-11-23"), "2026-11-23");
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("says what changed since the previous report", () => {
    const before = buildReport(input(plan, "2026-10-20"), "2026-10-20");
    const later: Plan[] = [
      plan[0]!,
      { ...plan[1]!, status: "DONE", evidence: true, completedAt: "2026-11-10" },
      { ...plan[2]!, deadline: "2027-05-01" },
      { ...plan[3]! },
      { id: "e", status: "NOT_STARTED", deadline: "2026-11-15", effect: 1, code: "2.1" },
    ];
    const after = buildReport(input(later, "2026-11-23"), "2026-11-23");
    const changes = compareReports(before, after);
    expect(changes.previousAsOf).toBe("2026-10-20");
    expect(changes.sameEvaluation).toBe(true);
    expect(changes.completed.map((a) => a.id)).toEqual(["b"]);
    expect(changes.added.map((a) => a.id)).toEqual(["e"]);
    expect(changes.newlyLate.map((a) => a.id)).toEqual(["e"]);
    expect(changes.deadlineMoved.map((m) => [m.action.id, m.from, m.action.deadline])).toEqual([["c", "2027-03-01", "2027-05-01"]]);
    expect(changes.cancelled).toEqual([]);
    expect(changes.removed).toEqual([]);
    // b done with evidence: +2 secured in area 1.
    expect(changes.areas.find((a) => a.number === 1)).toMatchObject({ secured: 2 });
    expect(changes.total.secured).toBe(2);
    expect(hasChanges(changes)).toBe(true);
  });

  it("sends the page each action without what only the downloads print, and the same lists, figures and order", () => {
    const before = buildReport(input(plan, "2026-10-20"), "2026-10-20");
    const after = buildReport(input([...plan, { id: "e", status: "NOT_STARTED", deadline: "2026-11-15", effect: 1, code: "2.1" }], "2026-11-23"), "2026-11-23");
    const changes = compareReports(before, after);
    const page = reportForPage(after, changes);
    const keys = new Set(page.snapshot.actions.flatMap((a) => Object.keys(a)));
    for (const left of ["item", "completedAt", "committeeId", "decisionReference"]) expect(keys.has(left)).toBe(false);
    // The page lists the late actions and those with a status text (ADR 0049), in the snapshot's order.
    const listed = after.actions.filter((a) => a.daysLate > 0 || (a.latestStatus ?? null) !== null);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(after.actions.length);
    expect(page.snapshot.actions).toEqual(listed.map(({ id, title, area, owner, status, deadline, daysLate, hasEvidence }) => ({ id, title, area, owner, status, deadline, daysLate, hasEvidence })));
    expect({ ...page.snapshot, actions: null }).toEqual({ ...after, actions: null });
    expect(lateActions(page.snapshot).map((a) => a.id)).toEqual(lateActions(after).map((a) => a.id));
    expect(page.lateTotal).toBe(lateActions(after).length);
    // With a limit, the most late ones only; the count stays all of them.
    const limited = reportForPage(after, changes, 1);
    expect(lateActions(limited.snapshot).map((a) => a.id)).toEqual(lateActions(after).slice(0, 1).map((a) => a.id));
    expect(limited.lateTotal).toBe(lateActions(after).length);
    expect(page.changes!.added.map((a) => a.id)).toEqual(["e"]);
    expect(page.changes!.added[0]).not.toHaveProperty("item");
    expect(reportForPage(after, null).changes).toBeNull();
  });

  it("reports no change between identical reports, and flags a report made from another evaluation", () => {
    const report = buildReport(input(plan, "2026-11-23"), "2026-11-23");
    expect(hasChanges(compareReports(report, report))).toBe(false);
    const older = { ...report, evaluation: { year: 2020, version: "Kommunkompassen 2010" } };
    expect(compareReports(older, report).sameEvaluation).toBe(false);
  });
});
