import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";

let browser: Browser;
let page: Page;
let tenant: Tenant;

describe.skipIf(skipBrowser)("importing an existing plan in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-planimport");
    page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("uploads a spreadsheet, checks the columns, attaches an unmatched row by hand and confirms", async () => {
    const items = await getDb().improvementItem.findMany({
      where: { evaluationArea: { evaluationId: tenant.evaluationId } },
      orderBy: [{ evaluationArea: { frameworkArea: { number: "asc" } } }, { sortOrder: "asc" }],
    });
    // A fictional plan: one row matched by wording, one whose item is worded too differently.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Plan");
    sheet.addRow(["Åtgärd", "Förbättringsområde", "Ansvarig e-post", "Slutdatum", "Status", "Kommentar"]);
    sheet.addRow(["Webbsända fullmäktige", items[1]!.text, tenant.owner.email, new Date(Date.UTC(2027, 4, 31)), "Pågår", ""]);
    sheet.addRow(["Ny visselblåsarkanal", "Rutiner mot mutor", "", "2027-09-30", "Ej påbörjad", ""]);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "e2e-")), "handlingsplan.xlsx");
    writeFileSync(file, new Uint8Array(await workbook.xlsx.writeBuffer()));

    await page.goto(url(`/k/${tenant.municipality.slug}/plan`));
    await page.getByRole("link", { name: "Importera från Excel eller CSV" }).click();
    await page.getByRole("heading", { level: 1, name: "Importera en befintlig handlingsplan" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Fil (.xlsx eller .csv)").setInputFiles(file);
    await page.getByRole("button", { name: "Läs filen" }).click();

    await page.getByRole("heading", { level: 1, name: "Välj kolumner" }).waitFor();
    await expectNoAxeViolations(page);
    expect(await page.getByLabel("Åtgärd (titel)").inputValue()).toBe("0");
    expect(await page.getByLabel("Ansvarigs e-postadress").inputValue()).toBe("2");
    expect(await page.getByLabel("Delfråga").inputValue()).toBe("");
    await page.getByRole("button", { name: "Fortsätt till granskning" }).click();

    await page.getByRole("heading", { level: 1, name: "Granska raderna" }).waitFor();
    await page.getByText("2 rader, varav 1 med problem.").waitFor();
    await page.getByText("Förbättringsområdet ”Rutiner mot mutor” finns inte i utvärderingen. Välj ett för hand.").first().waitFor();
    await expectNoAxeViolations(page);

    // Confirming with the problem left is refused; nothing is saved.
    await page.getByRole("button", { name: "Importera 2 åtgärder" }).click();
    await page.getByRole("alert").getByText("Några rader har problem.", { exact: false }).waitFor();
    expect(await getDb().action.count({ where: { municipalityId: tenant.municipality.id } })).toBe(0);

    await page.getByLabel("Förbättringsområde för rad 3").selectOption(items[2]!.id);
    await page.getByRole("button", { name: "Uppdatera granskningen" }).click();
    await page.getByText("2 rader, varav 0 med problem.").waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Importera 2 åtgärder" }).click();
    await page.getByText("Importen är klar: 2 åtgärder sparades i handlingsplanen.").waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Öppna handlingsplanen" }).click();
    await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
    await page.getByRole("link", { name: "Webbsända fullmäktige" }).waitFor();
    await page.getByRole("link", { name: "Ny visselblåsarkanal" }).waitFor();
    const saved = await getDb().action.findMany({ where: { municipalityId: tenant.municipality.id }, orderBy: { title: "asc" } });
    expect(saved.map((a) => [a.title, a.improvementItemId, a.status])).toEqual([
      ["Ny visselblåsarkanal", items[2]!.id, "NOT_STARTED"],
      ["Webbsända fullmäktige", items[1]!.id, "IN_PROGRESS"],
    ]);
  });
});
