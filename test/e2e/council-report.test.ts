import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committeeNameKey } from "~/domain/committees.ts";
import { stockholmDate } from "~/domain/dates.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * Issue #14, item 4 (ADR 0042) in Chromium: the owner writes a lägesbeskrivning, the coordinator
 * writes a cover text, saves the report and downloads it as Word; the .docx is opened and read.
 */

let browser: Browser;
let tenant: Tenant;
let actionId: string;
const TITLE = "Utbilda nämndsekreterare i diarieföring";
const COMMITTEE = "Kultur- och fritidsnämnden";
const STATUS = "Utbildningen är upphandlad. Första tillfället hålls i februari.";
const COVER = "Arbetet med handlingsplanen går framåt.";
const COVER_2 = "En åtgärd är försenad, se lägesbeskrivningen.";

/** The text of each paragraph and table of word/document.xml, in order. */
function readDocx(bytes: Uint8Array) {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  const text = (fragment: string) => [...fragment.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  const paragraphs = [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[0])?.[1] ?? null,
    text: text(m[0]),
  }));
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((tbl) =>
    [...tbl[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => ({
      header: /<w:tblHeader\/>|<w:tblHeader w:val="(?:true|1|on)"\/>/.test(tr[0]),
      cells: [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => text(tc[0])),
    })),
  );
  return { xml, paragraphs, tables };
}

describe.skipIf(skipBrowser)("status texts, the cover text and the Word report in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-namndrapport");
    const action = await createTestAction(tenant, tenant.owner.id, "2026-02-01", TITLE);
    actionId = action.id;
    const committee = await getDb().committee.create({
      data: { municipalityId: tenant.municipality.id, name: COMMITTEE, nameKey: committeeNameKey(COMMITTEE) },
    });
    await getDb().action.update({ where: { id: actionId }, data: { committeeId: committee.id } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the owner writes a lägesbeskrivning on the action page and sees it, dated, there and in Handlingsplan", async () => {
    const context = await browser.newContext({ locale: "sv-SE" });
    const page = await context.newPage();
    await signIn(page, tenant.owner.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/atgarder/${actionId}`));
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const section = page.getByRole("region", { name: "Lägesbeskrivning", exact: true });
    await section.getByText("Ingen lägesbeskrivning är skriven ännu.").waitFor();
    await expectNoAxeViolations(page);

    // An empty one is refused: the error next to the field and in the summary, nothing saved.
    await section.getByRole("button", { name: "Spara lägesbeskrivningen" }).click();
    const field = section.getByLabel("Ny lägesbeskrivning");
    await section.locator("#status-note-text-error").filter({ hasText: "Skriv en lägesbeskrivning på 1–1 000 tecken." }).waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    const summary = section.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Formuläret har 1 fel" }) });
    await summary.getByRole("link", { name: "Skriv en lägesbeskrivning på 1–1 000 tecken." }).waitFor();
    expect(await getDb().actionStatusNote.count({ where: { actionId } })).toBe(0);
    await expectNoAxeViolations(page);
    // The summary's link takes the reader to the field.
    await summary.getByRole("link").click();
    await page.waitForFunction(() => document.activeElement?.id === "status-note-text");

    await field.fill(STATUS);
    await section.getByRole("button", { name: "Spara lägesbeskrivningen" }).click();
    await section.getByRole("status").filter({ hasText: "Lägesbeskrivningen är sparad." }).waitFor();
    const today = formatDate(stockholmDate(new Date()));
    await section.getByText(`Senaste, ${today} av ${tenant.owner.name}:`).waitFor();
    await section.getByText(STATUS).waitFor();
    expect(await getDb().actionStatusNote.count({ where: { actionId } })).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByRole("navigation").getByRole("link", { name: "Handlingsplan" }).click();
    await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
    await page.getByRole("row", { name: new RegExp(TITLE) }).getByText(`Läge ${today}: ${STATUS}`).waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("the coordinator writes a cover text, saves the report and downloads it as Word with its headings, tables and texts", async () => {
    const context = await browser.newContext({ locale: "sv-SE", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/rapporter`));
    await page.getByRole("heading", { level: 1, name: "Uppföljningsrapporter" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Rapportens rubrik").fill("Rapport till kultur- och fritidsnämnden");
    await page.getByLabel("Sammanfattning till nämnden").fill(`${COVER}\n\n${COVER_2}`);
    await page.getByRole("button", { name: "Spara rapporten" }).click();
    await page.getByRole("heading", { level: 1, name: "Rapport till kultur- och fritidsnämnden" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Rapporten är sparad." }).waitFor();

    const cover = page.getByRole("region", { name: "Sammanfattning till nämnden" });
    await cover.getByText(COVER, { exact: true }).waitFor();
    await cover.getByText(COVER_2, { exact: true }).waitFor();
    const late = page.getByRole("region", { name: "Försenade åtgärder", exact: true });
    const lateRow = late.getByRole("row", { name: new RegExp(TITLE) });
    await lateRow.getByRole("cell", { name: COMMITTEE }).waitFor();
    await lateRow.getByText(STATUS).waitFor();
    const areas = page.getByRole("region", { name: "Läget per område", exact: true });
    const totalRow = areas.locator("tfoot tr");
    // Totalt, actions, done, late, then the points now.
    const pageTotal = (await totalRow.locator("td").nth(3).textContent())!.trim();
    expect(pageTotal).toMatch(/^\d[\d\s,]*$/);
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ladda ner som Word" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Uppföljningsrapport Testkommun e2e-namndrapport [0-9a-f]{8} \d{4}-\d{2}-\d{2}\.docx$/);
    const docx = readDocx(new Uint8Array(await readFile((await download.path())!)));

    // Headings as Word's heading styles, with the report's section titles in the PDF's order.
    const headings = docx.paragraphs.filter((p) => p.style?.startsWith("Heading")).map((p) => `${p.style}:${p.text}`);
    expect(headings[0]).toBe("Heading1:Rapport till kultur- och fritidsnämnden");
    const sections = [
      "Heading2:Sammanfattning till nämnden",
      "Heading2:Sammanfattning",
      "Heading2:Läget per område",
      "Heading2:Försenade åtgärder",
      "Heading2:Åtgärdernas lägesbeskrivningar",
      "Heading2:Prognos inför nästa utvärdering",
      "Heading2:Förändringar sedan förra rapporten",
    ];
    expect(headings.filter((h) => sections.includes(h))).toEqual(sections);

    // The cover text as its paragraphs.
    const texts = docx.paragraphs.map((p) => p.text);
    expect(texts).toContain(COVER);
    expect(texts).toContain(COVER_2);

    // Every table's first row repeats on each page, and only that row.
    expect(docx.tables.length).toBeGreaterThanOrEqual(3);
    for (const table of docx.tables) {
      expect(table[0]!.header).toBe(true);
      expect(table.slice(1).every((row) => !row.header)).toBe(true);
    }
    const lateTable = docx.tables.find((tbl) => tbl[0]!.cells.includes("Dagar försenad"));
    expect(lateTable, "late-actions table").toBeDefined();
    const head = lateTable![0]!.cells;
    expect(head).toEqual(expect.arrayContaining(["Åtgärd", "Nämnd", "Lägesbeskrivning"]));
    const row = lateTable!.find((r) => r.cells[0] === TITLE)!;
    expect(row, "the late action's row").toBeDefined();
    expect(row.cells[head.indexOf("Nämnd")]).toBe(COMMITTEE);
    expect(row.cells).toContain(tenant.owner.name);
    expect(row.cells[head.indexOf("Lägesbeskrivning")]).toBe(`${formatDate(stockholmDate(new Date()))}: ${STATUS}`);

    // The same total score as the page shows, in the area table's total row.
    const areaTable = docx.tables.find((tbl) => tbl.some((r) => r.cells[0] === "Totalt"))!;
    const total = areaTable.find((r) => r.cells[0] === "Totalt")!;
    expect(total.cells[4]).toBe(pageTotal);
    await context.close();
  });
});
