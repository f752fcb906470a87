import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { renderReport } from "../fixtures/report-layouts.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { textToPdf } from "../helpers/documents.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { reportUnknownSpec } from "../helpers/report-spec.ts";

/**
 * The import preview with "Ny ramverksversion" (issue #13), in Chromium with axe. The report is
 * generated and FICTIONAL, of a version whose area names match none in the catalog, so the
 * coordinator also names the version (the 2020 row may already be learned by other tests).
 */

let browser: Browser;
let page: Page;
let tenant: Tenant;
const key = `fiktiv-${randomUUID().slice(0, 8)}`;

describe.skipIf(skipBrowser)("a report of a new framework version in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-learned");
    page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await getDb().evaluation.deleteMany({ where: { frameworkVersion: { key } } });
    await getDb().frameworkVersion.deleteMany({ where: { key } });
  });

  it("shows 'Ny ramverksversion', catches a bad maximum next to the area, and saves version and evaluation", async () => {
    const spec = fc.sample(reportUnknownSpec, { numRuns: 1, seed: 77 })[0]!;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "e2e-")), "fiktiv-rapport.pdf");
    writeFileSync(file, await textToPdf(renderReport(spec, "2010-tabs")));

    await page.goto(url(`/k/${tenant.municipality.slug}/utvarderingar/ny`));
    await page.getByLabel("Rapportfil").setInputFiles(file);
    await page.getByRole("button", { name: "Läs in rapporten" }).click();
    await page.getByRole("heading", { level: 2, name: "Ny ramverksversion" }).waitFor();
    await expectNoAxeViolations(page);

    const first = spec.version.areas[0]!.questions[0]!;
    expect(await page.getByLabel(`Text för delfråga ${first.code}`).inputValue()).toBe(first.text);
    await page.getByLabel("Versionens nyckel").fill(key);
    await page.getByLabel("Versionens namn").fill("Fiktiv testversion");
    await page.getByLabel(`Maxpoäng för delfråga ${first.code}`).fill(String(first.maxPoints + 1));
    await page.getByRole("button", { name: "Spara utvärderingen" }).click();
    await page.getByText(`Delfrågornas maxpoäng i område 1 ${spec.version.areas[0]!.name} blir 101`).first().waitFor();
    await expectNoAxeViolations(page);
    expect(await getDb().frameworkVersion.count({ where: { key } })).toBe(0);

    await page.getByLabel(`Maxpoäng för delfråga ${first.code}`).fill(String(first.maxPoints));
    await page.getByLabel(`Text för delfråga ${first.code}`).fill("Rättad fiktiv delfråga");
    await page.getByRole("button", { name: "Spara utvärderingen" }).click();
    await page.getByText("Utvärderingen är sparad.").waitFor();

    const version = await getDb().frameworkVersion.findUniqueOrThrow({ where: { key }, include: { areas: { include: { questions: true } }, evaluations: true } });
    expect(version.name).toBe("Fiktiv testversion");
    expect(version.areas.flatMap((a) => a.questions).find((q) => q.code === first.code)?.text).toBe("Rättad fiktiv delfråga");
    expect(version.evaluations.map((e) => e.municipalityId)).toEqual([tenant.municipality.id]);
  });
});
