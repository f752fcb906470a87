import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership, inviteMember } from "~/models/user.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/** The pages outside the main journeys: the plan's print view, accepting an invitation, choosing a municipality. */
let browser: Browser;
let tenant: Tenant;
let second: Tenant;

describe.skipIf(skipBrowser)("other pages in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    [tenant, second] = await Promise.all([createTenant("e2e-ovrigt"), createTenant("e2e-andra")]);
    await createTestAction(tenant, tenant.owner.id, "2026-03-01", "Försenad utskriftsåtgärd");
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the plan's print view has no menus or filters and passes axe", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/plan`));
    await page.getByRole("link", { name: "Utskriftsvänlig version" }).click();
    await page.waitForURL((u) => u.searchParams.get("utskrift") === "1");
    await page.getByText("Försenad utskriftsåtgärd").first().waitFor();
    expect(await page.getByRole("heading", { name: "Filtrera" }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Huvudmeny" }).isVisible()).toBe(false);
  });

  it("an invited person chooses a password, with errors next to the fields, and lands in the municipality", async () => {
    const invited = await inviteMember(tenant.municipality.id, { email: `ny-${tenant.municipality.slug}@test.se`, name: "Nina Ny", role: "OWNER" }, tenant.coordinator.id);
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await page.goto(url(`/inbjudan/${invited.token}`));
    await page.getByRole("heading", { name: "Välkommen till Kompassplan" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Nytt lösenord").fill("kort");
    await page.getByLabel("Upprepa lösenordet").fill("kort");
    await page.getByRole("button", { name: "Aktivera kontot" }).click();
    await page.getByText("Lösenordet måste vara minst 10 tecken.").first().waitFor();
    expect(await page.getByLabel("Nytt lösenord").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page);
    await page.getByLabel("Nytt lösenord").fill("Ett-bra-lösenord-2026");
    await page.getByLabel("Upprepa lösenordet").fill("Ett-bra-lösenord-2026");
    await page.getByRole("button", { name: "Aktivera kontot" }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/k/${tenant.municipality.slug}`));
    await page.getByText("Inloggad som Nina Ny").waitFor();

    const again = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await again.goto(url(`/inbjudan/${invited.token}`));
    await again.getByText("Inbjudan är ogiltig eller har gått ut. Be din samordnare om en ny.").first().waitFor();
  });

  it("a person in two municipalities chooses one from the list", async () => {
    await addMembership(second.municipality.id, tenant.viewer.id, "VIEWER");
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.viewer.email, PASSWORD);
    await page.waitForURL((u) => u.pathname === "/kommuner");
    await page.getByRole("heading", { level: 1, name: "Kommuner" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: second.municipality.name }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/k/${second.municipality.slug}`));
  });
});
