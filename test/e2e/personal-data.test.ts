import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";

/** The accessibility statement from every page's footer, and erasing a person through the confirmation step. */
let browser: Browser;
let tenant: Tenant;

describe.skipIf(skipBrowser)("accessibility statement and erasure in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-gdpr");
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("reaches Om tillgänglighet from the footer of the sign-in page, an error page and a signed-in page", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await page.goto(url("/logga-in"));
    await page.getByRole("contentinfo").getByRole("link", { name: "Om tillgänglighet" }).click();
    await page.waitForURL((u) => u.pathname === "/om-tillganglighet");
    await page.getByRole("heading", { level: 1, name: "Om tillgänglighet" }).waitFor();
    for (const text of ["WCAG 2.1", "Kända brister", "Myndigheten för digital förvaltning (Digg)", "axe", "tangentbordet", "26 november 2026"]) {
      expect(await page.getByText(text, { exact: false }).count(), text).toBeGreaterThan(0);
    }
    await expectNoAxeViolations(page);

    const missing = await page.goto(url("/sidan-finns-inte"));
    expect(missing?.status()).toBe(404);
    await page.getByRole("contentinfo").getByRole("link", { name: "Om tillgänglighet" }).click();
    await page.waitForURL((u) => u.pathname === "/om-tillganglighet");

    await signIn(page, tenant.owner.email, PASSWORD);
    await page.getByRole("contentinfo").getByRole("link", { name: "Om tillgänglighet" }).waitFor();
    await expectNoAxeViolations(page);
  });

  it("erases a member after the confirmation step, which says what happens and asks for the box to be ticked", async () => {
    const person = await createUserWithPassword({ email: `rut-${tenant.municipality.slug}@test.kompassplan.se`, name: "Rut Raderas", password: PASSWORD });
    await addMembership(tenant.municipality.id, person.id, "VIEWER");
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/anvandare`));
    await page.getByRole("link", { name: "Radera personuppgifter för Rut Raderas" }).click();
    await page.getByRole("heading", { level: 1, name: "Radera personuppgifter för Rut Raderas" }).waitFor();
    await page.getByText("Det går inte att ångra.").waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Radera personuppgifter" }).click();
    await page.locator(".field-error").getByText("Kryssa i rutan för att bekräfta.").waitFor();
    const box = page.getByLabel("Jag förstår att personuppgifterna raderas och att det inte går att ångra");
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page);

    await box.check();
    await page.getByRole("button", { name: "Radera personuppgifter" }).click();
    const pseudonym = `Borttagen användare ${person.id.replace(/-/g, "").slice(0, 8)}`;
    await page.getByText(`Personen visas nu som ”${pseudonym}”.`).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Tillbaka till användarna" }).click();
    await page.getByRole("heading", { level: 1, name: "Användare" }).waitFor();
    expect(await page.getByText("Rut Raderas").count()).toBe(0);
  });

  it("works without JavaScript", async () => {
    const person = await createUserWithPassword({ email: `utan-js-${tenant.municipality.slug}@test.kompassplan.se`, name: "Utan Skript", password: PASSWORD });
    await addMembership(tenant.municipality.id, person.id, "OWNER");
    const page = await (await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/anvandare/${person.id}/radera`));
    await page.getByRole("button", { name: "Radera personuppgifter" }).click();
    await page.locator(".field-error").getByText("Kryssa i rutan för att bekräfta.").waitFor();
    await page.getByLabel("Jag förstår att personuppgifterna raderas och att det inte går att ångra").check();
    await page.getByRole("button", { name: "Radera personuppgifter" }).click();
    await page.getByText("Personuppgifterna är raderade. Personen visas nu som").waitFor();
  });
});
