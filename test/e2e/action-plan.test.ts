import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { textToPdf } from "../helpers/documents.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let tenant: Tenant;

describe.skipIf(skipBrowser)("the action plan in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-plan");
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: "sv-SE", acceptDownloads: true });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  it("a coordinator turns an improvement item into an owned, dated action linked to a suggested sub-question", async () => {
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.getByRole("link", { name: "Handlingsplan" }).click();
    await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
    await expectNoAxeViolations(page);
    const item = page.getByRole("listitem").filter({ hasText: "Kanaler för att upptäcka oegentligheter" });
    await item.getByRole("link", { name: "Ny åtgärd" }).click();
    await page.getByRole("heading", { level: 1, name: "Ny åtgärd" }).waitFor();
    await page.getByText("Goda exempel för området: Stockholms stad, Upplands Väsby").waitFor();
    // The best suggestion is the first row of the sub-question table.
    const firstRow = page.locator("tbody tr").first();
    expect(await firstRow.textContent()).toContain("Etik - hur hantera korruption?");
    expect(await firstRow.textContent()).toContain("Föreslagen");
    await expectNoAxeViolations(page);

    await page.getByLabel("Rubrik").fill("Inför visselblåsarfunktion");
    await page.getByLabel("Ansvarig", { exact: true }).selectOption({ label: tenant.owner.name });
    await page.getByLabel("Slutdatum").fill("2027-04-30");
    await page.getByLabel("Etik - hur hantera korruption?").fill("9");
    await page.getByRole("button", { name: "Spara åtgärden" }).click();
    // The error stands next to the field and is listed, as a link to it, in the summary at the form's top (issue #14, item 7).
    await page.locator(".field-error", { hasText: "Ange en effekt mellan 0 och 7 poäng." }).waitFor();
    await page.locator(".error-summary").getByRole("link", { name: "Ange en effekt mellan 0 och 7 poäng." }).waitFor();
    await page.getByLabel("Etik - hur hantera korruption?").fill("5");
    await page.getByRole("button", { name: "Spara åtgärden" }).click();
    await page.getByRole("heading", { level: 1, name: "Inför visselblåsarfunktion" }).waitFor();
    await page.getByText("Åtgärden är skapad.").waitFor();
    await expectNoAxeViolations(page);
  });

  it("an action owner works on their action: note, uploaded evidence, done — in Mina åtgärder, late ones first", async () => {
    const late = await createTestAction(tenant, tenant.owner.id, "2025-01-15", "Sen åtgärd för ägaren");
    await createTestAction(tenant, tenant.owner.id, "2030-01-15", "Framtida åtgärd");
    await signIn(page, tenant.owner.email, PASSWORD);
    await page.getByRole("link", { name: "Mina åtgärder" }).click();
    await page.getByRole("heading", { level: 1, name: "Mina åtgärder" }).waitFor();
    await expectNoAxeViolations(page);
    const titles = await page.locator("tbody tr td:first-child").allTextContents();
    expect(titles.indexOf("Sen åtgärd för ägaren")).toBeLessThan(titles.indexOf("Framtida åtgärd"));
    await page.getByRole("row", { name: /Sen åtgärd för ägaren/ }).getByText(/Försenad \d+ dagar/).waitFor();

    await page.getByRole("link", { name: "Sen åtgärd för ägaren" }).click();
    await page.getByLabel("Anteckning", { exact: true }).fill("Policyn är skickad på remiss.");
    await page.getByRole("button", { name: "Spara anteckningen" }).click();
    await page.getByText("Åtgärden är sparad.").waitFor();

    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "e2e-")), "beslut.pdf");
    writeFileSync(file, await textToPdf("Beslut om visselblåsarfunktion"));
    await page.getByLabel("Fil", { exact: true }).check();
    await page.getByLabel("Benämning").fill("Beslut i KS");
    await page.getByLabel("Fil (PDF, Word, Excel eller bild, högst 10 MB)").setInputFiles(file);
    await page.getByRole("button", { name: "Spara underlaget" }).click();
    await page.getByRole("link", { name: "Beslut i KS (beslut.pdf)" }).waitFor();

    await page.getByLabel("Ny status").selectOption("DONE");
    await page.getByRole("button", { name: "Ändra status" }).click();
    await page.getByText("Åtgärden är sparad.").waitFor();
    await page.getByRole("listitem").filter({ hasText: "ändrade status: Ej påbörjad → Klar" }).waitFor();
    expect((await getDb().action.findUniqueOrThrow({ where: { id: late.id } })).status).toBe("DONE");
    await expectNoAxeViolations(page);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Beslut i KS (beslut.pdf)" }).click();
    const saved = await (await download).path();
    expect(readFileSync(saved!).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("a council viewer browses and filters the plan, exports it to Excel, and is refused any change", async () => {
    const action = await createTestAction(tenant, tenant.coordinator.id, "2024-06-01", "Gammal försenad åtgärd");
    await signIn(page, tenant.viewer.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/plan`));
    expect(await page.getByRole("link", { name: "Ny åtgärd", exact: true }).count()).toBe(0);
    await page.getByLabel("Endast försenade").check();
    await page.getByRole("button", { name: "Visa" }).click();
    await page.waitForURL(/sena=1/);
    await page.getByRole("link", { name: "Gammal försenad åtgärd" }).waitFor();
    expect(await page.getByRole("link", { name: "Framtida åtgärd" }).count()).toBe(0);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Ladda ner som Excel" }).click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file!);
    const sheet = workbook.getWorksheet("Handlingsplan")!;
    expect(sheet.getRow(1).getCell(3).value).toBe("Åtgärd");
    const titles = sheet.getColumn(3).values.slice(2);
    expect(titles).toContain("Gammal försenad åtgärd");
    expect(titles).not.toContain("Framtida åtgärd");

    await page.goto(url(`/k/${tenant.municipality.slug}/atgarder/${action.id}`));
    expect(await page.getByRole("button", { name: "Ändra status" }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.evaluate((target) => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = target;
      for (const [name, value] of [["intent", "note"], ["body", "Försök"]]) {
        const input = document.createElement("input");
        input.name = name!;
        input.value = value!;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    }, `/k/${tenant.municipality.slug}/atgarder/${action.id}`);
    await page.getByRole("heading", { name: "Åtkomst nekad" }).waitFor();
    expect(await getDb().progressNote.count({ where: { actionId: action.id } })).toBe(0);
  });
});
