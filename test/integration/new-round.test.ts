import { describe, expect, it } from "vitest";
import { getPlan } from "~/models/action.server.ts";
import { setNextEvaluationDate } from "~/models/municipality.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createEvaluationClosingRound } from "~/workflows/new-round.server.ts";
import { outcomePage } from "~/workflows/outcome.server.ts";
import { readinessFor } from "~/workflows/readiness.server.ts";
import { remindersProcessor } from "../../jobs/processors/reminders.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { actionOn, fictionalRound, fictionalVersion, finish, pointsOf, start } from "../helpers/rounds.ts";

/** The reminder job's processor, run as the worker runs it (real PostgreSQL; mails are stored, not sent). */
const tick = (tenant: Tenant, at: string) =>
  remindersProcessor(async () => {})({ data: { at, municipalityId: tenant.municipality.id } } as never) as Promise<{ snapshots: number }>;

const snapshots = (tenant: Tenant) => getDb().projectionSnapshot.findMany({ where: { municipalityId: tenant.municipality.id } });

/** Five actions on the fictional 2024 round: two done, two in progress, one not started. */
async function planWithFiveActions(tenant: Tenant) {
  const deadline = "2027-03-01"; // due on the planned date: in progress is "in-progress", not "late"
  const done15 = await actionOn(tenant, 1, "1.5", 2, "Klar etikpolicy", deadline);
  const done41 = await actionOn(tenant, 4, "4.1", 1, "Klar uppföljning", deadline);
  const open11 = await actionOn(tenant, 1, "1.1", 2, "Pågående webbsatsning", deadline);
  const open21 = await actionOn(tenant, 2, "2.1", 1, "Pågående analys", deadline);
  const idle51 = await actionOn(tenant, 5, "5.1", 1, "Ej påbörjad enkät", deadline);
  await finish(tenant, done15.id);
  await finish(tenant, done41.id);
  await start(tenant, open11.id);
  await start(tenant, open21.id);
  return { done15, done41, open11, open21, idle51 };
}

describe("a new round closes the old one", () => {
  it("saves the projection once on the planned date, carries open actions and shows Utfall mot prognos", async () => {
    const tenant = await createTenant("utfall", await fictionalRound(2024));
    const other = await createTenant("annan", await fictionalRound(2024));
    await setNextEvaluationDate(tenant.municipality.id, "2027-03-01");
    const plan = await planWithFiveActions(tenant);

    // The day before: nothing. On the date: one snapshot, however often and however many run it.
    expect((await tick(tenant, "2027-02-28T08:00:00Z")).snapshots).toBe(0);
    expect(await snapshots(tenant)).toHaveLength(0);
    const runs = await Promise.all([1, 2, 3].map(() => tick(tenant, "2027-03-01T08:00:00Z")));
    expect(runs.reduce((s, r) => s + r.snapshots, 0)).toBe(1);
    expect((await tick(tenant, "2027-03-02T08:00:00Z")).snapshots).toBe(0);
    const [saved] = await snapshots(tenant);
    expect(saved).toMatchObject({ evaluationId: tenant.evaluationId, savedAtImport: false });
    expect(saved!.plannedDate.toISOString().slice(0, 10)).toBe("2027-03-01");
    const before15 = await pointsOf(tenant.evaluationId, "1.5");
    const q15 = (saved!.data as { questions: Array<{ code: string; current: number; secured: number }> }).questions.find((q) => q.code === "1.5")!;
    expect(q15).toMatchObject({ current: before15, secured: before15 + 2 });

    // The next round: 1.5 rose after its done action, 3.1 rose without any action, the rest stayed.
    const { evaluation: next, carried } = await createEvaluationClosingRound(
      tenant.municipality.id,
      await fictionalRound(2027, { "1.5": 2, "3.1": 1 }),
      tenant.coordinator.id,
      new Date("2027-05-02T08:00:00Z"),
    );
    expect(carried).toMatchObject({ carried: 3, withoutCounterpart: [] });
    expect(await snapshots(tenant)).toHaveLength(1); // the date's snapshot already closed the round

    // Open actions now belong to the new round with the same sub-question links; done ones stayed.
    const newPlan = await getPlan(tenant.municipality.id);
    expect(newPlan.evaluation!.id).toBe(next.id);
    const carriedTitles = newPlan.areas.flatMap((a) => a.items.flatMap((i) => i.actions.map((x) => x.title))).sort();
    expect(carriedTitles).toEqual(["Ej påbörjad enkät", "Pågående analys", "Pågående webbsatsning"]);
    const open11 = newPlan.areas.flatMap((a) => a.items.flatMap((i) => i.actions)).find((a) => a.id === plan.open11.id)!;
    expect(open11.effects).toEqual([{ code: "1.1", expectedEffect: 2 }]);
    expect(open11.status).toBe("IN_PROGRESS");
    const oldPlan = await getPlan(tenant.municipality.id, tenant.evaluationId);
    expect(oldPlan.areas.flatMap((a) => a.items.flatMap((i) => i.actions.map((x) => x.id))).sort()).toEqual([plan.done15.id, plan.done41.id].sort());
    const carriedItem = await getDb().improvementItem.findFirstOrThrow({ where: { actions: { some: { id: plan.open11.id } } } });
    expect(carriedItem.carriedFromId).not.toBeNull();
    expect(carriedItem.text).toBe("Fiktivt förbättringsområde 1.1 (2024)");
    // The readiness view of the new round counts the carried actions.
    const readiness = (await readinessFor(tenant.municipality.id, new Date("2027-05-02T08:00:00Z")))!;
    expect(readiness.evaluation.id).toBe(next.id);
    expect(readiness.actions.map((a) => a.id).sort()).toEqual([plan.open11.id, plan.open21.id, plan.idle51.id].sort());

    // Utfall mot prognos: the comparison with the saved projection.
    const page = await outcomePage(tenant.municipality.id);
    expect(page.state).toBe("compared");
    if (page.state !== "compared") return;
    expect(page.snapshot).toMatchObject({ plannedDate: "2027-03-01", savedAtImport: false });
    expect(page.outcome.doneRose.map((r) => r.code)).toEqual(["1.5"]);
    expect(page.outcome.roseWithoutAction.map((r) => r.code)).toEqual(["3.1"]);
    expect(page.outcome.doneNoRise.map((r) => r.code)).toEqual(["4.1"]);
    const inProgress = page.outcome.rules.find((r) => r.rule === "in-progress")!;
    expect(inProgress).toMatchObject({ count: 2, meanProjected: 1.05, meanActual: 0, difference: -1.05 });
    const doneEvidence = page.outcome.rules.find((r) => r.rule === "done-evidence")!;
    // Two done actions of 2 and 1 points: 1.5 rose by 2, 4.1 by 0.
    expect(doneEvidence).toMatchObject({ count: 2, meanProjected: 1.5, meanActual: 1 });

    // Viewers read the page; another municipality's members never see it.
    const viewer = new HttpClient();
    await viewer.signIn(tenant.viewer.email, PASSWORD);
    const res = await viewer.get(`/k/${tenant.municipality.slug}/utfall`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Utfall mot prognos");
    expect(html).toMatch(/1\.5[^<]*<\/th>/);
    expect(html).toContain("Ej påbörjad enkät");
    const stranger = new HttpClient();
    await stranger.signIn(other.coordinator.email, PASSWORD);
    expect([403, 404]).toContain((await stranger.get(`/k/${tenant.municipality.slug}/utfall`)).status);
  });

  it("saves the projection at the import when the date never came, and says so", async () => {
    const tenant = await createTenant("vidimport", await fictionalRound(2024));
    await actionOn(tenant, 1, "1.5", 2, "Öppen åtgärd");
    await createEvaluationClosingRound(tenant.municipality.id, await fictionalRound(2026), tenant.coordinator.id, new Date("2026-06-01T08:00:00Z"));
    const [saved] = await snapshots(tenant);
    expect(saved).toMatchObject({ evaluationId: tenant.evaluationId, savedAtImport: true });
    expect(saved!.plannedDate.toISOString().slice(0, 10)).toBe("2026-06-01");
    const viewer = new HttpClient();
    await viewer.signIn(tenant.viewer.email, PASSWORD);
    const html = await (await viewer.get(`/k/${tenant.municipality.slug}/utfall`)).text();
    expect(html).toContain("Prognosen sparades vid importen");
  });

  it("re-links carried actions through the correspondence when the version changed and lists those without counterpart", async () => {
    const tenant = await createTenant("versionsbyte", await fictionalRound(2018));
    const mapped = await actionOn(tenant, 1, "1.1", 4, "Följer med till ny version");
    const lost = await actionOn(tenant, 1, "1.5", 2, "Saknar motsvarighet");
    const key = await fictionalVersion();
    const db = getDb();
    const [old11, new11, new12] = await Promise.all([
      db.frameworkQuestion.findFirstOrThrow({ where: { code: "1.1", area: { version: { key: "2010" } } } }),
      db.frameworkQuestion.findFirstOrThrow({ where: { code: "1.1", area: { version: { key } } } }),
      db.frameworkQuestion.findFirstOrThrow({ where: { code: "1.2", area: { version: { key } } } }),
    ]);
    await db.questionCorrespondence.createMany({
      data: [
        { municipalityId: tenant.municipality.id, fromQuestionId: old11.id, toQuestionId: new11.id, share: 0.75 },
        { municipalityId: tenant.municipality.id, fromQuestionId: old11.id, toQuestionId: new12.id, share: 0.25 },
      ],
    });
    const { evaluation: next, carried } = await createEvaluationClosingRound(
      tenant.municipality.id,
      await fictionalRound(2022, { "1.1": 5 }, key),
      tenant.coordinator.id,
      new Date("2022-06-01T08:00:00Z"),
    );
    expect(carried!.carried).toBe(2);
    expect(carried!.withoutCounterpart).toEqual([{ actionId: lost.id, title: "Saknar motsvarighet", codes: ["1.5"] }]);
    const links = await db.actionQuestion.findMany({ where: { actionId: mapped.id }, include: { question: true } });
    expect(links.map((l) => [l.question.id, Number(l.expectedEffect)]).sort()).toEqual([[new11.id, 3], [new12.id, 1]].sort());
    // Nothing lost: the old links are kept with the carry-over.
    const record = await db.actionCarryOver.findFirstOrThrow({ where: { actionId: lost.id } });
    expect(record.previousLinks).toEqual([{ questionId: expect.any(String), code: "1.5", expectedEffect: 2 }]);
    expect(record.toEvaluationId).toBe(next.id);

    const page = await outcomePage(tenant.municipality.id);
    expect(page.state).toBe("compared");
    if (page.state !== "compared") return;
    expect(page.versionChanged).toBe(true);
    expect(page.outcome.withoutCounterpart).toContain("1.5");
    const row11 = page.outcome.rows.find((r) => r.code === "1.1")!;
    // before: 0.75 of the old 1.1; the new round gave 30 + 5.
    const old = await pointsOf(tenant.evaluationId, "1.1");
    expect(row11.before).toBe(Math.round(old * 0.75 * 100) / 100);
    expect(row11.actual).toBe(35);
    const viewer = new HttpClient();
    await viewer.signIn(tenant.viewer.email, PASSWORD);
    const html = (await (await viewer.get(`/k/${tenant.municipality.slug}/utfall`)).text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Saknar motsvarighet");
  });

  it("lets the coordinator choose weights fitted to the history (refused without it), and viewers cannot change it", async () => {
    const tenant = await createTenant("vikter", await fictionalRound(2024));
    const fresh = await createTenant("utanhistorik", await fictionalRound(2024));
    await setNextEvaluationDate(tenant.municipality.id, "2027-03-01");
    const plan = await planWithFiveActions(tenant);
    await tick(tenant, "2027-03-01T08:00:00Z");
    await createEvaluationClosingRound(tenant.municipality.id, await fictionalRound(2027, { "1.5": 2 }), tenant.coordinator.id, new Date("2027-05-02T08:00:00Z"));
    const page = `/k/${tenant.municipality.slug}/infor-utvardering`;

    const viewer = new HttpClient();
    await viewer.signIn(tenant.viewer.email, PASSWORD);
    expect((await viewer.post(page, { intent: "weights", weights: "own" })).status).toBe(403);
    const viewerHtml = (await (await viewer.get(page)).text()).replace(/<!-- -->/g, "");
    // The reason is there for everyone: one of the two done actions' questions rose by the computed 2 points, the other by 0.
    expect(viewerHtml).toContain("Era klara åtgärder följdes av 67 % av den beräknade höjningen (2 delfrågor).");
    expect(viewerHtml).not.toContain('name="weights"');

    const stranger = new HttpClient();
    await stranger.signIn(fresh.coordinator.email, PASSWORD);
    const refused = await stranger.post(`/k/${fresh.municipality.slug}/infor-utvardering`, { intent: "weights", weights: "own" });
    expect(refused.status).toBe(400);
    expect((await refused.text()).replace(/<!-- -->/g, "")).toContain("Egna vikter kräver minst en tidigare omgång");
    expect(await getDb().ownLikelihoodWeights.count({ where: { municipalityId: fresh.municipality.id } })).toBe(0);
    expect([403, 404]).toContain((await stranger.post(page, { intent: "weights", weights: "own" })).status);

    const coordinator = new HttpClient();
    await coordinator.signIn(tenant.coordinator.email, PASSWORD);
    expect((await coordinator.post(page, { intent: "weights", weights: "bogus" })).status).toBe(400);
    const chosen = await coordinator.post(page, { intent: "weights", weights: "own" });
    expect(chosen.status).toBe(200);
    expect(await chosen.text()).toContain("Valet av vikter är sparat.");

    // Two in-progress actions, neither done by the date: (0 + 3 × 0.7) / (2 + 3) = 0.42.
    const readiness = (await readinessFor(tenant.municipality.id, new Date("2027-02-15T08:00:00Z")))!;
    expect(readiness.weights.own).toBe(true);
    expect(readiness.weights.values["in-progress"]).toBeCloseTo(0.42, 10);
    const contribution = readiness.projection.questions.find((q) => q.code === "1.1")!.contributions.find((c) => c.actionId === plan.open11.id)!;
    expect(contribution).toMatchObject({ rule: "in-progress" });
    expect(contribution.weight).toBeCloseTo(0.42, 10);
    expect((await (await coordinator.get(page)).text()).replace(/<!-- -->/g, "")).toContain("Pågår i tid: 42 %");

    expect((await coordinator.post(page, { intent: "weights", weights: "default" })).status).toBe(200);
    expect((await readinessFor(tenant.municipality.id, new Date("2027-02-15T08:00:00Z")))!.weights.values["in-progress"]).toBe(0.7);
  });
});
