import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { renderReport } from "../fixtures/report-layouts.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { textToPdf } from "../helpers/documents.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { reportSpec } from "../helpers/report-spec.ts";

let browser: Browser;
let page: Page;
let tenant: Tenant;

describe.skipIf(skipBrowser)("importing a report in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-import");
    page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("uploads a PDF, corrects a value in the preview, confirms and sees the evaluation", async () => {
    const spec = fc.sample(reportSpec.filter((s) => s.version.firstYear < 2010), { numRuns: 1, seed: 5 })[0]!;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "e2e-")), "rapport.pdf");
    writeFileSync(file, await textToPdf(renderReport(spec, "pre2010-split-cells")));

    await page.goto(url(`/k/${tenant.municipality.slug}/utvarderingar`));
    await page.getByRole("link", { name: "Läs in en utvärderingsrapport" }).click();
    await page.getByRole("heading", { level: 1, name: "Läs in en utvärderingsrapport" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Rapportfil").setInputFiles(file);
    await page.getByRole("button", { name: "Läs in rapporten" }).click();

    await page.getByRole("heading", { level: 1, name: "Granska innan du sparar" }).waitFor();
    await expectNoAxeViolations(page);
    const first = page.getByLabel(spec.version.areas[0]!.questions[0]!.text);
    expect(await first.inputValue()).toBe(String(spec.areas[0]!.points["1.1"]).replace(".", ","));
    expect(await getDb().evaluation.count({ where: { municipalityId: tenant.municipality.id, year: spec.year } })).toBe(0);

    // A mistake is caught next to the field; the correction is then saved.
    await first.fill("99");
    await page.getByRole("button", { name: "Spara utvärderingen" }).click();
    await page.getByText("Ange poäng mellan 0 och 40 (högst två decimaler).").first().waitFor();
    expect(await page.getByLabel(spec.version.areas[0]!.questions[0]!.text).getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel(spec.version.areas[0]!.questions[0]!.text).fill("33,5");
    await page.getByRole("button", { name: "Spara utvärderingen" }).click();

    await page.getByRole("heading", { level: 1, name: `Utvärdering ${spec.year}` }).waitFor();
    await page.getByText("Utvärderingen är sparad.").waitFor();
    const row = page.getByRole("row", { name: /^1\.1 / });
    expect(await row.getByRole("cell").nth(2).textContent()).toBe("33,5");
    await page.getByText(spec.areas[0]!.improvements[0]!, { exact: true }).first().waitFor();
  });

  it("compares the evaluations over time, with the caveat across versions", async () => {
    await page.goto(url(`/k/${tenant.municipality.slug}/jamfor`));
    await page.getByRole("heading", { level: 1, name: "Jämförelse över tid" }).waitFor();
    await page.getByText("inte direkt jämförbara", { exact: false }).waitFor();
    await expectNoAxeViolations(page);
  });
});
