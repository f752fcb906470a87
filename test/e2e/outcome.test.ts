import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setNextEvaluationDate } from "~/models/municipality.server.ts";
import { createEvaluationClosingRound, saveDueSnapshots } from "~/workflows/new-round.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { actionOn, fictionalRound, finish, start } from "../helpers/rounds.ts";

let browser: Browser;
let tenant: Tenant;

describe.skipIf(skipBrowser)("Utfall mot prognos and the weights choice in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-utfall", await fictionalRound(2024));
    await setNextEvaluationDate(tenant.municipality.id, "2027-03-01");
    const deadline = "2027-03-01";
    const done = await actionOn(tenant, 1, "1.5", 2, "Klar etikpolicy", deadline);
    await finish(tenant, done.id);
    for (const [area, code] of [[1, "1.1"], [2, "2.1"], [4, "4.1"], [5, "5.1"]] as const) {
      const open = await actionOn(tenant, area, code, 1, `Pågående ${code}`, deadline);
      await start(tenant, open.id);
    }
    await saveDueSnapshots(new Date("2027-03-01T08:00:00Z"), tenant.municipality.id);
    await createEvaluationClosingRound(tenant.municipality.id, await fictionalRound(2027, { "1.5": 2, "3.1": 1 }), tenant.coordinator.id, new Date("2027-05-02T08:00:00Z"));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a council member reads Utfall mot prognos", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.viewer.email, PASSWORD);
    await page.getByRole("link", { name: "Utfall mot prognos" }).click();
    await page.getByRole("heading", { level: 1, name: "Utfall mot prognos" }).waitFor();
    const doneRose = page.getByRole("region", { name: "Klara åtgärder som följdes av en höjning" });
    expect(await doneRose.getByRole("listitem").allTextContents()).toEqual([expect.stringMatching(/^1\.5 .*Klar etikpolicy$/)]);
    const without = page.getByRole("region", { name: "Höjningar utan någon åtgärd" });
    expect(await without.getByRole("listitem").allTextContents()).toEqual([expect.stringMatching(/^3\.1 /)]);
    await page.getByRole("rowheader", { name: "Pågår i tid" }).waitFor();
    await page.getByText("4 öppna åtgärder fördes över till den nya utvärderingen.").waitFor();
    await expectNoAxeViolations(page);
  });

  it("the coordinator chooses own weights and sees the reason", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.getByRole("link", { name: "Inför utvärdering" }).click();
    await page.getByRole("heading", { name: "Vikter för sannolikhet" }).waitFor();
    await page.getByText("Era klara åtgärder följdes av 100 % av den beräknade höjningen (1 delfråga).").waitFor();
    await page.getByLabel("Egna vikter").check();
    await page.getByRole("button", { name: "Spara valet" }).click();
    await page.getByRole("status").filter({ hasText: "Valet av vikter är sparat." }).waitFor();
    await page.getByText("Prognosen använder egna vikter:").waitFor();
    // Four in progress, none done by the date: (0 + 3 × 0.7) / (4 + 3) = 30 %.
    await page.getByText("Pågår i tid: 30 %").waitFor();
    expect(await page.getByLabel("Egna vikter").isChecked()).toBe(true);
    await expectNoAxeViolations(page);
  });
});
