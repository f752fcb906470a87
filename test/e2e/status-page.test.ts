import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockholmDate } from "~/domain/dates.ts";
import { setEvaluationTarget } from "~/models/municipality.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #14, item 1: Översikt is the status page, for the coordinator and the council member alike. */

let browser: Browser;
let tenant: Tenant;
const day = (offset: number) => stockholmDate(new Date(Date.now() + offset * 86_400_000));
const AREA = "1. Offentlighet och demokrati";

describe.skipIf(skipBrowser)("the status page in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-status");
    await setEvaluationTarget(tenant.municipality.id, { nextEvaluationDate: day(300), targetTotal: 630 });
    await createTestAction(tenant, tenant.owner.id, day(-12), "Sen åtgärd ett");
    await createTestAction(tenant, tenant.owner.id, day(-2), "Sen åtgärd två");
    await createTestAction(tenant, null, day(80), "Ingen har tagit den");
    await createTestAction(tenant, tenant.coordinator.id, day(7), "Snart dags");
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const role of ["coordinator", "viewer"] as const) {
    it(`a ${role} reads the status and a count leads to the plan filtered to that many actions`, async () => {
      const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
      await signIn(page, tenant[role].email, PASSWORD);
      expect(new URL(page.url()).pathname).toBe(`/k/${tenant.municipality.slug}`);
      await page.getByRole("heading", { level: 1, name: `${tenant.municipality.name} – översikt` }).waitFor();
      // The figures, each a link to its source.
      expect(await page.locator(".kpi .value").allTextContents()).toEqual(["599", expect.stringMatching(/^\d/), "630"]);
      await page.getByRole("heading", { name: "Läget per område" }).waitFor();
      const row = page.locator("tr", { has: page.getByRole("rowheader", { name: AREA, exact: true }) });
      expect(await row.getByText("Kräver åtgärd", { exact: true }).count()).toBe(1);
      expect(await row.getByText("2 försenade åtgärder", { exact: true }).count()).toBe(1);
      expect(await page.getByText("Så sätts lampan").count()).toBe(1);
      // After hydration the page still reads the same (nothing the browser bundle lacks).
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await page.getByRole("heading", { name: "Slutdatum inom 30 dagar" }).waitFor();
      await page.getByRole("link", { name: "Snart dags" }).waitFor();
      expect(await page.getByRole("link", { name: /^Ny åtgärd/ }).count()).toBe(role === "coordinator" ? await page.locator("#without-heading + ul li").count() : 0);
      await expectNoAxeViolations(page);

      await page.getByRole("link", { name: `2 försenade åtgärder i ${AREA}` }).click();
      await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
      expect(new URL(page.url()).search).toBe("?omrade=1&sena=1");
      expect(await page.locator("main table a[href*='/atgarder/']").allTextContents()).toEqual(["Sen åtgärd ett", "Sen åtgärd två"]);
      await expectNoAxeViolations(page);

      await page.goBack();
      await page.getByRole("link", { name: `1 åtgärd utan ansvarig i ${AREA}` }).click();
      await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
      expect(await page.getByLabel("Endast åtgärder utan ansvarig (som inte är klara)").isChecked()).toBe(true);
      expect(await page.locator("main table a[href*='/atgarder/']").allTextContents()).toEqual(["Ingen har tagit den"]);
      await page.context().close();
    });
  }
});
