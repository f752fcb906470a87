import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";

let browser: Browser;
let demo: Tenant;
let other: Tenant;

describe.skipIf(skipBrowser)("inviting a person who already has an account elsewhere, in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    [demo, other] = await Promise.all([createTenant("e2e-konto"), createTenant("e2e-konto-annan")]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the inviter is told in Swedish that the person was added and mailed, with no link and no name", async () => {
    const context = await browser.newContext({ locale: "sv-SE" });
    const page = await context.newPage();
    try {
      await signIn(page, other.coordinator.email, PASSWORD);
      await page.getByRole("link", { name: "Användare" }).click();
      await page.getByRole("heading", { level: 1, name: "Användare" }).waitFor();
      await page.getByLabel("Namn").fill("Ett annat namn");
      await page.getByLabel("E-postadress").fill(demo.owner.email);
      await page.getByRole("button", { name: "Skicka inbjudan" }).click();
      const status = page.getByRole("status");
      await status.getByText(`${demo.owner.email} har redan ett konto i Kompassplan och har nu fått tillgång till kommunen.`).waitFor();
      const message = await status.innerText();
      expect(message).toContain("har fått ett meddelande via e-post");
      expect(message).not.toContain(demo.owner.name);
      expect(message).not.toContain("/inbjudan/");
      expect(message).not.toContain("Inbjudningslänk");
      await expectNoAxeViolations(page);
      expect((await getDb().user.findUniqueOrThrow({ where: { id: demo.owner.id } })).name).toBe(demo.owner.name);
    } finally {
      await context.close();
    }
  });
});
