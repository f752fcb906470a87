import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { ensureCatalog, PASSWORD } from "../helpers/fixtures.ts";
import { setUpTwoStepInBrowser } from "../helpers/two-step.ts";

/** Issue #13, item 1 in Chromium: the operator's framework version list, the create form with an error next to its field, and a version's page. */
let browser: Browser;

describe.skipIf(skipBrowser)("framework versions in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    await ensureCatalog();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the operator reaches Ramverk from Drift, is shown an error next to the field, creates a version and opens it; axe finds nothing", async () => {
    const suffix = randomUUID().slice(0, 8);
    const operator = await createUserWithPassword({ email: `drift-e2e-ramverk-${suffix}@test.se`, name: "Rut Ramverk", password: PASSWORD, isOperator: true });
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, operator.email, PASSWORD);
    await setUpTwoStepInBrowser(page);
    await page.goto(url("/drift"));
    await page.getByRole("link", { name: "Ramverk", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/drift/ramverk");
    await page.getByRole("heading", { level: 1, name: "Ramverk" }).waitFor();
    // The shared correspondences between versions are reached from here too.
    expect(await page.getByRole("link", { name: "Gemensamma motsvarigheter mellan versioner" }).getAttribute("href")).toBe("/drift/ramverk/motsvarigheter");
    await page.getByRole("link", { name: "Kommunkompassen 2010" }).waitFor();
    await expectNoAxeViolations(page);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

    const key = `prov-e2e-${suffix}`;
    await page.getByLabel("Namn", { exact: true }).fill("Påhittad webbläsarversion");
    await page.getByLabel("Nyckel", { exact: true }).fill(key);
    await page.getByLabel("Första år", { exact: true }).fill("2034");
    await page.getByLabel("Områden (ett per rad)").fill("Första området; 100\nAndra området; 0");
    await page.getByRole("button", { name: "Skapa versionen" }).click();
    await page.getByText("Område 2: maxpoängen ska vara ett tal större än 0 och högst 1 000, med högst två decimaler.").first().waitFor();
    const areas = page.getByLabel("Områden (ett per rad)");
    expect(await areas.getAttribute("aria-invalid")).toBe("true");
    expect(await areas.getAttribute("aria-describedby")).toContain("field-areas-error");
    await expectNoAxeViolations(page);
    expect(await getDb().frameworkVersion.count({ where: { key } })).toBe(0);

    await areas.fill("Första området; 100\nAndra området; 50");
    await page.getByRole("button", { name: "Skapa versionen" }).click();
    await page.waitForURL((u) => u.pathname === `/drift/ramverk/${key}`);
    await page.getByRole("heading", { level: 1, name: "Påhittad webbläsarversion" }).waitFor();
    await page.getByText("Versionen Påhittad webbläsarversion är skapad.").waitFor();
    await expectNoAxeViolations(page);
    expect(await getDb().frameworkArea.count({ where: { version: { key } } })).toBe(2);

    // A version with sub-questions, its evaluations and the correction form.
    await page.goto(url("/drift/ramverk/2010"));
    await page.getByRole("heading", { level: 1, name: "Kommunkompassen 2010" }).waitFor();
    await page.getByLabel("Text för delfråga 1.5").waitFor();
    await expectNoAxeViolations(page);
  });
});
