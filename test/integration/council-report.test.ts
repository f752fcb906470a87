import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { setNextEvaluationDate } from "~/models/municipality.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #14 items 4 and 5: status texts per action, the report's cover text and its Word download. */

let tenant: Tenant;
let other: Tenant;
let base: string;
let actionId: string;
const as = async (email: string) => {
  const http = new HttpClient();
  expect((await http.signIn(email, PASSWORD)).status).toBe(302);
  return http;
};
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const notes = () => getDb().actionStatusNote.count({ where: { actionId } });

beforeAll(async () => {
  tenant = await createTenant("lage");
  other = await createTenant("lage-annan");
  base = `/k/${tenant.municipality.slug}`;
  await setNextEvaluationDate(tenant.municipality.id, "2030-06-30");
  const action = await createTestAction(tenant, tenant.owner.id, "2026-01-15", "Försenad åtgärd med läge");
  actionId = action.id;
});

describe("status texts (lägesbeskrivning)", () => {
  it("lets the owner and the coordinator write, refuses viewers and other municipalities, and checks the input", async () => {
    const page = `${base}/atgarder/${actionId}`;
    const owner = await as(tenant.owner.email);
    const res = await owner.post(page, { intent: "status-note", text: "Upphandlingen är klar, utbildning i januari." });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("#lagesbeskrivning");
    expect(await notes()).toBe(1);

    const viewer = await as(tenant.viewer.email);
    expect((await viewer.post(page, { intent: "status-note", text: "Får inte" })).status).toBe(403);
    const stranger = await as(other.coordinator.email);
    expect([403, 404]).toContain((await stranger.post(page, { intent: "status-note", text: "Får inte" })).status);
    expect(await notes()).toBe(1);

    const bad = await owner.post(page, { intent: "status-note", text: "x".repeat(1001) });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain("Skriv en lägesbeskrivning på 1–1 000 tecken.");
    expect((await owner.post(page, { intent: "status-note", text: "   " })).status).toBe(400);
    expect(await notes()).toBe(1);

    const coordinator = await as(tenant.coordinator.email);
    expect((await coordinator.post(page, { intent: "status-note", text: "Samordnaren: läget bekräftat." })).status).toBe(302);
    expect(await notes()).toBe(2);

    const html = await text(await viewer.get(page));
    expect(html).toContain("Samordnaren: läget bekräftat.");
    // The earlier one stays in the history, with its author.
    expect(html).toContain("skrev en lägesbeskrivning: Upphandlingen är klar, utbildning i januari.");
  });

  it("shows the latest status on the plan, the readiness explanation and the report page", async () => {
    const viewer = await as(tenant.viewer.email);
    expect(await text(await viewer.get(`${base}/plan`))).toContain("Samordnaren: läget bekräftat.");
    // The readiness page explains a sub-question's actions when it is unfolded, from the sub-question's page.
    expect(await text(await viewer.get(`${base}/infor-utvardering`))).toContain(`href="${base}/infor-utvardering/delfraga/1.5"`);
    expect(await text(await viewer.get(`${base}/infor-utvardering/delfraga/1.5`))).toContain("Samordnaren: läget bekräftat.");
    const report = await text(await viewer.get(`${base}/rapporter/aktuell`));
    expect(report).toContain("Åtgärdernas lägesbeskrivningar");
    expect(report).toContain("Samordnaren: läget bekräftat.");
  });
});

describe("the cover text and the Word download", () => {
  let reportId: string;

  it("saves the cover text with the snapshot; later edits of actions leave it and the snapshot as saved", async () => {
    const coordinator = await as(tenant.coordinator.email);
    const tooLong = await coordinator.post(`${base}/rapporter`, { title: "För lång", coverText: "y".repeat(5001) });
    expect(tooLong.status).toBe(400);
    expect(await text(tooLong)).toContain("Sammanfattningen får vara högst 5 000 tecken.");

    const before = await getDb().followUpReport.count({ where: { municipalityId: tenant.municipality.id } });
    const res = await coordinator.post(`${base}/rapporter`, { title: "Rapport till nämnden", coverText: "Arbetet går enligt plan.\nTvå åtgärder är försenade." });
    expect(res.status).toBe(302);
    reportId = res.headers.get("location")!.split("/").at(-1)!.split("?")[0]!;
    expect(await getDb().followUpReport.count({ where: { municipalityId: tenant.municipality.id } })).toBe(before + 1);

    const owner = await as(tenant.owner.email);
    await owner.post(`${base}/atgarder/${actionId}`, { intent: "status-note", text: "Senare läge, inte i rapporten." });
    const page = await text(await owner.get(`${base}/rapporter/${reportId}`));
    expect(page).toContain("Sammanfattning till nämnden");
    expect(page).toContain("Arbetet går enligt plan.");
    expect(page).toContain("Samordnaren: läget bekräftat.");
    expect(page).not.toContain("Senare läge, inte i rapporten.");

    // The owner cannot change the cover text; the coordinator can, and it is recorded.
    expect((await owner.post(`${base}/rapporter/${reportId}`, { coverText: "Ändrad" })).status).toBe(403);
    expect((await coordinator.post(`${base}/rapporter/${reportId}`, { coverText: "Ny sammanfattning." })).status).toBe(302);
    const audit = await getDb().auditEvent.findFirst({ where: { entityId: reportId, event: "report.cover-text-changed" } });
    expect(audit?.oldValue).toContain("Arbetet går enligt plan.");
    expect(audit?.newValue).toBe("Ny sammanfattning.");
  });

  it("downloads the report as .docx with the PDF's headings and tables, for viewers but not other municipalities", async () => {
    const viewer = await as(tenant.viewer.email);
    const res = await viewer.get(`${base}/rapporter/${reportId}/word`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toContain(".docx");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const xml = strFromU8(files["word/document.xml"]!);
    const core = strFromU8(files["docProps/core.xml"]!);
    expect(core).toContain("Rapport till nämnden");
    expect(strFromU8(files["word/styles.xml"]!)).toContain('w:val="sv-SE"');
    const headings = [...xml.matchAll(/<w:pStyle w:val="(Heading\d)"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(headings).toEqual(
      expect.arrayContaining([
        "Heading1:Rapport till nämnden",
        "Heading2:Sammanfattning till nämnden",
        "Heading2:Sammanfattning",
        "Heading2:Läget per område",
        "Heading2:Försenade åtgärder",
        "Heading2:Åtgärdernas lägesbeskrivningar",
        "Heading2:Prognos inför nästa utvärdering",
        "Heading2:Förändringar sedan förra rapporten",
      ]),
    );
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toContain("Ny sammanfattning.");
    expect(xml).toContain("Försenad åtgärd med läge");
    expect(xml).toContain("Samordnaren: läget bekräftat.");

    // The same totals as the PDF's area table.
    const pdf = await viewer.get(`${base}/rapporter/${reportId}/pdf`);
    expect(pdf.status).toBe(200);
    const snapshot = (await getDb().followUpReport.findUniqueOrThrow({ where: { id: reportId } })).snapshot as { total: { current: number; likely: number } };
    const sv = (n: number) => new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2 }).format(n).replace("\u2212", "-");
    expect(xml).toContain(`>${sv(snapshot.total.current)}<`);
    expect(xml).toContain(`>${sv(snapshot.total.likely)}<`);

    const stranger = await as(other.coordinator.email);
    expect([403, 404]).toContain((await stranger.get(`${base}/rapporter/${reportId}/word`)).status);
  });
});
