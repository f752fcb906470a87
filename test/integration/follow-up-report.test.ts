import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { addEvidence, changeStatus } from "~/models/action.server.ts";
import { createMunicipality, setNextEvaluationDate } from "~/models/municipality.server.ts";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { extractReportText } from "~/platform/report-file.server.ts";
import { createEvaluation } from "~/models/evaluation.server.ts";
import { createTenant, demoEvaluation, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { pdfStructure } from "../helpers/pdf-structure.ts";
import { readinessCommand } from "../helpers/readiness-command.ts";
import { createTestAction } from "../helpers/plan.ts";
import { formatPoints } from "~/utils/format.ts";

/** The council's follow-up report: saved snapshots, the page, PDF and Excel, and who may do what. */

let tenant: Tenant;
let base: string;
const as = async (email: string) => {
  const http = new HttpClient();
  expect((await http.signIn(email, PASSWORD)).status).toBe(302);
  return http;
};
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const reportCount = () => getDb().followUpReport.count({ where: { municipalityId: tenant.municipality.id } });

async function saveReport(http: HttpClient, title: string): Promise<string> {
  const res = await http.post(`${base}/rapporter`, { title });
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  expect(location).toMatch(new RegExp(`^${base}/rapporter/[0-9a-f-]{36}\\?sparad=1$`));
  return location.split("/").at(-1)!.split("?")[0]!;
}

beforeAll(async () => {
  tenant = await createTenant("rapport");
  base = `/k/${tenant.municipality.slug}`;
  await setNextEvaluationDate(tenant.municipality.id, "2030-06-30");
  await createTestAction(tenant, tenant.owner.id, "2026-01-15", "Försenad åtgärd");
  await createTestAction(tenant, null, "2029-05-01", "Öppen åtgärd");
  // A name outside the PDF standard fonts' encoding must still print right.
  const lukasz = await createUserWithPassword({ email: `lukasz-${tenant.municipality.slug}@test.se`, name: "Łukasz Đorđević", password: PASSWORD });
  await addMembership(tenant.municipality.id, lukasz.id, "OWNER");
  await createTestAction(tenant, lukasz.id, "2026-02-01", "Webb för Ørsted, Müller och Þór (€)");
});

describe("the follow-up report", () => {
  it("gives the same numbers on the readiness page, the report page, the PDF, the Excel file and the command", async () => {
    const coordinator = await as(tenant.coordinator.email);
    const id = await saveReport(coordinator, "Rapport till kommunstyrelsen");

    const command = await readinessCommand(tenant.municipality.slug);
    const sv = formatPoints;

    const viewer = await as(tenant.viewer.email);
    const page = await text(await viewer.get(`${base}/rapporter/${id}`));
    expect(page).toContain("Rapport till kommunstyrelsen");
    const readiness = await text(await viewer.get(`${base}/infor-utvardering`));
    const totals = [command.total.current, command.total.secured, command.total.likely, command.total.potential].map(sv);
    const totalCells = totals.map((n) => `<td class="num">${n}</td>`).join("");
    expect(readiness).toContain(`Totalt</th>${totalCells}`);
    expect(page).toContain(`${totalCells}<td class="num">800</td>`);
    expect(page).toContain(
      `Senaste utvärderingen gav ${totals[0]} av 800 poäng. Säkrat inför nästa: ${totals[1]}. Troligt: ${totals[2]}. Möjligt om allt blir klart i tid: ${totals[3]}.`,
    );

    const pdf = await viewer.get(`${base}/rapporter/${id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain(encodeURIComponent(`Uppföljningsrapport ${tenant.municipality.name}`));
    const pdfText = await extractReportText(new Uint8Array(await pdf.arrayBuffer()));
    expect(pdfText.ok && pdfText.kind).toBe("pdf");
    const flat = pdfText.ok ? pdfText.text.replace(/\s+/g, " ") : "";
    expect(flat).toContain("Rapport till kommunstyrelsen");
    expect(flat).toContain(`Troligt: ${totals[2]}.`);
    expect(flat).toContain("Försenad åtgärd");
    expect(flat).toContain(tenant.owner.name);
    expect(flat).toContain("Łukasz Đorđević");
    expect(flat).toContain("Webb för Ørsted, Müller och Þór (€)");
    // A tagged PDF: title and language, headings, real tables with header cells, charts as figures with alt text.
    const structure = await pdfStructure(new Uint8Array(await (await viewer.get(`${base}/rapporter/${id}/pdf`)).arrayBuffer()));
    expect(structure.tagged).toBe(true);
    expect(structure.title).toBe("Rapport till kommunstyrelsen");
    expect(structure.lang).toBe("sv-SE");
    for (const role of ["H1", "H2", "P", "Table", "TR", "TH", "TD", "Figure"]) expect(structure.roles, role).toContain(role);
    expect(structure.roles.filter((r) => r === "H1")).toHaveLength(1);
    expect(structure.figureAlts).toHaveLength(2);
    expect(structure.figureAlts[0]).toContain(`Område 1: nu ${sv(command.areas[0]!.current)}, troligt ${sv(command.areas[0]!.likely)}`);

    const xlsx = await viewer.get(`${base}/rapporter/${id}/excel`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Sammanfattning", "Per område", "Försenade", "Förändringar", "Alla åtgärder", "Över tid"]);
    const areas = workbook.getWorksheet("Per område")!;
    for (const [i, area] of command.areas.entries()) {
      const row = areas.getRow(i + 2).values as unknown[];
      expect(row.slice(1, 2).concat(row.slice(6, 10)), `area ${area.number}`).toEqual([area.number, area.current, area.secured, area.likely, area.potential]);
    }
    const late = workbook.getWorksheet("Försenade")!;
    // Most late first.
    expect(late.rowCount).toBe(3);
    expect(late.getRow(2).getCell(1).value).toBe("Försenad åtgärd");
    expect(late.getRow(2).getCell(3).value).toBe(tenant.owner.name);
    expect(late.getRow(2).getCell(5).value).toEqual(new Date("2026-01-15T00:00:00Z"));
    expect(late.getRow(3).getCell(3).value).toBe("Łukasz Đorđević");
  });

  it("keeps a saved report as it was, and the next one says what changed since", async () => {
    const coordinator = await as(tenant.coordinator.email);
    const first = await saveReport(coordinator, "Första rapporten");
    const firstPage = await text(await coordinator.get(`${base}/rapporter/${first}`));

    const action = await createTestAction(tenant, tenant.owner.id, "2027-03-01", "Klar sedan förra rapporten");
    await addEvidence(tenant.municipality.id, action.id, { kind: "LINK", title: "Beslut", url: "https://example.se/beslut", evidenceDate: "2026-11-20" }, tenant.owner.id);
    await changeStatus(tenant.municipality.id, action.id, 1, "DONE", null, tenant.owner.id);
    const second = await saveReport(coordinator, "Andra rapporten");

    const secondPage = await text(await coordinator.get(`${base}/rapporter/${second}`));
    expect(secondPage).toContain("Blivit klara (1)");
    expect(secondPage).toContain("Nya åtgärder (1)");
    expect(secondPage).toMatch(/Klar sedan förra rapporten<\/a> \(Ansvarig [0-9a-f]{8}\)/);
    // Done with evidence: its 2 points on 1.5 are secured now.
    expect(secondPage).toMatch(/Totalt<\/th><td class="num">\+2<\/td>/);
    expect(await text(await coordinator.get(`${base}/rapporter/${first}`))).toBe(firstPage);

    const start = await text(await coordinator.get(base));
    expect(start).toMatch(new RegExp(`Senaste uppföljningsrapporten: <a [^>]*href="${base}/rapporter/${second}">Andra rapporten</a>`));
    const list = await text(await coordinator.get(`${base}/rapporter`));
    expect(list.indexOf("Andra rapporten")).toBeLessThan(list.indexOf("Första rapporten"));
    const current = await text(await coordinator.get(`${base}/rapporter/aktuell`));
    expect(current).toContain("Läget just nu (inte sparat)");
    expect(current).toContain("Inget har ändrats sedan förra rapporten.");
  });

  it("shows the evaluation before the latest beside the figures, on the page and in the PDF's chart description", async () => {
    const older = await createTenant("rapport-tidigare");
    await createEvaluation(older.municipality.id, demoEvaluation({ year: 2009 }), null);
    const http = await as(older.coordinator.email);
    const res = await http.post(`/k/${older.municipality.slug}/rapporter`, { title: "Med föregående" });
    const id = res.headers.get("location")!.split("/").at(-1)!.split("?")[0]!;
    const page = await text(await http.get(`/k/${older.municipality.slug}/rapporter/${id}`));
    expect(page).toContain("Föregående (2009)");
    const structure = await pdfStructure(new Uint8Array(await (await http.get(`/k/${older.municipality.slug}/rapporter/${id}/pdf`)).arrayBuffer()));
    expect(structure.figureAlts[0]).toMatch(/Område 1: föregående \(2009\) [\d,]+, nu 80, troligt 80, möjligt 80 av 100\./);
  });

  it("refuses a report without a title with a Swedish message next to the field, saving nothing", async () => {
    const coordinator = await as(tenant.coordinator.email);
    const before = await reportCount();
    for (const title of ["", "   ", "x".repeat(121)]) {
      const res = await coordinator.post(`${base}/rapporter`, { title });
      expect(res.status).toBe(400);
      const html = await text(res);
      expect(html).toContain('id="field-title-error"');
      expect(html).toContain("Ge rapporten en rubrik (högst 120 tecken).");
    }
    expect(await reportCount()).toBe(before);
  });

  it("lets viewers and owners read but not save, and keeps other municipalities out", async () => {
    const before = await reportCount();
    for (const email of [tenant.viewer.email, tenant.owner.email]) {
      const http = await as(email);
      expect((await http.get(`${base}/rapporter`)).status).toBe(200);
      expect((await http.get(`${base}/rapporter/aktuell/pdf`)).status).toBe(200);
      expect((await http.post(`${base}/rapporter`, { title: "Obehörig" })).status).toBe(403);
    }
    expect(await reportCount()).toBe(before);

    const [someId] = await getDb().followUpReport.findMany({ where: { municipalityId: tenant.municipality.id }, select: { id: true }, take: 1 });
    const other = await createTenant("annan");
    const outsider = await as(other.coordinator.email);
    for (const suffix of ["", "/pdf", "/excel"]) {
      expect((await outsider.get(`${base}/rapporter/${someId!.id}${suffix}`)).status).toBe(403);
      // The other municipality's own address does not reach this report either.
      expect((await outsider.get(`/k/${other.municipality.slug}/rapporter/${someId!.id}${suffix}`)).status).toBe(404);
    }
    expect((await outsider.get(`/k/${other.municipality.slug}/rapporter/inte-ett-id`)).status).toBe(404);
  });

  it("explains instead of failing when the municipality has no evaluation yet", async () => {
    const empty = await createMunicipality(`tom-${Date.now()}`, "Tomma kommun");
    await addMembership(empty.id, tenant.coordinator.id, "COORDINATOR");
    const http = await as(tenant.coordinator.email);
    const list = await text(await http.get(`/k/${empty.slug}/rapporter`));
    expect(list).toContain("Kommunen har ingen utvärdering ännu, så det finns ingen rapport att spara.");
    const res = await http.post(`/k/${empty.slug}/rapporter`, { title: "Rapport" });
    expect(res.status).toBe(400);
    expect(await getDb().followUpReport.count({ where: { municipalityId: empty.id } })).toBe(0);
    expect((await http.get(`/k/${empty.slug}/rapporter/aktuell`)).status).toBe(404);
  });
});

describe("the evaluation date and target on the readiness page", () => {
  it("saves a valid date and target, and explains bad input in Swedish without saving it", async () => {
    const coordinator = await as(tenant.coordinator.email);
    const bad = await coordinator.post(`${base}/infor-utvardering`, { nextEvaluationDate: "31/12/2030", targetTotal: "900" });
    expect(bad.status).toBe(400);
    const html = await text(bad);
    expect(html).toContain("Ange ett datum som ÅÅÅÅ-MM-DD.");
    expect(html).toContain("Ange målet som ett tal mellan 0 och 800, t.ex. 650 eller 612,5.");
    const unchanged = await getDb().municipality.findUniqueOrThrow({ where: { id: tenant.municipality.id } });
    expect(unchanged.nextEvaluationDate?.toISOString().slice(0, 10)).toBe("2030-06-30");
    expect(unchanged.targetTotal).toBeNull();

    const ok = await coordinator.post(`${base}/infor-utvardering`, { nextEvaluationDate: "2030-09-15", targetTotal: "612,5" });
    expect(ok.status).toBe(200);
    const saved = await getDb().municipality.findUniqueOrThrow({ where: { id: tenant.municipality.id } });
    expect(saved.nextEvaluationDate?.toISOString().slice(0, 10)).toBe("2030-09-15");
    expect(Number(saved.targetTotal)).toBe(612.5);
    expect(await text(await coordinator.get(`${base}/infor-utvardering`))).toContain("Målet är 612,5 poäng.");

    const viewer = await as(tenant.viewer.email);
    expect((await viewer.post(`${base}/infor-utvardering`, { nextEvaluationDate: "", targetTotal: "" })).status).toBe(403);
    const after = await getDb().municipality.findUniqueOrThrow({ where: { id: tenant.municipality.id } });
    expect(Number(after.targetTotal)).toBe(612.5);
    expect(await text(await viewer.get(`${base}/infor-utvardering`))).not.toContain('name="targetTotal"');
  });
});
