import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * An uploaded file is listed and downloaded under a name that agrees with its content, without
 * characters that turn the name around (issue #10, item 14).
 */

// A 1×1 PNG, then an HTML page: a polyglot a browser could render if told it is HTML.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const POLYGLOT = Buffer.concat([PNG, Buffer.from("<html><body><script>document.title='pwned'</script></body></html>")]);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let tenant: Tenant;

describe.skipIf(skipBrowser)("evidence file names in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-namn");
    context = await browser.newContext({ locale: "sv-SE", acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  async function upload(title: string, name: string) {
    await page.getByLabel("Fil", { exact: true }).check();
    await page.getByLabel("Benämning").fill(title);
    await page.getByLabel("Fil (PDF, Word, Excel eller bild, högst 10 MB)").setInputFiles({ name, mimeType: "text/html", buffer: POLYGLOT });
    await page.getByRole("button", { name: "Spara underlaget" }).click();
    await page.getByText("Åtgärden är sparad.").waitFor();
  }

  it("a PNG with HTML appended, named poly.html, is listed and downloaded as poly.png, served as image/png with nosniff", async () => {
    const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Åtgärd med underlag");
    await signIn(page, tenant.owner.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/atgarder/${action.id}`));
    await upload("Polyglott", "poly.html");
    const link = page.getByRole("link", { name: /^Polyglott \(/ });
    expect(await link.textContent()).toBe("Polyglott (poly.png)");
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("poly.png");
    const res = await context.request.get(url((await link.getAttribute("href"))!));
    expect(res.headers()["content-type"]).toBe("image/png");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="poly\.png"; filename\*=UTF-8''poly\.png$/);

    // A right-to-left override would show "åäö \u202Egnp.exe" as "åäö exe.png".
    await upload("Omvänd", "åäö \u202Egnp.exe");
    const reversed = page.getByRole("link", { name: /^Omvänd \(/ });
    expect(await reversed.textContent()).toBe("Omvänd (åäö gnp.png)");
    const [second] = await Promise.all([page.waitForEvent("download"), reversed.click()]);
    expect(second.suggestedFilename()).toBe("åäö gnp.png");
  });
});
