import { describe, expect, it } from "vitest";
import { stockholmDate } from "~/domain/dates.ts";
import { listReports } from "~/models/follow-up-report.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { seedDemoPlan } from "../../prisma/seed/demo-plan.ts";
import { seedDemoReport } from "../../prisma/seed/demo-report.ts";
import { createTenant, PASSWORD } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { overviewPage } from "~/workflows/overview-page.server.ts";

/** The quick start's demo: the plan, the readiness settings and a report with something to compare. */
describe("the demo data", () => {
  it("gives a plan in every status, an evaluation date and target, and a report from four weeks ago that the current one differs from", async () => {
    const tenant = await createTenant("demo");
    const now = new Date();
    await seedDemoPlan(tenant.municipality, { coordinatorId: tenant.coordinator.id, ownerIds: [tenant.owner.id, tenant.coordinator.id] }, now);
    await seedDemoReport(tenant.municipality.id, tenant.coordinator.id, now);

    const statuses = await getDb().action.groupBy({ by: ["status"], where: { municipalityId: tenant.municipality.id }, _count: true });
    expect(statuses.map((s) => s.status).sort()).toEqual(["CANCELLED", "DONE", "IN_PROGRESS", "NOT_STARTED"]);
    const done = await getDb().action.findMany({ where: { municipalityId: tenant.municipality.id, status: "DONE" } });
    // Completion dates spread before the report, except the two finished since it.
    const reportDay = new Date(now.getTime() - 28 * 86_400_000);
    expect(done.every((a) => a.completedAt !== null)).toBe(true);
    expect(done.filter((a) => a.completedAt! < reportDay)).toHaveLength(done.length - 2);

    // Issue #14, item 5: committees own most actions, some with a council decision.
    const committees = await getDb().committee.findMany({ where: { municipalityId: tenant.municipality.id }, include: { _count: { select: { actions: true } } } });
    expect(committees.map((c) => c.name)).toEqual(expect.arrayContaining(["Kommunstyrelsen", "Socialnämnden"]));
    expect(committees.filter((c) => c._count.actions > 0).length).toBeGreaterThanOrEqual(3);
    expect(await getDb().action.count({ where: { municipalityId: tenant.municipality.id, committeeId: null } })).toBeGreaterThan(0);
    expect(await getDb().action.count({ where: { municipalityId: tenant.municipality.id, decisionReference: { startsWith: "KS " } } })).toBeGreaterThan(0);

    const reports = await listReports(tenant.municipality.id);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.asOf.toISOString().slice(0, 10)).toBe(stockholmDate(reportDay));
    // Issue #14, item 4 (ADR 0042): status texts on open actions, dated in the past, and a cover text.
    const notes = await getDb().actionStatusNote.findMany({ where: { municipalityId: tenant.municipality.id }, include: { action: true } });
    expect(new Set(notes.map((n) => n.actionId)).size).toBeGreaterThanOrEqual(3);
    expect(notes.every((n) => n.createdAt < now && n.action.status !== "DONE")).toBe(true);
    expect(notes.some((n) => n.createdAt < reportDay)).toBe(true);
    expect(reports[0]!.coverText.length).toBeGreaterThan(0);
    const saved = await getDb().followUpReport.findUniqueOrThrow({ where: { id: reports[0]!.id } });
    const rows = (saved.snapshot as { actions: Array<{ latestStatus?: { text: string } | null }> }).actions;
    expect(rows.filter((a) => a.latestStatus).length).toBeGreaterThanOrEqual(3);

    const http = new HttpClient();
    await http.signIn(tenant.viewer.email, PASSWORD);
    const current = (await (await http.get(`/k/${tenant.municipality.slug}/rapporter/aktuell`)).text()).replace(/<!-- -->/g, "");
    expect(current).toContain("Blivit klara (2)");
    expect(current).toContain("Målet är 650 poäng.");
    const savedPage = (await (await http.get(`/k/${tenant.municipality.slug}/rapporter/${reports[0]!.id}`)).text()).replace(/<!-- -->/g, "");
    expect(savedPage).toContain("Sammanfattning till nämnden");
    expect(savedPage).toContain("Några åtgärder är försenade");
    expect(savedPage).toContain("Lägesbeskrivning");

    // Översikt, the status page, has something in every part (issue #14, item 1).
    const overview = await overviewPage(tenant.municipality.id, now);
    const sum = (key: "done" | "inProgress" | "late" | "withoutOwner") => overview.areas!.reduce((s, a) => s + a.counts[key], 0);
    expect(overview.figures!.target).toBe(650);
    expect(overview.figures!.nextEvaluationDate).not.toBeNull();
    expect(sum("done")).toBeGreaterThan(0);
    expect(sum("inProgress")).toBeGreaterThan(0);
    expect(sum("late")).toBeGreaterThan(0);
    expect(sum("withoutOwner")).toBeGreaterThan(0);
    expect(overview.dueSoon!.length).toBeGreaterThan(0);
    expect(overview.itemsWithoutAction!.length).toBeGreaterThan(0);
    expect(overview.latestReport).not.toBeNull();
    const start = (await (await http.get(`/k/${tenant.municipality.slug}`)).text()).replace(/<!-- -->/g, "");
    expect(start).toContain(`href="/k/${tenant.municipality.slug}/atgarder/${overview.dueSoon![0]!.id}"`);
  });
});
