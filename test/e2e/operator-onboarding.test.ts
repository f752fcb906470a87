import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "~/cli/support/free-port.server.ts";
import { createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { setUpTwoStepInBrowser } from "../helpers/two-step.ts";
import { emptyDatabase, setupLinks, startProduct, stopProduct, type EmptyInstall } from "../helpers/empty-install.ts";
import { PASSWORD } from "../helpers/fixtures.ts";
import { randomOrganisationNumber } from "../helpers/organisation-number.ts";

/** Issue #12: a production install from its first start to the first operator, and onboarding a municipality. */
let browser: Browser;

describe.skipIf(skipBrowser)("operators in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe("first start to first operator", () => {
    let install: EmptyInstall;
    let product: ChildProcess | undefined;
    let dataDir: string;
    afterAll(async () => {
      if (product) await stopProduct(product);
      await install?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("npm start on an empty database with SEED_DEMO=false prints a link where the first operator enters name, e-mail and password and lands in the console", async () => {
      install = await emptyDatabase("e2e_first_start");
      dataDir = mkdtempSync(path.join(os.tmpdir(), "kompassplan-first-start-"));
      const port = await freePort();
      const started = await startProduct(
        {
          DATABASE_URL: install.url,
          SEED_DEMO: "false",
          NODE_ENV: "production",
          SESSION_SECRET: "first-start-test-secret-0123456789abcdef",
          KOMPASSPLAN_DATA_DIR: dataDir,
          QUEUE_PREFIX: `first_start_e2e_${port}`,
        },
        port,
      );
      product = started.child;
      const [link] = setupLinks(started.output());
      expect(started.output()).toContain("Ingen driftansvarig finns ännu.");
      expect(link).toMatch(new RegExp(`^http://localhost:${port}/driftansvarig/`));

      const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
      await page.goto(link!);
      await page.getByRole("heading", { name: "Konto som driftansvarig" }).waitFor();
      await page.getByText("Det här är installationens första start.").waitFor();
      await expectNoAxeViolations(page);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

      await page.getByLabel("E-postadress").fill("inte-en-adress");
      await page.getByLabel("Nytt lösenord").fill("kort");
      await page.getByRole("button", { name: "Skapa kontot och logga in" }).click();
      await page.getByText("Ange ditt namn (högst 200 tecken).").first().waitFor();
      await page.getByText("Ange en giltig e-postadress.").first().waitFor();
      await page.getByText("Lösenordet måste vara minst 10 tecken.").first().waitFor();
      expect(await page.getByLabel("E-postadress").getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);

      await page.getByLabel("Namn").fill("Ada Drift");
      await page.getByLabel("E-postadress").fill("ada@drift.kommun.se");
      await page.getByLabel("Nytt lösenord").fill("Adas-driftlösenord-2026");
      await page.getByLabel("Upprepa lösenordet").fill("Adas-driftlösenord-2026");
      await page.getByRole("button", { name: "Skapa kontot och logga in" }).click();
      // Operators must use two-step sign-in: it is set up first, then the console opens.
      await setUpTwoStepInBrowser(page);
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Fortsätt" }).click();
      await page.waitForURL((u) => u.pathname === "/drift/kommuner");
      await page.getByRole("heading", { level: 1, name: "Kommuner och konton" }).waitFor();
      await page.getByText("Inloggad som Ada Drift").waitFor();
      await page.getByText("Det finns inga kommuner ännu.").waitFor();
      await expectNoAxeViolations(page);

      // The link worked once.
      const again = await (await browser.newContext({ locale: "sv-SE" })).newPage();
      await again.goto(link!);
      await again.getByText("Länken är ogiltig, redan använd eller har gått ut.").first().waitFor();
      await expectNoAxeViolations(again);
    });
  });

  it("operator creates a municipality and its coordinator accepts the invitation", async () => {
    const suffix = randomUUID().slice(0, 8);
    const operator = await createUserWithPassword({ email: `drift-e2e-konsol-${suffix}@test.se`, name: "Disa Drift", password: PASSWORD, isOperator: true });
    const slug = `hamnstad-${suffix}`;
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, operator.email, PASSWORD);
    await setUpTwoStepInBrowser(page); // operators use two-step sign-in first
    await page.goto(url("/drift"));
    await page.getByRole("link", { name: "Kommuner och konton" }).click();
    await page.waitForURL((u) => u.pathname === "/drift/kommuner");
    await page.getByRole("heading", { level: 1, name: "Kommuner och konton" }).waitFor();
    await expectNoAxeViolations(page);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

    // The shared zod schema checks the check digit in the browser, next to the field.
    await page.getByLabel("Namn", { exact: true }).fill("Hamnstads kommun");
    await page.getByLabel("Kortnamn i adressen").fill("Hamnstad");
    await page.getByLabel("Organisationsnummer").fill("212000-0143");
    await page.getByRole("button", { name: "Skapa kommunen" }).click();
    await page.getByText("Kortnamnet får bara innehålla små bokstäver").first().waitFor();
    await page.getByText("Organisationsnumret stämmer inte: kontrollsiffran (den sista siffran) är fel.").first().waitFor();
    expect(await page.getByLabel("Organisationsnummer").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page);

    const number = randomOrganisationNumber();
    await page.getByLabel("Kortnamn i adressen").fill(slug);
    await page.getByLabel("Organisationsnummer").fill(number);
    await page.getByLabel("E-postdomäner (valfritt)").fill("hamnstad.se");
    await page.getByRole("button", { name: "Skapa kommunen" }).click();
    await page.waitForURL((u) => u.pathname === `/drift/kommuner/${slug}`);
    await page.getByText("Hamnstads kommun är skapad. Bjud in kommunens första samordnare.").waitFor();
    await page.getByText(number).waitFor();
    await expectNoAxeViolations(page);

    const email = `samordnare-${suffix}@hamnstad.se`;
    await page.locator("#invite-name").fill("Hugo Hamn");
    await page.locator("#invite-email").fill(email);
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await page.getByText(`En inbjudan har skickats till ${email}.`).waitFor();
    await page.getByRole("cell", { name: email }).waitFor();
    await expectNoAxeViolations(page);

    // The mail is kept in the outbox (no SMTP in the tests); its link is the coordinator's way in.
    const mail = await getDb().mailMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(mail.subject).toBe("Inbjudan till Kompassplan – Hamnstads kommun");
    const link = mail.text.match(/https?:\/\/\S+\/inbjudan\/[A-Za-z0-9_-]{43}/)![0];

    const coordinator = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await coordinator.goto(link);
    await coordinator.getByText("Du har bjudits in till Hamnstads kommun.").waitFor();
    await coordinator.getByLabel("Nytt lösenord").fill("Hugos-lösenord-2026");
    await coordinator.getByLabel("Upprepa lösenordet").fill("Hugos-lösenord-2026");
    await coordinator.getByRole("button", { name: "Aktivera kontot" }).click();
    await coordinator.waitForURL((u) => u.pathname === `/k/${slug}`);
    await coordinator.getByText("Inloggad som Hugo Hamn – Samordnare").waitFor();
    await expectNoAxeViolations(coordinator);

    // The console now shows the member's sign-in.
    await page.goto(url("/drift/kommuner"));
    const row = page.getByRole("row", { name: /Hamnstads kommun/ });
    await row.waitFor();
    expect(await row.getByRole("cell").allInnerTexts()).toEqual([slug, number, "Aktiv", "1", "0", expect.stringMatching(/^\d/)]);
  });
});
