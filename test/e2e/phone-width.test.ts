import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setNextEvaluationDate } from "~/models/municipality.server.ts";
import { createUserWithPassword } from "~/models/user.server.ts";
import { correspondencePaths, paths } from "~/paths.ts";
import { getDb } from "~/platform/db.server.ts";
import { createEvaluationClosingRound, saveDueSnapshots } from "~/workflows/new-round.server.ts";
import { launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";
import { actionOn, fictionalRound, finish, start } from "../helpers/rounds.ts";
import { setUpTwoStepInBrowser } from "../helpers/two-step.ts";

/**
 * Issue #14, item 8: every main page at a phone's width (390 × 844 CSS pixels). Nothing scrolls
 * sideways except inside a labelled, focusable frame of the page's own; the header takes at
 * most a fifth of the screen; chart text is at least 12 px as rendered; axe finds nothing.
 */
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let tenant: Tenant;
let closed: Tenant;
let actionId: string;

interface PhoneFindings {
  scrollWidth: number;
  innerWidth: number;
  innerHeight: number;
  headerHeight: number;
  stickingOut: string[];
  smallChartText: string[];
  unlabelledScrollers: string[];
}

/** What the page shows at this width: runs in the browser. */
function measure(): PhoneFindings {
  const vw = window.innerWidth;
  const describe = (el: Element) => {
    const id = el.id ? `#${el.id}` : "";
    const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `${el.tagName.toLowerCase()}${id}${cls} “${text}” right=${Math.round(el.getBoundingClientRect().right)}`;
  };
  const clips = (el: Element) => getComputedStyle(el).overflowX !== "visible";
  const outside = (el: Element) => el.getBoundingClientRect().right > vw + 0.5;
  // An element sticks out when its box reaches past the viewport's right edge and no ancestor
  // clips or scrolls it inside the viewport (a frame of the page's own). Only the outermost
  // offender is named, not each of its descendants.
  const stickingOut: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || !outside(el)) continue;
    let contained = false;
    for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (clips(parent) && !outside(parent)) {
        contained = true;
        break;
      }
    }
    const parent = el.parentElement;
    if (!contained && !(parent && parent !== document.body && outside(parent) && parent.getBoundingClientRect().width > 0)) stickingOut.push(describe(el));
  }
  // Chart text as rendered: the computed font size times the SVG's scale on screen.
  const smallChartText: string[] = [];
  for (const text of Array.from(document.querySelectorAll("svg text"))) {
    if (text.getClientRects().length === 0) continue;
    const svgText = text as SVGTextElement;
    const matrix = svgText.getScreenCTM();
    if (!matrix) continue;
    const scale = Math.hypot(matrix.a, matrix.b);
    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
    if (size < 12 - 0.01) smallChartText.push(`“${(text.textContent ?? "").trim()}” ${size.toFixed(1)} px`);
  }
  // Every element that actually scrolls sideways must be a labelled, focusable region.
  const unlabelledScrollers: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    const style = getComputedStyle(el);
    if (!(style.overflowX === "auto" || style.overflowX === "scroll")) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    if (el.getAttribute("tabindex") !== "0" || el.getAttribute("role") !== "region" || !(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby"))) {
      unlabelledScrollers.push(describe(el));
    }
  }
  const header = document.querySelector("header.site-header");
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: vw,
    innerHeight: window.innerHeight,
    headerHeight: header ? header.getBoundingClientRect().height : 0,
    stickingOut,
    smallChartText,
    unlabelledScrollers,
  };
}

/** Everything the page offends against at phone width, as readable lines (empty when it passes). */
async function phoneProblems(page: Page, name: string): Promise<string[]> {
  const f = await page.evaluate(measure);
  const problems: string[] = [];
  if (f.scrollWidth > f.innerWidth) problems.push(`${name}: the page scrolls sideways (${f.scrollWidth} > ${f.innerWidth})`);
  for (const s of f.stickingOut) problems.push(`${name}: sticks out: ${s}`);
  if (f.headerHeight > f.innerHeight / 5) problems.push(`${name}: header ${Math.round(f.headerHeight)} px > ${f.innerHeight / 5} px`);
  for (const s of f.smallChartText) problems.push(`${name}: chart text below 12 px: ${s}`);
  for (const s of f.unlabelledScrollers) problems.push(`${name}: a sideways scroller that is no labelled, focusable region: ${s}`);
  return problems;
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ locale: "sv-SE", viewport: PHONE, deviceScaleFactor: 1 });
  return context.newPage();
}

/** Visits each page, collects its problems, runs axe; asserts once at the end so one run lists every page. */
async function visitAll(page: Page, pages: Array<[string, string]>) {
  const problems: string[] = [];
  for (const [name, path] of pages) {
    const response = await page.goto(url(path));
    expect(response?.status(), `${name} (${path})`).toBeLessThan(400);
    await page.locator("h1").first().waitFor();
    problems.push(...(await phoneProblems(page, name)));
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const v of axe.violations) problems.push(`${name}: axe ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }
  expect(problems).toEqual([]);
}

describe.skipIf(skipBrowser)("every main page at 390 px in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-mobil");
    await setNextEvaluationDate(tenant.municipality.id, "2027-10-01");
    const done = await actionOn(tenant, 1, "1.5", 2, "Antagen etikpolicy med utbildning för alla förtroendevalda och chefer", "2026-10-01");
    await finish(tenant, done.id);
    const started = await actionOn(tenant, 1, "1.5", 1, "Medborgardialog om budgeten i alla kommundelar", "2027-05-31");
    await start(tenant, started.id);
    actionId = started.id;
    await createTestAction(tenant, null, "2026-03-01", "Försenad åtgärd utan ansvarig med en lång titel som ska brytas snyggt");

    // A second municipality whose round is closed, so that Utfall mot prognos has its tables.
    closed = await createTenant("e2e-mobil-utfall", await fictionalRound(2024));
    await setNextEvaluationDate(closed.municipality.id, "2027-03-01");
    const closedDone = await actionOn(closed, 1, "1.5", 2, "Klar etikpolicy", "2027-03-01");
    await finish(closed, closedDone.id);
    const closedOpen = await actionOn(closed, 2, "2.1", 1, "Pågående dialog", "2027-03-01");
    await start(closed, closedOpen.id);
    await saveDueSnapshots(new Date("2027-03-01T08:00:00Z"), closed.municipality.id);
    await createEvaluationClosingRound(closed.municipality.id, await fictionalRound(2027, { "1.5": 2, "3.1": 1 }), closed.coordinator.id, new Date("2027-05-02T08:00:00Z"));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the coordinator's pages fit, the header is small, chart text is readable and axe finds nothing", async () => {
    const page = await phonePage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    const slug = tenant.municipality.slug;

    // A saved report and a plan import in progress, made as the coordinator would.
    await page.goto(url(paths.reports(slug)));
    await page.getByLabel("Rapportens rubrik").fill("Uppföljning till KS i mobilen");
    await page.getByRole("button", { name: "Spara rapporten" }).click();
    await page.getByRole("heading", { level: 1, name: "Uppföljning till KS i mobilen" }).waitFor();
    const reportPath = new URL(page.url()).pathname;

    const item = await getDb().improvementItem.findFirstOrThrow({
      where: { evaluationArea: { evaluationId: tenant.evaluationId } },
      orderBy: [{ evaluationArea: { frameworkArea: { number: "asc" } } }, { sortOrder: "asc" }],
    });
    await page.goto(url(paths.planImport(slug)));
    const csv = `Åtgärd;Förbättringsområde;Ansvarig e-post;Slutdatum;Status\nWebbsända fullmäktige;${item.text};${tenant.owner.email};2027-05-31;Pågår\nNy visselblåsarkanal;Rutiner mot mutor;;2027-09-30;Ej påbörjad\n`;
    await page.getByLabel("Fil (.xlsx eller .csv)").setInputFiles({ name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await page.getByRole("button", { name: "Läs filen" }).click();
    await page.getByRole("heading", { level: 1, name: "Välj kolumner" }).waitFor();
    const columnsPath = new URL(page.url()).pathname;
    await page.getByRole("button", { name: "Fortsätt till granskning" }).click();
    await page.getByRole("heading", { level: 1, name: "Granska raderna" }).waitFor();
    const previewPath = new URL(page.url()).pathname;

    await visitAll(page, [
      ["Översikt", paths.municipality(slug)],
      ["Utvärderingar", paths.evaluations(slug)],
      ["En utvärdering", paths.evaluation(slug, tenant.evaluationId)],
      ["Ändra utvärdering", paths.editEvaluation(slug, tenant.evaluationId)],
      ["Ny utvärdering", paths.newEvaluation(slug)],
      ["Jämförelse", paths.compare(slug)],
      ["Handlingsplan", paths.plan(slug)],
      ["Ny åtgärd", paths.newAction(slug, item.id)],
      ["En åtgärd", paths.action(slug, actionId)],
      ["Ändra åtgärd", paths.editAction(slug, actionId)],
      ["Mina åtgärder", paths.mine(slug)],
      ["Inför utvärdering", paths.readiness(slug)],
      ["Rapporter", paths.reports(slug)],
      ["En sparad rapport", reportPath],
      ["Användare", paths.users(slug)],
      ["Påminnelser", paths.reminders(slug)],
      ["Utkorg", paths.outbox(slug)],
      ["Inloggning", paths.oidcSettings(slug)],
      ["Logg", paths.auditLog(slug)],
      ["Mitt konto", paths.account()],
      ["Motsvarigheter", correspondencePaths.municipality(slug)],
      ["Plan import", paths.planImport(slug)],
      ["Plan import: kolumner", columnsPath],
      ["Plan import: granskning", previewPath],
      ["Om tillgänglighet", paths.accessibility()],
    ]);

    // The closed round's Utfall mot prognos, as that municipality's coordinator.
    const other = await phonePage();
    await signIn(other, closed.coordinator.email, PASSWORD);
    await visitAll(other, [["Utfall", paths.outcome(closed.municipality.slug)]]);
  });

  it("a wide table scrolls inside its own labelled frame with its first column kept", async () => {
    const page = await phonePage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(paths.evaluation(tenant.municipality.slug, tenant.evaluationId)));
    await page.locator("h1").first().waitFor();
    const frames = page.locator(".table-frame");
    expect(await frames.count()).toBeGreaterThan(0);
    // The frame of a table that is wider than the screen: scrolled to its end, the first column stays at the frame's left edge.
    const result = await page.evaluate(() => {
      const frame = Array.from(document.querySelectorAll<HTMLElement>(".table-frame")).find((f) => f.scrollWidth > f.clientWidth + 1);
      if (!frame) return null;
      frame.scrollLeft = frame.scrollWidth;
      const first = frame.querySelector("tbody tr > :first-child")!;
      return {
        scrolled: frame.scrollLeft,
        frameLeft: frame.getBoundingClientRect().left,
        firstLeft: first.getBoundingClientRect().left,
        label: frame.getAttribute("aria-label"),
        role: frame.getAttribute("role"),
        tabindex: frame.getAttribute("tabindex"),
      };
    });
    expect(result).not.toBeNull();
    expect(result!.scrolled).toBeGreaterThan(0);
    expect(Math.abs(result!.firstLeft - result!.frameLeft)).toBeLessThan(2);
    expect(result!.role).toBe("region");
    expect(result!.tabindex).toBe("0");
    expect(result!.label).toBeTruthy();
  });

  it("the menu folds behind a button that works without JavaScript and by keyboard", async () => {
    const context = await browser.newContext({ locale: "sv-SE", viewport: PHONE, deviceScaleFactor: 1, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(paths.municipality(tenant.municipality.slug)));
    const plan = page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Handlingsplan" });
    expect(await plan.isVisible()).toBe(false);
    const menu = page.getByText("Meny", { exact: true });
    await menu.focus();
    await page.keyboard.press("Enter");
    await plan.waitFor({ state: "visible" });
    expect((await page.evaluate(measure)).headerHeight).toBeGreaterThan(0);
    await plan.click();
    await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
    await context.close();
  });

  it("the readiness page folds each area's sub-question details", async () => {
    const page = await phonePage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(paths.readiness(tenant.municipality.slug)));
    await page.locator("h1").first().waitFor();
    const folded = page.locator("details.readiness-area");
    expect(await folded.count()).toBeGreaterThan(0);
    expect(await folded.first().getAttribute("open")).toBeNull();
    await folded.first().locator("summary").click();
    expect(await folded.first().getAttribute("open")).not.toBeNull();
    expect(await phoneProblems(page, "Inför utvärdering, opened")).toEqual([]);
  });

  it("the council member's pages fit at 390 px", async () => {
    const page = await phonePage();
    await signIn(page, tenant.viewer.email, PASSWORD);
    const slug = tenant.municipality.slug;
    const report = await getDb().followUpReport.findFirstOrThrow({ where: { municipalityId: tenant.municipality.id } });
    await visitAll(page, [
      ["Översikt (läsare)", paths.municipality(slug)],
      ["Utvärderingar (läsare)", paths.evaluations(slug)],
      ["En utvärdering (läsare)", paths.evaluation(slug, tenant.evaluationId)],
      ["Jämförelse (läsare)", paths.compare(slug)],
      ["Handlingsplan (läsare)", paths.plan(slug)],
      ["En åtgärd (läsare)", paths.action(slug, actionId)],
      ["Inför utvärdering (läsare)", paths.readiness(slug)],
      ["Rapporter (läsare)", paths.reports(slug)],
      ["En rapport (läsare)", paths.report(slug, report.id)],
      ["Mitt konto (läsare)", paths.account()],
    ]);
    const other = await phonePage();
    await signIn(other, closed.viewer.email, PASSWORD);
    await visitAll(other, [["Utfall (läsare)", paths.outcome(closed.municipality.slug)]]);
  });

  it("the operator's Drift pages and the signed-out sign-in page fit at 390 px", async () => {
    const signedOut = await phonePage();
    await visitAll(signedOut, [
      ["Logga in", "/logga-in"],
      ["Glömt lösenordet", paths.forgotPassword()],
    ]);

    const suffix = randomUUID().slice(0, 8);
    const operator = await createUserWithPassword({ email: `drift-e2e-mobil-${suffix}@test.se`, name: "Disa Drift", password: PASSWORD, isOperator: true });
    const page = await phonePage();
    await signIn(page, operator.email, PASSWORD);
    await setUpTwoStepInBrowser(page);
    await visitAll(page, [
      ["Drift", "/drift"],
      ["Kommuner (drift)", paths.operatorConsole()],
      ["En kommun (drift)", paths.operatorMunicipality(tenant.municipality.slug)],
      ["Logg för alla kommuner", paths.operatorAuditLog()],
      ["Ramverk", paths.operatorFrameworks()],
      ["En ramverksversion", paths.operatorFramework("2010")],
      ["Gemensamma motsvarigheter", correspondencePaths.operator()],
      ["Välj kommun", "/kommuner"],
    ]);
  });
});
