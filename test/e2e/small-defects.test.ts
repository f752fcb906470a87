import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";

/** Issue #14, item 9: the smaller defects found in use that are about the page's behaviour. */
let browser: Browser;
let tenant: Tenant;

async function coordinatorPage(): Promise<Page> {
  const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await signIn(page, tenant.coordinator.email, PASSWORD);
  return page;
}

describe.skipIf(skipBrowser)("smaller defects in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-smafel");
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("Användare: the invite form is emptied after an invitation, and each member row has one save button", async () => {
    const page = await coordinatorPage();
    await page.goto(url(`/k/${tenant.municipality.slug}/anvandare`));
    const email = `tom-${tenant.municipality.slug}@test.kompassplan.se`;
    await page.getByLabel("Namn").fill("Tove Tom");
    await page.getByLabel("E-postadress").fill(email);
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await page.getByText(`En inbjudan har skickats till ${email}.`).waitFor();
    expect(await page.getByLabel("Namn").inputValue()).toBe("");
    expect(await page.getByLabel("E-postadress").inputValue()).toBe("");
    await expectNoAxeViolations(page);

    const row = page.getByRole("row", { name: /Tove Tom/ });
    expect(await row.getByRole("button", { name: /Spara/ }).count()).toBe(1);
    await page.getByLabel("Roll för Tove Tom", { exact: true }).selectOption("VIEWER");
    await page.getByLabel("Chef för Tove Tom", { exact: true }).selectOption({ label: tenant.owner.name });
    await row.getByRole("button", { name: "Spara roll och chef för Tove Tom" }).click();
    await page.getByText("Rollen är ändrad. Chefen är sparad.").waitFor();
    const membership = await getDb().membership.findFirstOrThrow({ where: { municipalityId: tenant.municipality.id, user: { email } } });
    expect(membership.role).toBe("VIEWER");
    expect(membership.managerId).toBe(tenant.owner.id);
    await expectNoAxeViolations(page);
  });
});
