import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createActionInArea, createTestAction } from "../helpers/plan.ts";

/** ADR 0049: a council member tries the plan in Tänk om one area at a time; a choice made in one area stays when moving to another. */

let browser: Browser;
let tenant: Tenant;

describe.skipIf(skipBrowser)("Tänk om by area in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-tankom-omraden");
    await createTestAction(tenant, tenant.owner.id, "2027-03-31", "Etikutbildning för chefer");
    await createActionInArea(tenant, 2, "Ny brukarundersökning");
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`leaves out an action in area 1, looks at area 2 and back, the choice kept (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled });
      const page = await context.newPage();
      await signIn(page, tenant.viewer.email, PASSWORD);
      await page.goto(url(`/k/${tenant.municipality.slug}/infor-utvardering/tank-om`));
      await page.getByRole("heading", { level: 1, name: "Tänk om …" }).waitFor();
      expect(await page.getByLabel("Ny brukarundersökning").count()).toBe(0);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await page.getByLabel("Etikutbildning för chefer").uncheck();
      await page.getByLabel("Område", { exact: true }).selectOption({ index: 1 });
      await page.getByRole("button", { name: "Visa området" }).click();
      await page.getByText("I andra områden har du slagit av 1 åtgärd.").waitFor();
      expect(await page.getByLabel("Ny brukarundersökning").isChecked()).toBe(true);
      expect(await page.getByLabel("Etikutbildning för chefer").count()).toBe(0);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      // Enter in an effect field runs the trial with the new effect and stays in the area, the field keeping focus.
      const effect = page.getByLabel(/^2\.\d+ /);
      await effect.fill("0,5");
      await effect.press("Enter");
      await page.waitForURL((u) => [...u.searchParams.values()].includes("0,5"));
      await page.getByText("I andra områden har du slagit av 1 åtgärd.").waitFor();
      expect(await page.getByLabel("Ny brukarundersökning").count()).toBe(1);
      expect(await page.getByLabel(/^2\.\d+ /).inputValue()).toBe("0,5");
      if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.getAttribute("name") ?? "")).toMatch(/^effekt\./);
      const status = (await page.getByRole("status").filter({ hasText: "Med dina ändringar" }).textContent()) ?? "";

      await page.getByLabel("Område", { exact: true }).selectOption({ index: 0 });
      await page.getByRole("button", { name: "Räkna om" }).click();
      await page.getByLabel("Etikutbildning för chefer").waitFor();
      // "Räkna om" takes the reader to the result, above the long list (with JavaScript; without, the page loads at its top).
      if (javaScriptEnabled) await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("tank-om-resultat");
      expect(await page.getByLabel("Etikutbildning för chefer").isChecked()).toBe(false);
      expect((await page.getByRole("status").filter({ hasText: "Med dina ändringar" }).textContent()) ?? "").toBe(status);

      // Återställ starts over: every action counts again.
      await page.getByRole("link", { name: "Återställ" }).click();
      await page.getByRole("heading", { level: 1, name: "Tänk om …" }).waitFor();
      await page.waitForURL((u) => u.search === "");
      // The URL changes as the new page is rendered: asked again until it is.
      await expect.poll(() => page.getByLabel("Etikutbildning för chefer").isChecked(), { timeout: 5_000 }).toBe(true);
      expect(await page.getByText("Med dina ändringar").count()).toBe(0);
      await context.close();
    });
  }
});
