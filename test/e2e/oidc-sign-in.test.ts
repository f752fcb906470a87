import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { startTestProvider, TEST_CLIENT, type TestProvider } from "../helpers/oidc-provider.ts";

/**
 * The coordinator sets up the municipality's OpenID Connect provider, and a member signs in
 * through it in Chromium, against a real oidc-provider started here; a refused sign-in shows
 * its Swedish message on the sign-in page. Every page of ours passes axe.
 */
let browser: Browser;
let tenant: Tenant;
let provider: TestProvider;

describe.skipIf(skipBrowser)("sign-in through the municipality's provider in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-oidc");
    provider = await startTestProvider([`${inject("baseUrl")}/logga-in/oidc/${tenant.municipality.slug}`]);
    provider.people.set("anna", { email: tenant.owner.email, emailVerified: true, name: "Anna" });
    provider.people.set("obekraftad", { email: `obekraftad-${tenant.municipality.slug}@test.kompassplan.se`, emailVerified: false, name: "Otto" });
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.close();
  });

  it("the coordinator sets up the provider, with errors next to the fields", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.getByRole("link", { name: "Inloggning", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Inloggning med kommunens konto" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Utfärdare (issuer URL)").fill("inte en adress");
    await page.getByRole("button", { name: "Spara" }).click();
    await page.getByText("Ange utfärdarens adress som https://").first().waitFor();
    expect(await page.getByLabel("Utfärdare (issuer URL)").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page);
    await page.getByLabel("Utfärdare (issuer URL)").fill(provider.issuer);
    await page.getByLabel("Klient-id (client id)").fill(TEST_CLIENT.id);
    await page.getByLabel("Klienthemlighet (client secret)").fill(TEST_CLIENT.secret);
    await page.getByLabel("Namn på knappen").fill("Testkommunens konto");
    await page.getByLabel("E-postdomäner som tjänsten går i god för").fill("test.kompassplan.se");
    await page.getByRole("button", { name: "Spara" }).click();
    await page.getByText("Inställningarna är sparade.").waitFor();
    expect(await page.getByLabel("Klienthemlighet (client secret)").inputValue()).toBe("");
    expect(await page.content()).not.toContain(TEST_CLIENT.secret);
    await expectNoAxeViolations(page);
  });

  it("a member signs in with the municipality's account and lands in the municipality", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await page.goto(url(`/logga-in?kommun=${tenant.municipality.slug}`));
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Logga in med Testkommunens konto" }).click();
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.getByLabel("E-postadress").fill(tenant.owner.email);
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await page.waitForURL((u) => u.pathname === `/k/${tenant.municipality.slug}`);
    await page.getByText(`Inloggad som ${tenant.owner.name}`).waitFor();
    await expectNoAxeViolations(page);
  });

  it("a refused sign-in says why in Swedish on the sign-in page", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await page.goto(url(`/logga-in?kommun=${tenant.municipality.slug}`));
    await page.getByRole("button", { name: "Logga in med Testkommunens konto" }).click();
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.getByLabel("E-postadress").fill(`obekraftad-${tenant.municipality.slug}@test.kompassplan.se`);
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await page.waitForURL((u) => u.pathname === "/logga-in" && u.searchParams.get("fel") === "unverified");
    await page.getByRole("alert").filter({ hasText: "Kommunens inloggningstjänst har inte bekräftat din e-postadress" }).waitFor();
    await expectNoAxeViolations(page);
  });
});
