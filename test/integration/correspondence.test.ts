import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction, questionsForItem } from "~/models/action.server.ts";
import { correspondencesBetween } from "~/models/correspondence.server.ts";
import { createEvaluation } from "~/models/evaluation.server.ts";
import { setNextEvaluationDate } from "~/models/municipality.server.ts";
import { createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createFictionalVersion, fictionalEvaluation, removeFictionalVersion } from "../helpers/fictional-version.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";

/**
 * Issue #13, item 4: correspondences between the 2010 version and a FICTIONAL 2020-like version
 * (generated sub-questions, see test/helpers/fictional-version.ts), recorded by coordinators and
 * operators over HTTP, and used by the comparison and the readiness page.
 */

let fictional: Awaited<ReturnType<typeof createFictionalVersion>>;
let a: Tenant;
let b: Tenant;
const tenants: Tenant[] = [];
const code2010 = new Map<string, string>();

const page = (slug: string, query = "") => `/k/${slug}/motsvarigheter?fran=2010&till=${fictional.key}${query}`;
const operatorPage = () => `/drift/ramverk/motsvarigheter?fran=2010&till=${fictional.key}`;
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const signedIn = async (email: string) => {
  const client = new HttpClient();
  expect((await client.signIn(email, PASSWORD)).status).toBe(302);
  return client;
};
const form = (fromCode: string, counterparts: Array<[string, string]>) => ({
  fran: "2010",
  till: fictional.key,
  fromQuestionId: code2010.get(fromCode)!,
  ...Object.fromEntries(counterparts.flatMap(([to, share], i) => [[`to-${i}`, to ? fictional.questionId(to) : ""], [`share-${i}`, share]])),
});
const rowsOf = async (tenant: Tenant) => {
  const rows = await correspondencesBetween(tenant.municipality.id, (await version2010()).id, fictional.id);
  const codes = new Map((await getDb().frameworkQuestion.findMany({ select: { id: true, code: true } })).map((q) => [q.id, q.code]));
  return rows
    .map((r) => `${codes.get(r.fromQuestionId)}→${codes.get(r.toQuestionId)} ${r.share}${r.own ? " own" : " shared"}`)
    .sort();
};
const version2010 = () => getDb().frameworkVersion.findUniqueOrThrow({ where: { key: "2010" } });

beforeAll(async () => {
  a = await createTenant("motsv-a");
  b = await createTenant("motsv-b");
  tenants.push(a, b);
  fictional = await createFictionalVersion();
  const questions = await getDb().frameworkQuestion.findMany({ where: { area: { version: { key: "2010" } } }, select: { id: true, code: true } });
  for (const q of questions) code2010.set(q.code, q.id);
});

afterAll(async () => {
  // The fictional version must not outlive this file: later files expect the seeded catalog.
  await removeFictionalVersion(fictional.id, tenants.map((t) => t.municipality.id));
});

describe("recording correspondences", () => {
  it("lets the coordinator record them for the municipality; a bad share is refused next to its field and changes nothing", async () => {
    const coordinator = await signedIn(a.coordinator.email);
    const shown = await coordinator.get(page(a.municipality.slug, `&fraga=${code2010.get("1.5")}`));
    expect(shown.status).toBe(200);
    const html = await text(shown);
    expect(html).toContain("Motsvarigheter för 1.5 Etik - hur hantera korruption?");
    expect(html).toContain("Fiktiv delfråga 1.1");

    const bad = await coordinator.post(page(a.municipality.slug), form("1.5", [["1.1", "60"], ["1.2", "50"]]));
    expect(bad.status).toBe(400);
    const badHtml = await text(bad);
    expect(badHtml).toMatch(/id="field-share-1"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-share-1"/);
    expect(badHtml).toContain('id="field-share-1-error">Andelarna blir tillsammans 110 %; de får vara högst 100 %.');
    // What was typed is kept.
    expect(badHtml).toMatch(/id="field-share-1"[^>]*value="50"|value="50"[^>]*id="field-share-1"/);
    expect(await rowsOf(a)).toEqual([]);

    const foreignQuestion = await coordinator.post(page(a.municipality.slug), { ...form("1.5", [["1.1", "50"]]), "to-0": code2010.get("1.1")! });
    expect(foreignQuestion.status).toBe(400);
    expect(await text(foreignQuestion)).toContain('id="field-to-0-error">Välj en delfråga i den nya versionen.');

    const saved = await coordinator.post(page(a.municipality.slug), form("1.5", [["1.1", "60"], ["1.2", "40"]]));
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toContain("sparad=1");
    expect(await rowsOf(a)).toEqual(["1.5→1.1 0.6 own", "1.5→1.2 0.4 own"]);
    const audit = await getDb().auditEvent.findMany({ where: { municipalityId: a.municipality.id, event: "correspondence.changed" } });
    expect(audit).toMatchObject([{ actorId: a.coordinator.id, field: "1.5", oldValue: null, newValue: "1.1 60 %; 1.2 40 %" }]);
  });

  it("shows them to viewers and owners, who cannot change them (403)", async () => {
    for (const person of [a.viewer, a.owner]) {
      const client = await signedIn(person.email);
      const res = await client.get(page(a.municipality.slug));
      expect(res.status).toBe(200);
      const html = await text(res);
      expect(html).toContain("1.1 Fiktiv delfråga 1.1 (60 %)");
      expect(html).toContain("Du kan läsa motsvarigheterna men inte ändra dem.");
      expect(html).not.toContain("Ändra motsvarigheter för");
      expect((await client.post(page(a.municipality.slug), form("1.5", [["1.3", "100"]]))).status).toBe(403);
    }
    expect(await rowsOf(a)).toEqual(["1.5→1.1 0.6 own", "1.5→1.2 0.4 own"]);
  });

  it("never shows one municipality's correspondences to another, nor lets it change them", async () => {
    const other = await signedIn(b.coordinator.email);
    const html = await text(await other.get(page(b.municipality.slug)));
    expect(html).not.toContain("(60 %)");
    expect(await rowsOf(b)).toEqual([]);
    expect((await other.get(page(a.municipality.slug))).status).toBe(403);
    expect((await other.post(page(a.municipality.slug), form("1.5", []))).status).toBe(403);
    // Recording its own changes only its own.
    expect((await other.post(page(b.municipality.slug), form("1.5", [["2.1", "100"]]))).status).toBe(302);
    expect(await rowsOf(b)).toEqual(["1.5→2.1 1 own"]);
    expect(await rowsOf(a)).toEqual(["1.5→1.1 0.6 own", "1.5→1.2 0.4 own"]);
  });

  it("lets an operator record shared ones for everybody; a municipality's own rows replace them for that old question only", async () => {
    const coordinator = await signedIn(a.coordinator.email);
    expect((await coordinator.get(operatorPage())).status).toBe(403);
    expect((await coordinator.post(operatorPage(), form("1.4", [["1.3", "100"]]))).status).toBe(403);

    const user = await createUserWithPassword({ email: `drift-motsv-${a.municipality.slug}@test.se`, name: "Drift Motsvarighet", password: PASSWORD, isOperator: true });
    const operator = await signedIn(user.email);
    await setUpTwoStep(operator);
    expect((await operator.post(operatorPage(), form("1.4", [["1.3", "100"]]))).status).toBe(302);
    expect((await operator.post(operatorPage(), form("1.5", [["1.4", "100"]]))).status).toBe(302);
    // Shared rows apply to both; A's own 1.5 rows still replace the shared 1.5 for A, B's for B.
    expect(await rowsOf(a)).toEqual(["1.4→1.3 1 shared", "1.5→1.1 0.6 own", "1.5→1.2 0.4 own"]);
    expect(await rowsOf(b)).toEqual(["1.4→1.3 1 shared", "1.5→2.1 1 own"]);
    const tenantC = await createTenant("motsv-c");
    tenants.push(tenantC);
    expect(await rowsOf(tenantC)).toEqual(["1.4→1.3 1 shared", "1.5→1.4 1 shared"]);
    const operatorHtml = await text(await operator.get(operatorPage()));
    expect(operatorHtml).toContain("1.3 Fiktiv delfråga 1.3 (100 %)");
    expect(operatorHtml).not.toContain("(60 %)");

    // B removes its own 1.5 rows: the shared one applies to B again.
    const other = await signedIn(b.coordinator.email);
    expect((await other.post(page(b.municipality.slug), form("1.5", []))).status).toBe(302);
    expect(await rowsOf(b)).toEqual(["1.4→1.3 1 shared", "1.5→1.4 1 shared"]);
    const shared = await getDb().auditEvent.findMany({ where: { municipalityId: null, event: "correspondence.changed", actorId: user.id } });
    expect(shared).toHaveLength(2);
  });
});

describe("using them", () => {
  it("compares an older version's sub-questions mapped into the newer one, with the caveat, and areas per version", async () => {
    // A's latest evaluation becomes a fictional one in the fictional version (generated points: half of each max).
    await createEvaluation(a.municipality.id, fictionalEvaluation(fictional.key, 2022), a.coordinator.id);
    const viewer = await signedIn(a.viewer.email);
    const res = await viewer.get(`/k/${a.municipality.slug}/jamfor`);
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain("Jämförelsen mellan versionerna bygger på motsvarigheter");
    expect(html).toContain("områdena skiljer sig mellan versionerna, så poängen är inte direkt jämförbara");
    expect(html).toContain(`Poäng per område (${fictional.name})`);
    expect(html).toContain("Poäng per område (Kommunkompassen 2010)");
    expect(html).toContain("2013 ≈");
    // 2010's 1.5 (3 points in the demo evaluation) × 60 % = 1,8 into 1.1 (max 30; fictional 15 in 2022); × 40 % = 1,2 into 1.2.
    expect(html).toMatch(/<td>1\.1<\/td><td>Fiktiv delfråga 1\.1<\/td><td class="num">1,8<\/td><td class="num">15<\/td>/);
    expect(html).toMatch(/<td>1\.2<\/td><td>Fiktiv delfråga 1\.2<\/td><td class="num">1,2<\/td><td class="num">12,5<\/td>/);
    // Nothing corresponds to 2.2: no mapped value.
    expect(html).toMatch(/<td>2\.2<\/td><td>Fiktiv delfråga 2\.2<\/td><td class="num">–<\/td>/);
    await getDb().evaluation.deleteMany({ where: { municipalityId: a.municipality.id, frameworkVersionId: fictional.id } });
  });

  it("shows the readiness projection in the next evaluation's version and names the actions without a counterpart", async () => {
    await setNextEvaluationDate(a.municipality.id, "2030-06-30");
    await createTestAction(a, a.owner.id, "2029-01-01", "Etikpolicy (fiktiv)");
    const item = await getDb().improvementItem.findFirstOrThrow({
      where: { evaluationArea: { evaluationId: a.evaluationId, frameworkArea: { number: 2 } } },
      orderBy: { sortOrder: "asc" },
    });
    const context = await questionsForItem(a.municipality.id, item.id);
    // A sub-question of area 2 with room for the effect; nothing in area 2 corresponds to the fictional version.
    const q21 = context!.questions.find((q) => q.maxPoints - (q.currentPoints ?? 0) >= 1)!;
    await createAction(
      a.municipality.id,
      item.id,
      { title: "Bättre webbplats (fiktiv)", description: "", ownerId: a.owner.id, deadline: "2029-01-01", priority: "MEDIUM", effects: [{ questionId: q21.id, expectedEffect: 1 }] },
      a.coordinator.id,
    );

    const viewer = await signedIn(a.viewer.email);
    const html = await text(await viewer.get(`/k/${a.municipality.slug}/infor-utvardering`));
    expect(html).toContain(`Prognosen visas i ${fictional.name}, som nästa utvärdering använder.`);
    expect(html).toContain("Åtgärder utan motsvarighet i den nya versionen");
    expect(html).toContain(`Bättre webbplats (fiktiv): ${q21.code} (ingen av åtgärdens delfrågor har motsvarighet)`);
    expect(html).not.toContain("Etikpolicy (fiktiv): 1.5");
    // 1.1 now: 3 × 60 % = 1,8; the action's +2 on 1.5 carries +1,2 into it, possible only (not started).
    expect(html).toMatch(/1\.1 Fiktiv delfråga 1\.1: nu 1,8, säkrat 1,8, troligt [\d,]+, möjligt 3 av 30/);
    // Viewers do not get the setting.
    expect(html).not.toContain("Version för nästa utvärdering");
    expect((await viewer.post(`/k/${a.municipality.slug}/infor-utvardering`, { intent: "next-version", nextFrameworkVersionId: "" })).status).toBe(403);

    // The coordinator chooses the latest evaluation's version: the projection is in 2010 again.
    const coordinator = await signedIn(a.coordinator.email);
    const form = await text(await coordinator.get(`/k/${a.municipality.slug}/infor-utvardering`));
    expect(form).toContain(`Automatiskt (nu: ${fictional.name})`);
    const bad = await coordinator.post(`/k/${a.municipality.slug}/infor-utvardering`, { intent: "next-version", nextFrameworkVersionId: fictional.questionId("1.1") });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('id="field-nextFrameworkVersionId-error">Välj en version i listan.');
    const v2010 = await version2010();
    expect((await coordinator.post(`/k/${a.municipality.slug}/infor-utvardering`, { intent: "next-version", nextFrameworkVersionId: v2010.id })).status).toBe(200);
    const back = await text(await viewer.get(`/k/${a.municipality.slug}/infor-utvardering`));
    expect(back).not.toContain("Prognosen visas i");
    expect(back).toContain("1.5 Etik - hur hantera korruption?: nu 3,");
    const setting = await getDb().auditEvent.findFirst({ where: { municipalityId: a.municipality.id, field: "nextFrameworkVersion" } });
    expect(setting).toMatchObject({ oldValue: null, newValue: "Kommunkompassen 2010" });
  });
});
