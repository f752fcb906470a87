import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { questionsForItem } from "~/models/action.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { dbState } from "../helpers/db-state.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { fieldErrors, formBody, htmlForms, type HtmlForm } from "../helpers/html-forms.ts";
import { HttpClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * Dates and numbers in every form: impossible days, dates outside 1990-01-01..2100-12-31 and
 * numbers in other notations are refused with a Swedish error next to the field, and nothing
 * is saved; dates stored before the range existed still let every page and report render.
 */

let tenant: Tenant;
let base: string;
let coordinator: HttpClient;
let actionId: string;
let itemId: string;
let questionId: string;

const NOT_IN_CALENDAR = "Det datumet finns inte i kalendern. Ange ett datum som ÅÅÅÅ-MM-DD.";
const OUT_OF_RANGE = "Ange ett datum mellan 1990-01-01 och 2100-12-31.";

beforeAll(async () => {
  tenant = await createTenant("datum");
  base = `/k/${tenant.municipality.slug}`;
  coordinator = new HttpClient();
  expect((await coordinator.signIn(tenant.coordinator.email, PASSWORD)).status).toBe(302);
  const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Datumåtgärd");
  actionId = action.id;
  const item = await getDb().improvementItem.findFirstOrThrow({ where: { evaluationArea: { evaluationId: tenant.evaluationId } }, orderBy: { sortOrder: "asc" } });
  itemId = item.id;
  questionId = (await questionsForItem(tenant.municipality.id, item.id))!.questions.find((q) => q.code === "1.5")!.id;
});

/** The form on `page` that has `field`, with the values the page filled in. */
async function formWith(page: string, field: string): Promise<HtmlForm> {
  const res = await coordinator.get(page);
  expect(res.status, page).toBe(200);
  const form = htmlForms(await res.text()).find((f) => f.method === "post" && f.fields.some((x) => x.name === field));
  expect(form, `${page} has a form with ${field}`).toBeDefined();
  return form!;
}

/** Posts the form with `changes` and expects a 400 with `message` next to `field`, and no change in the database. */
async function expectRefused(page: string, form: HtmlForm, changes: Record<string, string>, field: string, message: string) {
  const before = await dbState();
  const body = formBody(form, changes);
  const res = await coordinator.request(form.action ?? page, { method: "POST", body: form.multipart ? toFormData(body) : body });
  const label = `${page} ${field}=${JSON.stringify(changes[field]).slice(0, 40)}`;
  expect(res.status, label).toBe(400);
  expect(fieldErrors(await res.text())[field], label).toBe(message);
  expect(await dbState(), label).toEqual(before);
}

function toFormData(body: URLSearchParams): FormData {
  const data = new FormData();
  for (const [k, v] of body) data.append(k, v);
  return data;
}

const pages = () => ({
  policy: `${base}/paminnelser`,
  readiness: `${base}/infor-utvardering`,
  newAction: `${base}/plan/ny?punkt=${itemId}`,
  editAction: `${base}/atgarder/${actionId}/redigera`,
  action: `${base}/atgarder/${actionId}`,
  editEvaluation: `${base}/utvarderingar/${tenant.evaluationId}/redigera`,
});

describe("dates in every form", () => {
  const dateFields = (): Array<{ page: string; field: string; extra: Record<string, string> }> => {
    const p = pages();
    return [
      { page: p.policy, field: "nextEvaluationDate", extra: {} },
      { page: p.readiness, field: "nextEvaluationDate", extra: {} },
      { page: p.newAction, field: "deadline", extra: { title: "Ny åtgärd", [`effect.${questionId}`]: "1" } },
      { page: p.editAction, field: "deadline", extra: { deadlineReason: "Skäl" } },
      { page: p.action, field: "evidenceDate", extra: { kind: "LINK", title: "Beslut", url: "https://example.se/beslut" } },
      { page: p.editEvaluation, field: "reportDate", extra: {} },
    ];
  };

  it("refuses a day that does not exist (2026-02-30 is not 2 March) next to the field", async () => {
    for (const { page, field, extra } of dateFields()) {
      const form = await formWith(page, field);
      await expectRefused(page, form, { ...extra, [field]: "2026-02-30" }, field, NOT_IN_CALENDAR);
      await expectRefused(page, form, { ...extra, [field]: "0000-01-01" }, field, NOT_IN_CALENDAR);
    }
  });

  it("refuses dates outside 1990-01-01..2100-12-31 (9999-12-31) next to the field", async () => {
    for (const { page, field, extra } of dateFields()) {
      const form = await formWith(page, field);
      await expectRefused(page, form, { ...extra, [field]: "9999-12-31" }, field, OUT_OF_RANGE);
      await expectRefused(page, form, { ...extra, [field]: "1989-12-31" }, field, OUT_OF_RANGE);
    }
  });

  it("still accepts a real date in the range", async () => {
    const form = await formWith(pages().readiness, "nextEvaluationDate");
    const res = await coordinator.request(form.action ?? pages().readiness, { method: "POST", body: formBody(form, { nextEvaluationDate: "2100-12-31" }) });
    expect(res.status).toBe(200);
    const m = await getDb().municipality.findUniqueOrThrow({ where: { id: tenant.municipality.id } });
    expect(m.nextEvaluationDate?.toISOString().slice(0, 10)).toBe("2100-12-31");
    await getDb().municipality.update({ where: { id: tenant.municipality.id }, data: { nextEvaluationDate: null } });
  });
});

describe("numbers in every form", () => {
  it("refuses hexadecimal, exponent and infinite numbers, and percents outside 0–100", async () => {
    const p = pages();
    const target = await formWith(p.readiness, "targetTotal");
    for (const v of ["0x10", "1e3", "Infinity", "-1"]) {
      await expectRefused(p.readiness, target, { targetTotal: v }, "targetTotal", "Ange målet som ett tal mellan 0 och 800, t.ex. 650 eller 612,5.");
    }
    const policy = await formWith(p.policy, "lateEveryDays");
    await expectRefused(p.policy, policy, { lateEveryDays: "0x10" }, "lateEveryDays", "Ange ett antal dagar mellan 1 och 365.");
    await expectRefused(p.policy, policy, { daysBefore: "0x10" }, "daysBefore", "Ange högst fem dagar (antal dagar före slutdatum, 1–365), åtskilda med kommatecken.");
    await expectRefused(p.policy, policy, { graceDays: "1e1" }, "graceDays", "Ange ett antal dagar mellan 1 och 365.");

    const evaluation = await formWith(p.editEvaluation, "year");
    await expectRefused(p.editEvaluation, evaluation, { year: "0x7E6" }, "year", "Ange ett årtal mellan 1990 och 2100.");
    const percentField = evaluation.fields.find((f) => /^q\..*\.percent$/.test(f.name))?.name ?? "q.1.1.percent";
    for (const v of ["-1", "101", "99999999999", "1e308", "0x10", "4,5"]) {
      await expectRefused(p.editEvaluation, evaluation, { [percentField]: v }, percentField, "Ange procenten som ett heltal mellan 0 och 100, eller lämna tomt.");
    }
  });

  it("reads points written with a decimal comma or point alike", async () => {
    const p = pages();
    const target = await formWith(p.readiness, "targetTotal");
    for (const [v, expected] of [["612,5", 612.5], ["612.5", 612.5], ["650", 650]] as const) {
      const res = await coordinator.request(target.action ?? p.readiness, { method: "POST", body: formBody(target, { targetTotal: v }) });
      expect(res.status).toBe(200);
      const m = await getDb().municipality.findUniqueOrThrow({ where: { id: tenant.municipality.id } });
      expect(Number(m.targetTotal)).toBe(expected);
    }
  });
});

describe("control characters in text", () => {
  const CONTROL = "Texten innehåller ett otillåtet tecken (ett styrtecken). Ta bort det och försök igen.";
  it("refuses a NUL character in every text field with a Swedish message next to it", async () => {
    const p = pages();
    const cases: Array<{ page: string; field: string; extra?: Record<string, string> }> = [
      { page: p.action, field: "body" },
      { page: p.action, field: "title", extra: { kind: "LINK", url: "https://example.se/a", evidenceDate: "2026-01-01" } },
      { page: p.editAction, field: "title" },
      { page: p.editAction, field: "description" },
      { page: `${base}/rapporter`, field: "title" },
      { page: `${base}/anvandare`, field: "name", extra: { email: `ny-${tenant.municipality.slug}@test.se` } },
      { page: p.editEvaluation, field: "period" },
      { page: p.editEvaluation, field: "evaluators" },
      { page: p.editEvaluation, field: "sourceName" },
      { page: p.editEvaluation, field: "area.1.strengths" },
      { page: p.editEvaluation, field: "area.1.improvements" },
      { page: p.editEvaluation, field: "area.1.examples" },
    ];
    for (const { page, field, extra } of cases) {
      const form = await formWith(page, field);
      await expectRefused(page, form, { ...extra, [field]: "Före\u0000efter" }, field, CONTROL);
    }
  });
});

describe("dates stored before the range existed", () => {
  it("do not break the readiness page, the current report, a saved report, its PDF and Excel", async () => {
    const other = await createTenant("fjarran");
    const slug = `/k/${other.municipality.slug}`;
    const http = new HttpClient();
    expect((await http.signIn(other.viewer.email, PASSWORD)).status).toBe(302);
    // As the broken form saved them: a deadline and an evaluation date in year 9999.
    const far = await createTestAction(other, other.owner.id, "2027-01-31", "Långt bort");
    await getDb().action.update({ where: { id: far.id }, data: { deadline: new Date("9999-12-31T00:00:00Z") } });
    await getDb().municipality.update({ where: { id: other.municipality.id }, data: { nextEvaluationDate: new Date("9999-12-31T00:00:00Z") } });
    // And a report saved in that state: months counted past year 9999 as text ("99985-01").
    const current = await http.get(`${slug}/rapporter/aktuell`);
    const started = performance.now();
    for (const path of [`${slug}/infor-utvardering`, `${slug}/rapporter/aktuell`, `${slug}/rapporter/aktuell/pdf`, `${slug}/rapporter/aktuell/excel`, `${slug}`]) {
      const res = await http.get(path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect(current.status).toBe(200);
    const html = (await current.text()).replace(/<!-- -->/g, "");
    expect(html).not.toContain("99985");
    expect(performance.now() - started, "five pages with far dates").toBeLessThan(5000);

    const coordinatorHttp = new HttpClient();
    expect((await coordinatorHttp.signIn(other.coordinator.email, PASSWORD)).status).toBe(302);
    const saved = await coordinatorHttp.post(`${slug}/rapporter`, { title: "Med fjärran datum" });
    expect(saved.status).toBe(302);
    const id = saved.headers.get("location")!.split("/").at(-1)!.split("?")[0]!;
    // Make the stored snapshot look like one saved before the fix.
    const row = await getDb().followUpReport.findUniqueOrThrow({ where: { id } });
    const snapshot = row.snapshot as { progress: { points: Array<{ month: string; date: string }> }; actions: Array<{ deadline: string }>; nextEvaluationDate: string | null };
    snapshot.progress.points = snapshot.progress.points.map((p, i) => ({ ...p, month: `9998${i}-01`, date: `9998${i}-01-31` }));
    snapshot.actions = snapshot.actions.map((a) => ({ ...a, deadline: "9999-12-31" }));
    snapshot.nextEvaluationDate = "99985-01-31";
    await getDb().followUpReport.update({ where: { id }, data: { snapshot } });
    for (const path of [`${slug}/rapporter/${id}`, `${slug}/rapporter/${id}/pdf`, `${slug}/rapporter/${id}/excel`, `${slug}/rapporter`, `${slug}/rapporter/aktuell`]) {
      const res = await http.get(path);
      expect(res.status, path).toBe(200);
      if (path.endsWith("excel")) {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(await res.arrayBuffer());
        expect(book.worksheets.length).toBeGreaterThan(0);
      } else await res.arrayBuffer();
    }
  });
});
