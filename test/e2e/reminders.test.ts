import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { runReminderTick } from "~/workflows/reminders.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";
import { setUpTwoStepInBrowser } from "../helpers/two-step.ts";

let browser: Browser;
let page: Page;
let tenant: Tenant;

describe.skipIf(skipBrowser)("reminders in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-remind");
    page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a coordinator sets the municipality's policy and reads a reminder in the outbox; it shows in the action's timeline", async () => {
    const action = await createTestAction(tenant, tenant.owner.id, "2026-12-16", "Påminnelse i utkorgen");
    await runReminderTick(new Date("2026-12-23T08:00:00Z"), async () => {}, tenant.municipality.id);
    await getDb().mailMessage.updateMany({ where: { actionId: action.id }, data: { status: "KEPT", sentAt: new Date() } });

    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.getByRole("link", { name: "Påminnelser" }).click();
    await page.getByRole("heading", { level: 1, name: "Påminnelser och eskalering" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Påminn så här många dagar före slutdatum").fill("21, 7, 1");
    await page.getByRole("button", { name: "Spara inställningarna" }).click();
    await page.getByText("Inställningarna är sparade.").waitFor();
    expect((await getDb().reminderPolicy.findUniqueOrThrow({ where: { municipalityId: tenant.municipality.id } })).daysBefore).toEqual([21, 7, 1]);

    await page.getByRole("link", { name: "Utkorg" }).click();
    await page.getByRole("heading", { level: 1, name: "Utkorg" }).waitFor();
    const letter = page.locator("details").filter({ has: page.getByText("Försenad åtgärd: Påminnelse i utkorgen", { exact: true }) });
    await letter.locator("summary").click();
    await letter.locator("pre").waitFor({ state: "visible" });
    expect(await letter.locator("pre").textContent()).toContain(`/atgarder/${action.id}`);
    await expectNoAxeViolations(page);

    await page.goto(url(`/k/${tenant.municipality.slug}/atgarder/${action.id}`));
    // The mail was only kept in the outbox (no SMTP here), and the history says so rather than "skickade e-post".
    await page.getByRole("listitem").filter({ hasText: `skickade inte e-post (sparat i utkorgen): Försenad → ${tenant.owner.email}` }).waitFor();
  });

  it("an owner chooses a weekly digest; an operator sees the queues' health", async () => {
    const owner = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(owner, tenant.owner.email, PASSWORD);
    await owner.goto(url(`/k/${tenant.municipality.slug}/mina-atgarder`));
    await owner.getByLabel("En sammanställning i veckan").check();
    await owner.getByRole("button", { name: "Spara", exact: true }).click();
    await owner.getByText("Ditt val är sparat.").waitFor();
    expect((await getDb().user.findUniqueOrThrow({ where: { id: tenant.owner.id } })).digestPreference).toBe("WEEKLY");
    await expectNoAxeViolations(owner);

    const operator = await createUserWithPassword({ email: `drift-e2e-${tenant.municipality.slug}@test.se`, name: "Drift", password: PASSWORD, isOperator: true });
    const ops = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(ops, operator.email, PASSWORD);
    await setUpTwoStepInBrowser(ops); // operators use two-step sign-in first
    await ops.getByRole("link", { name: "Drift" }).click();
    await ops.getByRole("heading", { level: 1, name: "Drift" }).waitFor();
    await ops.getByRole("rowheader", { name: "Påminnelser", exact: true }).waitFor();
    await expectNoAxeViolations(ops);
  });
});
