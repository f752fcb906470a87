import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { setUpTwoStepInBrowser } from "../helpers/two-step.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #12: removing a user with reassignment (with and without JavaScript), and reading and exporting the audit log. */
let browser: Browser;
let tenant: Tenant;

async function member(name: string) {
  const user = await createUserWithPassword({ email: `${name.toLowerCase().replace(/\W/g, "")}-${tenant.municipality.slug}@test.se`, name, password: PASSWORD });
  await addMembership(tenant.municipality.id, user.id, "OWNER");
  return user;
}

describe.skipIf(skipBrowser)("removing a user and the audit log in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-bort");
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a coordinator removes a user, handing their open actions to others in the same step", async () => {
    const leaver = await member("Lisa Lämnar");
    const first = await createTestAction(tenant, leaver.id, "2027-02-01", "Lisas första åtgärd");
    const second = await createTestAction(tenant, leaver.id, "2027-03-01", "Lisas andra åtgärd");
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/anvandare`));
    await page.getByRole("button", { name: "Ta bort Lisa Lämnar" }).click();
    await page.getByRole("heading", { level: 1, name: "Ta bort Lisa Lämnar" }).waitFor();
    await page.getByText("Lisa Lämnar äger 2 öppna åtgärder.", { exact: false }).waitFor();
    await expectNoAxeViolations(page);

    // Confirming without a new owner is refused, and says why.
    await page.getByRole("button", { name: "Ta bort Lisa Lämnar" }).click();
    await page.getByRole("alert").filter({ hasText: "Personen äger 2 öppna åtgärder." }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel("Ny ansvarig för alla").selectOption({ label: tenant.owner.name });
    await page.getByText("Välj ny ansvarig per åtgärd").click();
    await page.getByLabel("Ny ansvarig för Lisas andra åtgärd").selectOption({ label: tenant.coordinator.name });
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Ta bort Lisa Lämnar" }).click();
    await page.getByText("2 åtgärder har fått ny ansvarig.", { exact: false }).waitFor();
    await page.getByRole("heading", { level: 1, name: "Användare" }).waitFor();
    expect(await page.getByRole("cell", { name: "Lisa Lämnar" }).count()).toBe(0);
    await expectNoAxeViolations(page);
    const owners = await getDb().action.findMany({ where: { id: { in: [first.id, second.id] } }, select: { id: true, ownerId: true } });
    expect(Object.fromEntries(owners.map((a) => [a.id, a.ownerId]))).toEqual({ [first.id]: tenant.owner.id, [second.id]: tenant.coordinator.id });
  });

  it("without JavaScript the removal is a confirmation page of its own", async () => {
    const leaver = await member("Nils Nojs");
    const action = await createTestAction(tenant, leaver.id, "2027-04-01", "Nils åtgärd");
    const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/anvandare`));
    await page.getByRole("button", { name: "Ta bort Nils Nojs" }).click();
    await page.waitForURL((u) => u.searchParams.get("ta-bort") === leaver.id);
    await page.getByText("Nils Nojs äger en öppen åtgärd.", { exact: false }).waitFor();
    await page.getByText("Kontot, anteckningarna, underlagen och historiken finns kvar", { exact: false }).waitFor();
    // (axe needs JavaScript in the page; the same confirmation passes axe in the test above.)
    await page.getByLabel("Ny ansvarig för alla").selectOption({ label: tenant.owner.name });
    await page.getByRole("button", { name: "Ta bort Nils Nojs" }).click();
    await page.getByText("En åtgärd har fått ny ansvarig.", { exact: false }).waitFor();
    expect((await getDb().action.findUniqueOrThrow({ where: { id: action.id } })).ownerId).toBe(tenant.owner.id);
    expect(await getDb().membership.count({ where: { userId: leaver.id, municipalityId: tenant.municipality.id } })).toBe(0);
  });

  it("a coordinator reads the log, filters it and exports it as CSV", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Logg", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Logg" }).waitFor();
    await page.getByRole("cell", { name: "Borttagen ur kommunen" }).first().waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel("Typ av händelse").selectOption({ label: "Inloggningar" });
    await page.getByRole("button", { name: "Visa" }).click();
    await page.waitForURL((u) => u.searchParams.get("typ") === "sign-in");
    await page.getByRole("cell", { name: "Inloggning", exact: true }).first().waitFor();
    expect(await page.getByRole("cell", { name: "Borttagen ur kommunen" }).count()).toBe(0);

    await page.getByLabel("Från och med").fill("2026-05-01");
    await page.getByLabel("Till och med").fill("2026-04-01");
    await page.getByRole("button", { name: "Visa" }).click();
    await page.getByText("Slutdatumet kan inte vara före startdatumet.").first().waitFor();
    expect(await page.getByLabel("Till och med").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page);

    await page.goto(url(`/k/${tenant.municipality.slug}/logg?typ=members`));
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Ladda ner som CSV" }).click();
    const text = readFileSync((await (await download).path())!, "utf8");
    expect(text.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("Tid;Vem;Händelse;Gäller;Fält;Före;Efter;Orsak");
    expect(text).toContain("Borttagen ur kommunen;Lisa Lämnar");
    expect(text).not.toContain("Inloggning");
  });

  it("an operator reads every municipality's log", async () => {
    const operator = await createUserWithPassword({ email: `drift-e2e-${tenant.municipality.slug}@test.se`, name: "Drift E2E", password: PASSWORD, isOperator: true });
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, operator.email, PASSWORD);
    await setUpTwoStepInBrowser(page); // operators use two-step sign-in first
    await page.goto(url("/drift"));
    await page.getByRole("link", { name: "Logg för alla kommuner" }).click();
    await page.getByRole("heading", { level: 1, name: "Logg för alla kommuner" }).waitFor();
    await page.getByLabel("Kommun", { exact: true }).selectOption({ label: tenant.municipality.name });
    await page.getByRole("button", { name: "Visa" }).click();
    await page.getByRole("cell", { name: tenant.municipality.name }).first().waitFor();
    await expectNoAxeViolations(page);
  });
});
