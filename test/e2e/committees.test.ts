import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #14, item 5: a coordinator keeps the committees, assigns one to an action, filters and groups the plan by it. */

let browser: Browser;
let context: BrowserContext;
let page: Page;
let tenant: Tenant;

describe.skipIf(skipBrowser)("committees in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-committees");
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: "sv-SE" });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  it("the coordinator adds a committee, gives an action it and a diarienummer, then filters and groups the plan", async () => {
    await createTestAction(tenant, tenant.owner.id, "2027-04-30", "Nämndens e2e-åtgärd");
    await createTestAction(tenant, tenant.owner.id, "2027-05-31", "Åtgärd utan nämnd");
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.getByRole("link", { name: "Handlingsplan" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
    await page.getByRole("link", { name: "Nämnder och förvaltningar" }).click();
    await page.getByRole("heading", { level: 1, name: "Nämnder och förvaltningar" }).waitFor();
    await expectNoAxeViolations(page);

    // An empty name is refused next to the field, then the committee is added.
    await page.getByLabel("Namn", { exact: true }).fill(" ");
    await page.getByRole("button", { name: "Lägg till" }).click();
    await page.getByText("Ange ett namn (högst 120 tecken).").first().waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Namn", { exact: true }).fill("Barn- och utbildningsnämnden");
    await page.getByRole("button", { name: "Lägg till" }).click();
    await page.getByText("Barn- och utbildningsnämnden är tillagd.").waitFor();
    await page.getByRole("rowheader", { name: "Barn- och utbildningsnämnden" }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Handlingsplan" }).first().click();
    await page.getByRole("link", { name: "Nämndens e2e-åtgärd" }).click();
    await page.getByRole("link", { name: "Redigera åtgärden" }).click();
    await page.getByLabel("Nämnd eller förvaltning").selectOption({ label: "Barn- och utbildningsnämnden" });
    await page.getByLabel("Diarienummer, paragraf").fill("BUN 2026/77, § 12");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Spara åtgärden" }).click();
    await page.getByText("Åtgärden är sparad.").waitFor();
    await page.getByText("BUN 2026/77, § 12", { exact: true }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Handlingsplan" }).first().click();
    await page.getByLabel("Nämnd eller förvaltning").selectOption({ label: "Barn- och utbildningsnämnden" });
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await page.waitForURL(/namnd=/);
    await page.getByRole("link", { name: "Nämndens e2e-åtgärd" }).waitFor();
    expect(await page.getByRole("link", { name: "Åtgärd utan nämnd" }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await page.getByLabel("Nämnd eller förvaltning").selectOption({ label: "Alla" });
    await page.getByLabel("Visning").selectOption({ label: "Grupperad efter nämnd eller förvaltning" });
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await page.waitForURL(/visning=namnd/);
    const bun = page.getByRole("region", { name: /Barn- och utbildningsnämnden/ });
    await bun.getByRole("link", { name: "Nämndens e2e-åtgärd" }).waitFor();
    await bun.getByRole("cell", { name: "BUN 2026/77, § 12" }).waitFor();
    await page.getByRole("region", { name: /Ingen nämnd angiven/ }).getByRole("link", { name: "Åtgärd utan nämnd" }).waitFor();
    await expectNoAxeViolations(page);

    const committee = await getDb().committee.findFirstOrThrow({ where: { municipalityId: tenant.municipality.id } });
    expect(await getDb().action.count({ where: { committeeId: committee.id, decisionReference: "BUN 2026/77, § 12" } })).toBe(1);
  });
});
