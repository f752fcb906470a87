import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHART_COLORS } from "~/components/charts/colors.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { renderPdfPage } from "../helpers/pdf-image.ts";
import { createTestAction } from "../helpers/plan.ts";

let browser: Browser;
let tenant: Tenant;
const artifacts = path.resolve(import.meta.dirname, "../../test-results");

describe.skipIf(skipBrowser)("the follow-up report in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-rapport");
    await createTestAction(tenant, tenant.owner.id, "2026-02-01", "Utbilda chefer i etik");
    await createTestAction(tenant, tenant.owner.id, "2027-04-01", "Inför visselblåsarfunktion");
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the coordinator sets date and target, saves a report and downloads it; the PDF renders with text and charts", async () => {
    const context = await browser.newContext({ locale: "sv-SE", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.getByRole("link", { name: "Inför utvärdering" }).click();
    await page.getByRole("img", { name: "Klara åtgärder över tid mot planen" }).waitFor();

    // A target above 800 is explained next to the field and nothing is saved.
    await page.getByLabel("Planerat datum för nästa utvärdering").fill("2028-10-01");
    await page.getByLabel("Mål för totalpoängen (av 800)").fill("900");
    await page.getByRole("button", { name: "Spara datum och mål" }).click();
    await page.getByText("Ange målet som ett tal mellan 0 och 800, t.ex. 650 eller 612,5.").first().waitFor();
    expect(await page.getByLabel("Mål för totalpoängen (av 800)").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Mål för totalpoängen (av 800)").fill("650");
    await page.getByRole("button", { name: "Spara datum och mål" }).click();
    await page.getByRole("status").filter({ hasText: "Datum och mål är sparade." }).waitFor();
    await page.getByText(/^Målet är 650 poäng\. Troligt utfall är [\d,]+ poäng/).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("navigation").getByRole("link", { name: "Rapporter" }).click();
    await page.getByRole("heading", { level: 1, name: "Uppföljningsrapporter" }).waitFor();
    // A report without a title is explained next to the field, and nothing is saved.
    await page.getByLabel("Rapportens rubrik").fill("");
    await page.getByRole("button", { name: "Spara rapporten" }).click();
    await page.getByText("Ge rapporten en rubrik (högst 120 tecken).").first().waitFor();
    expect(await page.getByLabel("Rapportens rubrik").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("Inga rapporter är sparade ännu.").count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.getByLabel("Rapportens rubrik").fill("Uppföljning till KS november");
    await page.getByRole("button", { name: "Spara rapporten" }).click();
    await page.getByRole("heading", { level: 1, name: "Uppföljning till KS november" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Rapporten är sparad." }).waitFor();
    const late = page.getByRole("region", { name: "Försenade åtgärder", exact: true });
    await late.getByRole("row", { name: new RegExp(`Utbilda chefer i etik 1 ${tenant.owner.name}`) }).waitFor();
    await page.getByText("Det här är den första rapporten, så det finns inget att jämföra med.").waitFor();
    await expectNoAxeViolations(page);

    const [excel] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ladda ner som Excel" }).click()]);
    expect(excel.suggestedFilename()).toMatch(/^Uppföljningsrapport Testkommun e2e-rapport [0-9a-f]{8} \d{4}-\d{2}-\d{2}\.xlsx$/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ladda ner som PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = new Uint8Array(await readFile((await download.path())!));

    await mkdir(artifacts, { recursive: true });
    const first = await renderPdfPage(browser, pdf, 1);
    await writeFile(path.join(artifacts, "uppfoljningsrapport-sida-1.png"), first.png);
    expect(first.width).toBeGreaterThan(first.height * 0.65);
    expect(first.width).toBeLessThan(first.height * 0.75); // A4 portrait
    // The title and the section headings are drawn as ink where pdf.js says the text is.
    for (const text of ["Uppföljning till KS november", "Sammanfattning", "Läget per område", "Försenade åtgärder"]) {
      const box = first.textBox(text);
      expect(box, text).not.toBeNull();
      expect(box!.darkShare, text).toBeGreaterThan(0.08);
      expect(box!.y, text).toBeLessThan(first.height);
    }
    expect(first.textBox("Utbilda chefer i etik")?.darkShare).toBeGreaterThan(0.05);

    // Every page carries content, and the charts are there in their colours.
    let barPixels = { current: 0, likely: 0, potential: 0 };
    for (let n = 1; n <= first.pageCount; n++) {
      const rendered = n === 1 ? first : await renderPdfPage(browser, pdf, n);
      if (n > 1) await writeFile(path.join(artifacts, `uppfoljningsrapport-sida-${n}.png`), rendered.png);
      expect(rendered.inkShare, `page ${n}`).toBeGreaterThan(0.003);
      barPixels = {
        current: barPixels.current + rendered.pixelsOf(CHART_COLORS.current),
        likely: barPixels.likely + rendered.pixelsOf(CHART_COLORS.likely),
        potential: barPixels.potential + rendered.pixelsOf(CHART_COLORS.potential),
      };
    }
    expect(barPixels.current).toBeGreaterThan(5000);
    expect(barPixels.likely).toBeGreaterThan(5000);
    expect(barPixels.potential).toBeGreaterThan(5000);
    await context.close();
  });

  it("a council member opens the saved report and prints it without menus or buttons", async () => {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.viewer.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/rapporter`));
    expect(await page.getByRole("button", { name: "Spara rapporten" }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Uppföljning till KS november" }).click();
    await page.getByRole("heading", { level: 1, name: "Uppföljning till KS november" }).waitFor();
    await page.getByRole("img", { name: "Poäng per område: nu, troligt och möjligt" }).waitFor();
    await expectNoAxeViolations(page);

    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Huvudmeny" }).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Ladda ner som PDF" }).isVisible()).toBe(false);
    expect(await page.getByRole("heading", { name: "Läget per område" }).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Försenade åtgärder" }).isVisible()).toBe(true);

    await page.emulateMedia({ media: "screen" });
    // Today's unsaved report, compared with the saved one.
    await page.getByRole("link", { name: "Alla rapporter" }).click();
    await page.getByRole("link", { name: "Visa läget just nu" }).click();
    await page.getByRole("heading", { level: 1, name: "Läget just nu (inte sparat)" }).waitFor();
    await page.getByText("Inget har ändrats sedan förra rapporten.").waitFor();
    await expectNoAxeViolations(page);
  });
});
