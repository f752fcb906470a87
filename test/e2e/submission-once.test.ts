import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";
import { waitFor } from "../helpers/wait.ts";

/**
 * Submission keys in Chromium with JavaScript (issue #10, item 17): the page is not reloaded
 * between two notes, so the key must change with the loader data after each submission, or
 * the second note would be taken for a repeat of the first and silently dropped.
 */

let browser: Browser;
let page: Page;
let tenant: Tenant;

describe.skipIf(skipBrowser)("submission keys in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-nyckel");
    page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("two notes written one after the other on the same page are two notes", async () => {
    const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Två anteckningar");
    const notes = () => getDb().progressNote.findMany({ where: { actionId: action.id }, select: { body: true }, orderBy: { createdAt: "asc" } });
    await signIn(page, tenant.owner.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/atgarder/${action.id}`));
    await page.locator("html[data-hydrated]").waitFor();
    const key = () => page.locator('form:has(input[value="note"]) input[name="submissionKey"]').inputValue();
    const first = await key();

    await page.getByLabel("Anteckning", { exact: true }).fill("Första");
    await page.getByRole("button", { name: "Spara anteckningen" }).click();
    await page.getByText("Åtgärden är sparad.").waitFor();
    await waitFor(async () => (await key()) !== first);

    await page.getByLabel("Anteckning", { exact: true }).fill("Andra");
    await page.getByRole("button", { name: "Spara anteckningen" }).click();
    await waitFor(async () => (await notes()).length >= 2, 10_000);
    expect(await notes()).toEqual([{ body: "Första" }, { body: "Andra" }]);
  });
});
