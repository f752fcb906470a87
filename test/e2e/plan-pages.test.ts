import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/** ADR 0049: a coordinator reads a long plan a page at a time, with and without JavaScript, by keyboard. */

let browser: Browser;
let tenant: Tenant;
const TOTAL = 55;

/** The list's top (where the page links lead) is in the window, not the filters above it. */
async function expectListInView(page: Page) {
  // boundingBox is read through the browser's protocol (relative to the window), so it works without JavaScript too.
  const top = (await page.locator("#planens-atgarder").boundingBox())!.y;
  expect(top).toBeGreaterThanOrEqual(-1);
  expect(top).toBeLessThan(page.viewportSize()!.height / 2);
}

const rows = (page: Page) => page.locator("main table tbody tr");

describe.skipIf(skipBrowser)("the plan a page at a time in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-plan-pages");
    for (let n = 1; n <= TOTAL; n++) await createTestAction(tenant, tenant.owner.id, "2027-05-31", `Sidad åtgärd ${n}`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`goes to the next page by keyboard, shows all on one page and back (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context: BrowserContext = await browser.newContext({ locale: "sv-SE", javaScriptEnabled });
      const page = await context.newPage();
      await signIn(page, tenant.coordinator.email, PASSWORD);
      await page.getByRole("link", { name: "Handlingsplan" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
      const pages = page.getByRole("navigation", { name: "Sidor i handlingsplanen", exact: true });
      await pages.getByText(`Visar åtgärd 1–50 av ${TOTAL}. Sida 1 av 2.`).waitFor();
      expect(await rows(page).count()).toBe(50);
      // axe runs in the page: only with JavaScript.
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await pages.getByRole("link", { name: "Nästa sida" }).focus();
      await page.keyboard.press("Enter");
      await pages.getByText(`Visar åtgärd 51–55 av ${TOTAL}. Sida 2 av 2.`).waitFor();
      expect(await rows(page).count()).toBe(TOTAL - 50);
      expect(await pages.locator('[aria-current="page"]').textContent()).toBe("Sida 2");
      // Focus moved to the list's top, which says where the reader is (with JavaScript; without, the browser starts there).
      if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.id)).toBe("planens-atgarder");
      await expectListInView(page);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await page.getByRole("navigation", { name: "Sidor i handlingsplanen (nederst)" }).getByRole("link", { name: `Visa alla ${TOTAL} på en sida` }).click();
      await page.getByText(`Visar alla ${TOTAL} åtgärder på en sida.`).first().waitFor();
      expect(await rows(page).count()).toBe(TOTAL);
      await page.getByRole("link", { name: "Visa 50 i taget" }).first().click();
      await pages.getByText(`Visar åtgärd 1–50 av ${TOTAL}.`, { exact: false }).waitFor();
      expect(await rows(page).count()).toBe(50);
      await context.close();
    });
  }
});
