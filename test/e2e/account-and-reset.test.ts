import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMunicipality } from "~/models/municipality.server.ts";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { waitFor } from "../helpers/wait.ts";

/** Forgotten password (reading the mail from the outbox) and Mitt konto, in Chromium with axe. */

const PASSWORD = "Gammalt-lösen-123";
const NEW_PASSWORD = "Helt-nytt-lösen-456";
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

let browser: Browser;
let municipality: { id: string; slug: string; name: string };
const emails: string[] = [];

async function person(label: string) {
  const email = `${label}-${randomBytes(4).toString("hex")}@test.kompassplan.se`;
  emails.push(email);
  const user = await createUserWithPassword({ email, name: `Person ${label}`, password: PASSWORD });
  await addMembership(municipality.id, user.id, "OWNER");
  return user;
}

async function isSignedOut(page: Page) {
  await page.goto(url("/konto"));
  return new URL(page.url()).pathname === "/logga-in";
}

describe.skipIf(skipBrowser)("a person's own account, in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    const suffix = randomBytes(4).toString("hex");
    municipality = await createMunicipality(`e2e-konto-${suffix}`, `Kontokommun ${suffix}`);
  });
  afterAll(async () => {
    await getDb().mailMessage.updateMany({ where: { recipient: { in: emails }, status: "PENDING" }, data: { status: "CANCELLED" } });
    await browser?.close();
  });

  it("forgotten password: from the sign-in page through the mailed link to signed in, other sessions ended", async () => {
    const user = await person("glomt");
    const elsewhere = await browser.newContext({ locale: "sv-SE" });
    const context = await browser.newContext({ locale: "sv-SE" });
    try {
      const other = await elsewhere.newPage();
      await signIn(other, user.email, PASSWORD);

      const page = await context.newPage();
      await page.goto(url("/logga-in"));
      await page.getByRole("link", { name: "Glömt lösenordet?" }).click();
      await page.getByRole("heading", { level: 1, name: "Glömt lösenordet" }).waitFor();
      await expectNoAxeViolations(page);

      // A mistake is shown next to the field, in Swedish.
      await page.getByLabel("E-postadress").fill("inte-en-adress");
      await page.getByRole("button", { name: "Skicka länken" }).click();
      await page.getByText("Ange en giltig e-postadress.").first().waitFor();
      expect(await page.getByLabel("E-postadress").getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);

      await page.getByLabel("E-postadress").fill(user.email);
      await page.getByRole("button", { name: "Skicka länken" }).click();
      await page.getByRole("status").getByText("Om adressen hör till ett konto med lösenord har vi skickat en länk dit.", { exact: false }).waitFor();
      await expectNoAxeViolations(page);

      // The mail, as kept in the outbox.
      const mail = await waitFor(() => getDb().mailMessage.findFirst({ where: { recipient: user.email, kind: "password-reset" } }), 10_000);
      const link = mail.text.match(/https?:\/\/\S+\/aterstall-losenord\/[A-Za-z0-9_-]{43}/)?.[0];
      expect(link).toBeDefined();

      await page.goto(link!);
      await page.getByRole("heading", { level: 1, name: "Välj ett nytt lösenord" }).waitFor();
      await expectNoAxeViolations(page);
      await page.getByLabel("Nytt lösenord", { exact: true }).fill("kort");
      await page.getByLabel("Upprepa det nya lösenordet").fill("kort");
      await page.getByRole("button", { name: "Spara lösenordet och logga in" }).click();
      await page.getByText("Lösenordet måste vara minst 10 tecken.").first().waitFor();
      await expectNoAxeViolations(page);

      await page.getByLabel("Nytt lösenord", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Upprepa det nya lösenordet").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Spara lösenordet och logga in" }).click();
      await page.waitForURL((u) => u.pathname === `/k/${municipality.slug}`);
      await page.getByRole("link", { name: "Mitt konto" }).waitFor();

      // The session in the other browser has ended.
      expect(await isSignedOut(other)).toBe(true);

      // The link works once; afterwards a clear page with a way on.
      await page.goto(link!);
      await page.getByRole("heading", { level: 1, name: "Länken fungerar inte" }).waitFor();
      await page.getByText("Länken har redan använts.", { exact: false }).waitFor();
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Be om en ny länk" }).click();
      await page.waitForURL((u) => u.pathname === "/konto" || u.pathname === "/glomt-losenord");

      // The new password signs in.
      const fresh = await browser.newContext({ locale: "sv-SE" });
      try {
        await signIn(await fresh.newPage(), user.email, NEW_PASSWORD);
      } finally {
        await fresh.close();
      }
    } finally {
      await context.close();
      await elsewhere.close();
    }
  });

  it("Mitt konto: sees own sessions, ends another one, changes the password and signs out everywhere", async () => {
    const user = await person("mitt-konto");
    const firefox = await browser.newContext({ locale: "sv-SE", userAgent: FIREFOX });
    const context = await browser.newContext({ locale: "sv-SE" });
    try {
      const other = await firefox.newPage();
      await signIn(other, user.email, PASSWORD);

      const page = await context.newPage();
      await signIn(page, user.email, PASSWORD);
      await page.getByRole("link", { name: "Mitt konto" }).click();
      await page.getByRole("heading", { level: 1, name: "Mitt konto" }).waitFor();
      await expectNoAxeViolations(page);

      const rows = page.getByRole("table").getByRole("row");
      expect(await rows.count()).toBe(3);
      await page.getByRole("cell", { name: /Den här inloggningen/ }).waitFor();
      await page.getByRole("cell", { name: "Firefox · Windows", exact: true }).waitFor();

      // End the Firefox session.
      await page.getByRole("button", { name: /Avsluta inloggningen Firefox · Windows/ }).click();
      await page.getByRole("status").getByText("Inloggningen är avslutad.").waitFor();
      expect(await page.getByRole("table").getByRole("row").count()).toBe(2);
      await expectNoAxeViolations(page);
      expect(await isSignedOut(other)).toBe(true);

      // A wrong current password is refused next to its field.
      await page.getByLabel("Nuvarande lösenord").fill("inte-mitt-lösenord");
      await page.getByLabel("Nytt lösenord", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Upprepa det nya lösenordet").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Byt lösenord" }).click();
      await page.getByText("Det nuvarande lösenordet stämmer inte.").first().waitFor();
      expect(await page.getByLabel("Nuvarande lösenord").getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);

      await page.getByLabel("Nuvarande lösenord").fill(PASSWORD);
      await page.getByLabel("Nytt lösenord", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Upprepa det nya lösenordet").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Byt lösenord" }).click();
      await page.getByRole("status").getByText("Lösenordet är bytt.", { exact: false }).waitFor();
      await expectNoAxeViolations(page);
      expect(await getDb().auditEvent.count({ where: { entityId: user.id, event: "password.changed" } })).toBe(1);

      // The name, then signing out everywhere.
      await page.getByRole("textbox", { name: "Namn", exact: true }).fill("Omdöpt Person");
      await page.getByRole("button", { name: "Spara namnet" }).click();
      await page.getByRole("status").getByText("Namnet är sparat.").waitFor();
      await page.getByText("Inloggad som Omdöpt Person").waitFor();

      await page.getByRole("button", { name: "Logga ut överallt" }).click();
      await page.waitForURL((u) => u.pathname === "/logga-in");
      expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      await context.close();
      await firefox.close();
    }
  });
});
