import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setNextEvaluationDate } from "~/models/municipality.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createFictionalVersion, removeFictionalVersion } from "../helpers/fictional-version.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

let browser: Browser;
let tenant: Tenant;
let fictional: Awaited<ReturnType<typeof createFictionalVersion>>;

/** Issue #13, item 4 in Chromium: the readiness page in a FICTIONAL newer version, and recording a correspondence. */
describe.skipIf(skipBrowser)("correspondences across versions in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-motsv");
    await setNextEvaluationDate(tenant.municipality.id, "2030-06-30");
    await createTestAction(tenant, tenant.owner.id, "2029-03-01", "Etikutbildning (fiktiv)");
    fictional = await createFictionalVersion();
  });
  afterAll(async () => {
    await browser?.close();
    if (fictional) await removeFictionalVersion(fictional.id, [tenant.municipality.id]);
  });

  it("the coordinator sees the projection in the next version, records a correspondence (after an error next to the field) and the action counts again", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.getByRole("link", { name: "Inför utvärdering" }).click();
    // Nothing maps into the newer version yet, so the coordinator chooses it for the next evaluation.
    await page.getByLabel("Version", { exact: true }).selectOption({ label: fictional.name });
    await page.getByRole("button", { name: "Spara version" }).click();
    await page.getByRole("status").filter({ hasText: "Versionen för nästa utvärdering är sparad." }).waitFor();
    await page.getByText(`Prognosen visas i ${fictional.name}, som nästa utvärdering använder.`).waitFor();
    await page.getByRole("heading", { name: "Åtgärder utan motsvarighet i den nya versionen" }).waitFor();
    await page.getByRole("link", { name: "Etikutbildning (fiktiv): 1.5 (ingen av åtgärdens delfrågor har motsvarighet)" }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Ange motsvarigheter" }).click();
    await page.getByRole("heading", { level: 1, name: "Motsvarigheter mellan versioner" }).waitFor();
    await page.getByRole("link", { name: "Ändra motsvarigheter för 1.5" }).click();
    await page.getByRole("heading", { name: "Motsvarigheter för 1.5 Etik - hur hantera korruption?" }).waitFor();
    await page.getByLabel("Ny delfråga 1", { exact: true }).selectOption({ label: "1.1 Fiktiv delfråga 1.1" });
    await page.getByLabel("Andel 1 (%)").fill("70");
    await page.getByLabel("Ny delfråga 2", { exact: true }).selectOption({ label: "1.2 Fiktiv delfråga 1.2" });
    await page.getByLabel("Andel 2 (%)").fill("50");
    await page.getByRole("button", { name: "Spara motsvarigheter" }).click();
    const error = page.locator("#field-share-1-error");
    await error.waitFor();
    expect(await error.textContent()).toBe("Andelarna blir tillsammans 120 %; de får vara högst 100 %.");
    expect(await page.getByLabel("Andel 2 (%)").getAttribute("aria-invalid")).toBe("true");
    // Nothing typed is lost.
    expect(await page.getByLabel("Andel 1 (%)").inputValue()).toBe("70");
    await expectNoAxeViolations(page);

    await page.getByLabel("Andel 2 (%)").fill("30");
    await page.getByRole("button", { name: "Spara motsvarigheter" }).click();
    await page.getByRole("status").filter({ hasText: "Motsvarigheterna är sparade." }).waitFor();
    await page.getByText("1.1 Fiktiv delfråga 1.1 (70 %)").waitFor();
    await expectNoAxeViolations(page);

    await page.goto(url(`/k/${tenant.municipality.slug}/infor-utvardering`));
    await page.getByText("Alla åtgärder har motsvarigheter i den nya versionen.").waitFor();
    // The demo's 3 points on 1.5 × 70 % = 2,1 on the fictional 1.1.
    await page.getByText(/^1\.1 Fiktiv delfråga 1\.1: nu 2,1/).click();
    const fold = page.locator("details").filter({ has: page.getByText(/^1\.1 Fiktiv delfråga 1\.1: nu 2,1/) });
    await fold.getByRole("link", { name: "Etikutbildning (fiktiv)" }).waitFor();
    expect(await fold.getByText(/: \+1,4 × \d+ % – /).count()).toBe(1);
    await expectNoAxeViolations(page);
  });
});
