import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #14, item 5: committees and departments that own actions, over HTTP. */

let home: Tenant;
let other: Tenant;
const as: Record<string, HttpClient> = {};
const base = () => `/k/${home.municipality.slug}`;

const committeeNamed = (tenant: Tenant, name: string) =>
  getDb().committee.findFirstOrThrow({ where: { municipalityId: tenant.municipality.id, name } });

async function loadSheet(res: Response, name: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return workbook.getWorksheet(name)!;
}

beforeAll(async () => {
  [home, other] = await Promise.all([createTenant("committees"), createTenant("committees-other")]);
  as.coordinator = await signedInClient(home.coordinator.email);
  as.owner = await signedInClient(home.owner.email);
  as.viewer = await signedInClient(home.viewer.email);
  as.stranger = await signedInClient(other.coordinator.email);
});

describe("the list of committees", () => {
  it("adds, refuses duplicates and bad names next to the field, renames and audits", async () => {
    const page = `${base()}/namnder`;
    expect((await as.coordinator!.get(page)).status).toBe(200);
    const added = await as.coordinator!.post(page, { intent: "create", name: "  Socialnämnden " });
    expect(added.status).toBe(200);
    expect(await added.text()).toContain("Socialnämnden är tillagd.");
    const duplicate = await as.coordinator!.post(page, { intent: "create", name: "SOCIALNÄMNDEN" });
    expect(duplicate.status).toBe(409);
    const duplicateHtml = await duplicate.text();
    expect(duplicateHtml).toContain("Det finns redan en nämnd eller förvaltning med det namnet.");
    expect(duplicateHtml).toContain('aria-invalid="true" aria-describedby="committee-name-hint committee-name-error"');
    expect(duplicateHtml).toContain('value="SOCIALNÄMNDEN"');
    const empty = await as.coordinator!.post(page, { intent: "create", name: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Ange ett namn (högst 120 tecken).");
    const tooLong = await as.coordinator!.post(page, { intent: "create", name: "x".repeat(121) });
    expect(tooLong.status).toBe(400);
    expect(await getDb().committee.count({ where: { municipalityId: home.municipality.id } })).toBe(1);

    const social = await committeeNamed(home, "Socialnämnden");
    await as.coordinator!.post(page, { intent: "create", name: "Kommunstyrelsen" });
    const clash = await as.coordinator!.post(page, { intent: "rename", id: social.id, name: "kommunstyrelsen" });
    expect(clash.status).toBe(409);
    const renamed = await as.coordinator!.post(page, { intent: "rename", id: social.id, name: "Socialnämnden Väst" });
    expect(renamed.status).toBe(200);
    expect((await getDb().committee.findUniqueOrThrow({ where: { id: social.id } })).name).toBe("Socialnämnden Väst");
    const audit = await getDb().auditEvent.findMany({ where: { municipalityId: home.municipality.id, entityType: "Committee" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.event)).toEqual(["committee.created", "committee.created", "committee.renamed"]);
    expect(audit[2]).toMatchObject({ oldValue: "Socialnämnden", newValue: "Socialnämnden Väst", actorId: home.coordinator.id });
    const log = await (await as.coordinator!.get(`${base()}/logg`)).text();
    expect(log).toContain("Nämnd eller förvaltning fick nytt namn");
  });

  it("is closed to viewers and owners, and to other municipalities", async () => {
    const page = `${base()}/namnder`;
    const ks = await committeeNamed(home, "Kommunstyrelsen");
    expect((await as.viewer!.get(page)).status).toBe(403);
    expect((await as.owner!.get(page)).status).toBe(403);
    expect((await as.viewer!.post(page, { intent: "create", name: "Tekniska nämnden" })).status).toBe(403);
    expect((await as.stranger!.get(page)).status).toBe(403);
    // Another municipality's coordinator cannot rename or remove this one's entry from their own page.
    const foreign = `/k/${other.municipality.slug}/namnder`;
    expect((await as.stranger!.post(foreign, { intent: "rename", id: ks.id, name: "Kapad" })).status).toBe(404);
    expect((await as.stranger!.post(foreign, { intent: "delete", id: ks.id })).status).toBe(404);
    // (The page's hint names "Kommunstyrelsen" as an example, so the entry is looked for by id.)
    expect(await (await as.stranger!.get(foreign)).text()).not.toContain(ks.id);
    expect((await getDb().committee.findUniqueOrThrow({ where: { id: ks.id } })).name).toBe("Kommunstyrelsen");
    expect(await getDb().committee.count({ where: { municipalityId: home.municipality.id, name: "Tekniska nämnden" } })).toBe(0);
  });
});

describe("committee and decision reference on an action", () => {
  it("saves both from the edit form, shows them, refuses another municipality's committee and a used committee's removal", async () => {
    const action = await createTestAction(home, home.owner.id, "2027-05-31", "Nämndens åtgärd");
    const ks = await committeeNamed(home, "Kommunstyrelsen");
    await getDb().committee.create({ data: { municipalityId: other.municipality.id, name: "Annans nämnd", nameKey: "annans nämnd" } });
    const foreign = await committeeNamed(other, "Annans nämnd");
    const editPage = `${base()}/atgarder/${action.id}/redigera`;
    const form = await (await as.coordinator!.get(editPage)).text();
    expect(form).toContain("Diarienummer, paragraf");
    expect(form).toContain(`value="${ks.id}"`);
    expect(form).not.toContain(foreign.id);
    const question = await getDb().actionQuestion.findFirstOrThrow({ where: { actionId: action.id } });
    const fields = {
      title: action.title,
      description: "",
      ownerId: home.owner.id,
      deadline: "2027-05-31",
      priority: "MEDIUM",
      version: String(action.version),
      [`effect.${question.questionId}`]: "2",
    };

    const crossTenant = await as.coordinator!.post(editPage, { ...fields, committeeId: foreign.id, decisionReference: "KS 2026/1" });
    expect(crossTenant.status).toBe(400);
    expect(await crossTenant.text()).toContain("Välj en nämnd eller förvaltning i listan.");
    const tooLong = await as.coordinator!.post(editPage, { ...fields, committeeId: ks.id, decisionReference: "x".repeat(101) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("Ange diarienummer och paragraf med högst 100 tecken.");
    let stored = await getDb().action.findUniqueOrThrow({ where: { id: action.id } });
    expect([stored.committeeId, stored.decisionReference, stored.version]).toEqual([null, null, action.version]);

    const saved = await as.coordinator!.post(editPage, { ...fields, committeeId: ks.id, decisionReference: "  KS 2026/123, § 45 " });
    expect(saved.status).toBe(302);
    stored = await getDb().action.findUniqueOrThrow({ where: { id: action.id } });
    expect([stored.committeeId, stored.decisionReference]).toEqual([ks.id, "KS 2026/123, § 45"]);
    const shown = await (await as.viewer!.get(`${base()}/atgarder/${action.id}`)).text();
    expect(shown).toContain("Kommunstyrelsen");
    expect(shown).toContain("KS 2026/123, § 45");
    expect(shown).toMatch(/ändrade nämnd eller förvaltning: – → Kommunstyrelsen|nämnd eller förvaltning/);

    const refused = await as.coordinator!.post(`${base()}/namnder`, { intent: "delete", id: ks.id });
    expect(refused.status).toBe(409);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("Kommunstyrelsen kan inte tas bort: 1 åtgärd hör till den.");
    expect(refusedHtml).toContain(`/plan?namnd=${ks.id}`);
    expect(await getDb().committee.count({ where: { id: ks.id } })).toBe(1);

    const unused = await getDb().committee.create({ data: { municipalityId: home.municipality.id, name: "Kulturnämnden", nameKey: "kulturnämnden" } });
    const removed = await as.coordinator!.post(`${base()}/namnder`, { intent: "delete", id: unused.id });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain("Kulturnämnden är borttagen.");
    expect(await getDb().committee.count({ where: { id: unused.id } })).toBe(0);
  });
});

describe("the plan, its exports and the report by committee", () => {
  it("filters and groups the plan by committee, with a group for actions without one", async () => {
    await createTestAction(home, home.owner.id, "2027-08-31", "Åtgärd utan nämnd");
    const ks = await committeeNamed(home, "Kommunstyrelsen");
    const filtered = await (await as.viewer!.get(`${base()}/plan?namnd=${ks.id}`)).text();
    expect(filtered).toContain("Nämndens åtgärd");
    expect(filtered).not.toContain("Åtgärd utan nämnd");
    const none = await (await as.viewer!.get(`${base()}/plan?namnd=ingen`)).text();
    expect(none).toContain("Åtgärd utan nämnd");
    expect(none).not.toContain("Nämndens åtgärd");
    const grouped = await (await as.viewer!.get(`${base()}/plan?visning=namnd`)).text();
    const ksHeading = grouped.indexOf(`id="plan-committee-${ks.id}"`);
    const noneHeading = grouped.indexOf('id="plan-committee-ingen"');
    expect(ksHeading).toBeGreaterThan(-1);
    expect(noneHeading).toBeGreaterThan(ksHeading);
    expect(grouped.indexOf("Nämndens åtgärd")).toBeGreaterThan(ksHeading);
    expect(grouped.indexOf("Nämndens åtgärd")).toBeLessThan(noneHeading);
    expect(grouped.indexOf("Åtgärd utan nämnd")).toBeGreaterThan(noneHeading);
    expect(grouped).toContain("Ingen nämnd angiven");
    // A stranger's plan never lists this municipality's committees.
    const strangersPlan = await (await as.stranger!.get(`/k/${other.municipality.slug}/plan`)).text();
    expect(strangersPlan).not.toContain(ks.id);
    expect(strangersPlan).not.toContain("Kommunstyrelsen");
  });

  it("puts committee and decision reference in the CSV and Excel exports and honours the filter", async () => {
    const ks = await committeeNamed(home, "Kommunstyrelsen");
    const csv = await (await as.viewer!.get(`${base()}/plan.csv?namnd=${ks.id}`)).text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]!.endsWith(";Nämnd/förvaltning;Diarienummer, paragraf")).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Nämndens åtgärd");
    expect(lines[1]!.endsWith(`;Kommunstyrelsen;"KS 2026/123, § 45"`) || lines[1]!.endsWith(";Kommunstyrelsen;KS 2026/123, § 45")).toBe(true);
    const sheet = await loadSheet(await as.viewer!.get(`${base()}/plan.xlsx?namnd=ingen`), "Handlingsplan");
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-2)).toEqual(["Nämnd/förvaltning", "Diarienummer, paragraf"]);
    const titles = [];
    for (let i = 2; i <= sheet.actualRowCount; i++) titles.push(sheet.getRow(i).getCell(3).value);
    expect(titles).toContain("Åtgärd utan nämnd");
    expect(titles).not.toContain("Nämndens åtgärd");
    const all = await loadSheet(await as.viewer!.get(`${base()}/plan.xlsx`), "Handlingsplan");
    const row = [...Array(all.actualRowCount).keys()].map((i) => all.getRow(i + 1)).find((r) => r.getCell(3).value === "Nämndens åtgärd")!;
    expect([row.getCell(header.length - 1).value, row.getCell(header.length).value]).toEqual(["Kommunstyrelsen", "KS 2026/123, § 45"]);
  });

  it("stores committee names in the report snapshot, reads the same after a rename, and narrows the report and its files", async () => {
    const ks = await committeeNamed(home, "Kommunstyrelsen");
    const saved = await as.coordinator!.post(`${base()}/rapporter`, { title: "Rapport med nämnder" });
    expect(saved.status).toBe(302);
    const reportId = saved.headers.get("location")!.split("/").at(-1)!.split("?")[0]!;
    const stored = await getDb().followUpReport.findUniqueOrThrow({ where: { id: reportId } });
    const rows = (stored.snapshot as { actions: Array<{ title: string; committee?: string | null; committeeId?: string | null; decisionReference?: string | null }> }).actions;
    expect(rows.find((a) => a.title === "Nämndens åtgärd")).toMatchObject({ committee: "Kommunstyrelsen", committeeId: ks.id, decisionReference: "KS 2026/123, § 45" });
    expect(rows.find((a) => a.title === "Åtgärd utan nämnd")).toMatchObject({ committee: null, committeeId: null });

    // Renamed later: the saved report still reads as it did.
    await as.coordinator!.post(`${base()}/namnder`, { intent: "rename", id: ks.id, name: "Kommunstyrelsen (ny)" });
    const page = `${base()}/rapporter/${reportId}`;
    const narrowed = await (await as.viewer!.get(`${page}?namnd=${ks.id}`)).text();
    expect(narrowed).toContain("Urval: åtgärder som Kommunstyrelsen äger.");
    expect(narrowed).not.toContain("Kommunstyrelsen (ny)");
    expect(narrowed).toContain(`/rapporter/${reportId}/pdf?namnd=${ks.id}`);
    const whole = await (await as.viewer!.get(page)).text();
    expect(whole).not.toContain("Urval: åtgärder som");
    expect(whole).toContain(`<option value="${ks.id}">Kommunstyrelsen</option>`);

    const all = await loadSheet(await as.viewer!.get(`${page}/excel`), "Alla åtgärder");
    const allTitles = [...Array(all.actualRowCount - 1).keys()].map((i) => all.getRow(i + 2).getCell(1).value);
    expect(allTitles).toEqual(expect.arrayContaining(["Nämndens åtgärd", "Åtgärd utan nämnd"]));
    const header = (all.getRow(1).values as unknown[]).slice(1);
    // Appended after the columns that were there before; the status text column (item 4) follows them.
    const at = header.indexOf("Nämnd/förvaltning");
    expect(at).toBeGreaterThan(0);
    expect(header.slice(at, at + 2)).toEqual(["Nämnd/förvaltning", "Diarienummer, paragraf"]);
    const some = await loadSheet(await as.viewer!.get(`${page}/excel?namnd=${ks.id}`), "Alla åtgärder");
    expect(some.actualRowCount).toBe(2);
    expect([some.getRow(2).getCell(1).value, some.getRow(2).getCell(at + 1).value]).toEqual(["Nämndens åtgärd", "Kommunstyrelsen"]);
    const pdf = await as.viewer!.get(`${page}/pdf?namnd=${ks.id}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toContain("application/pdf");
  });

  it("still renders a report saved before committees existed, with and without a filter", async () => {
    const latest = await getDb().followUpReport.findFirstOrThrow({ where: { municipalityId: home.municipality.id }, orderBy: { createdAt: "desc" } });
    const snapshot = latest.snapshot as { actions: Array<Record<string, unknown>> };
    const old = {
      ...snapshot,
      actions: snapshot.actions.map(({ committee: _c, committeeId: _i, decisionReference: _d, ...rest }) => rest),
    };
    const created = await getDb().followUpReport.create({
      data: { municipalityId: home.municipality.id, createdById: home.coordinator.id, title: "Gammal rapport", asOf: latest.asOf, snapshot: old as object },
    });
    const page = `${base()}/rapporter/${created.id}`;
    for (const url of [page, `${page}?namnd=ingen`, `${page}/excel`, `${page}/pdf`, `${page}/excel?namnd=ingen`]) {
      expect((await as.viewer!.get(url)).status, url).toBe(200);
    }
    expect(await (await as.viewer!.get(page)).text()).toContain("Gammal rapport");
  });
});
