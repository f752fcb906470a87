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
    if (rect.width === 0 || rect.height === 0 || !outside(el) || !el.checkVisibility()) continue;
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
  const problems: string[] = [];
  const folded = await page.evaluate(measure);
  if (folded.headerHeight > folded.innerHeight / 5) problems.push(`${name}: header ${Math.round(folded.headerHeight)} px > ${folded.innerHeight / 5} px`);
  // Everything folded must fit too once opened: the menu, the readiness areas, tables behind "Visa …".
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  const f = await page.evaluate(measure);
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = false)));
  if (f.scrollWidth > f.innerWidth) problems.push(`${name}: the page scrolls sideways (${f.scrollWidth} > ${f.innerWidth})`);
  for (const s of f.stickingOut) problems.push(`${name}: sticks out: ${s}`);
  for (const s of f.smallChartText) problems.push(`${name}: chart text below 12 px: ${s}`);
  for (const s of f.unlabelledScrollers) problems.push(`${name}: a sideways scroller that is no labelled, focusable region: ${s}`);
  return problems;
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ locale: "sv-SE", viewport: PHONE, deviceScaleFactor: 1 });
  return context.newPage();
}

/** Visits one page and lists what is wrong with it at this width, axe's findings included. */
async function visit(page: Page, name: string, path: string): Promise<string[]> {
  const response = await page.goto(url(path));
  expect(response?.status(), `${name} (${path})`).toBeLessThan(400);
  await page.locator("h1").first().waitFor();
  const problems = await phoneProblems(page, name);
  // For a person to look at: PHONE_SHOTS=<folder> keeps a screenshot of each page.
  if (process.env.PHONE_SHOTS) {
    const file = `${process.env.PHONE_SHOTS}/${name.replace(/[^\p{L}\d]+/gu, "-")}`;
    await page.screenshot({ path: `${file}.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${file}-wide.png` });
    await page.setViewportSize(PHONE);
  }
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  for (const v of axe.violations) problems.push(`${name}: axe ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  return problems;
}

/** Pages by name and address; the address is known once the data exists. */
type PageList = Array<[string, () => string]>;

const slug = () => tenant.municipality.slug;
let reportPath = "";
let columnsPath = "";
let previewPath = "";
let itemId = "";

const coordinatorPages: PageList = [
  ["Översikt", () => paths.municipality(slug())],
  ["Utvärderingar", () => paths.evaluations(slug())],
  ["En utvärdering", () => paths.evaluation(slug(), tenant.evaluationId)],
  ["Ändra utvärdering", () => paths.editEvaluation(slug(), tenant.evaluationId)],
  ["Ny utvärdering", () => paths.newEvaluation(slug())],
  ["Jämförelse", () => paths.compare(slug())],
  ["Handlingsplan", () => paths.plan(slug())],
  ["Ny åtgärd", () => paths.newAction(slug(), itemId)],
  ["En åtgärd", () => paths.action(slug(), actionId)],
  ["Ändra åtgärd", () => paths.editAction(slug(), actionId)],
  ["Mina åtgärder", () => paths.mine(slug())],
  ["Inför utvärdering", () => paths.readiness(slug())],
  ["En delfråga inför utvärdering", () => paths.readinessQuestion(slug(), "1.5")],
  ["Tänk om", () => paths.whatIf(slug())],
  ["Rapporter", () => paths.reports(slug())],
  ["En sparad rapport", () => reportPath],
  ["Användare", () => paths.users(slug())],
  ["Påminnelser", () => paths.reminders(slug())],
  ["Utkorg", () => paths.outbox(slug())],
  ["Inloggning", () => paths.oidcSettings(slug())],
  ["Logg", () => paths.auditLog(slug())],
  ["Mitt konto", () => paths.account()],
  ["Motsvarigheter", () => correspondencePaths.municipality(slug())],
  ["Planimport", () => paths.planImport(slug())],
  ["Planimport: kolumner", () => columnsPath],
  ["Planimport: granskning", () => previewPath],
  ["Om tillgänglighet", () => paths.accessibility()],
];

const viewerPages: PageList = [
  ["Översikt (läsare)", () => paths.municipality(slug())],
  ["Utvärderingar (läsare)", () => paths.evaluations(slug())],
  ["En utvärdering (läsare)", () => paths.evaluation(slug(), tenant.evaluationId)],
  ["Jämförelse (läsare)", () => paths.compare(slug())],
  ["Handlingsplan (läsare)", () => paths.plan(slug())],
  ["En åtgärd (läsare)", () => paths.action(slug(), actionId)],
  ["Mina åtgärder (läsare)", () => paths.mine(slug())],
  ["Inför utvärdering (läsare)", () => paths.readiness(slug())],
  ["En delfråga inför utvärdering (läsare)", () => paths.readinessQuestion(slug(), "1.5")],
  ["Rapporter (läsare)", () => paths.reports(slug())],
  ["En sparad rapport (läsare)", () => reportPath],
  ["Mitt konto (läsare)", () => paths.account()],
];

const operatorPages: PageList = [
  ["Drift", () => "/drift"],
  ["Kommuner (drift)", () => paths.operatorConsole()],
  ["En kommun (drift)", () => paths.operatorMunicipality(slug())],
  ["Logg för alla kommuner", () => paths.operatorAuditLog()],
  ["Ramverk", () => paths.operatorFrameworks()],
  ["En ramverksversion", () => paths.operatorFramework("2010")],
  ["Gemensamma motsvarigheter", () => correspondencePaths.operator()],
  ["Välj kommun", () => "/kommuner"],
];

const signedOutPages: PageList = [
  ["Logga in", () => "/logga-in"],
  ["Glömt lösenordet", () => paths.forgotPassword()],
];

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
    const item = await getDb().improvementItem.findFirstOrThrow({
      where: { evaluationArea: { evaluationId: tenant.evaluationId } },
      orderBy: [{ evaluationArea: { frameworkArea: { number: "asc" } } }, { sortOrder: "asc" }],
    });
    itemId = item.id;

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

  describe("as the coordinator", () => {
    let page: Page;
    beforeAll(async () => {
      page = await phonePage();
      await signIn(page, tenant.coordinator.email, PASSWORD);
      // A saved report and a plan import in progress, made as the coordinator would at this width.
      await page.goto(url(paths.reports(slug())));
      await page.getByLabel("Rapportens rubrik").fill("Uppföljning till KS i mobilen");
      await page.getByRole("button", { name: "Spara rapporten" }).click();
      await page.getByRole("heading", { level: 1, name: "Uppföljning till KS i mobilen" }).waitFor();
      reportPath = new URL(page.url()).pathname;

      const item = await getDb().improvementItem.findUniqueOrThrow({ where: { id: itemId } });
      await page.goto(url(paths.planImport(slug())));
      const csv = `Åtgärd;Förbättringsområde;Ansvarig e-post;Slutdatum;Status\nWebbsända fullmäktige;${item.text};${tenant.owner.email};2027-05-31;Pågår\nNy visselblåsarkanal;Rutiner mot mutor;;2027-09-30;Ej påbörjad\n`;
      await page.getByLabel("Fil (.xlsx eller .csv)").setInputFiles({ name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      await page.getByRole("button", { name: "Läs filen" }).click();
      await page.getByRole("heading", { level: 1, name: "Välj kolumner" }).waitFor();
      columnsPath = new URL(page.url()).pathname;
      await page.getByRole("button", { name: "Fortsätt till granskning" }).click();
      await page.getByRole("heading", { level: 1, name: "Granska raderna" }).waitFor();
      previewPath = new URL(page.url()).pathname;
    });

    it.each(coordinatorPages)("%s fits, with a small header, readable chart text and no axe violation", async (name, path) => {
      expect(await visit(page, name, path())).toEqual([]);
    });

    it("Utfall mot prognos of a closed round fits", async () => {
      const other = await phonePage();
      await signIn(other, closed.coordinator.email, PASSWORD);
      expect(await visit(other, "Utfall", paths.outcome(closed.municipality.slug))).toEqual([]);
    });

    it("a wide table scrolls inside its own labelled frame with its first column kept", async () => {
      await page.goto(url(paths.evaluation(slug(), tenant.evaluationId)));
      await page.locator("h1").first().waitFor();
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
      expect(result!.label).toMatch(/kan rullas i sidled/);
    });

    it("the readiness page folds each area's sub-questions, and they open", async () => {
      await page.goto(url(paths.readiness(slug())));
      await page.locator("h1").first().waitFor();
      const folded = page.locator("details.readiness-area");
      expect(await folded.count()).toBeGreaterThan(0);
      expect(await folded.first().getAttribute("open")).toBeNull();
      const question = folded.first().locator("details summary").first();
      expect(await question.isVisible()).toBe(false);
      await folded.first().locator("summary").first().click();
      await question.waitFor({ state: "visible" });
      expect(await phoneProblems(page, "Inför utvärdering, opened")).toEqual([]);
    });
  });

  it("the menu folds behind a button that works without JavaScript and by keyboard", async () => {
    const context = await browser.newContext({ locale: "sv-SE", viewport: PHONE, deviceScaleFactor: 1, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    await page.goto(url(paths.municipality(slug())));
    const plan = page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Handlingsplan" });
    expect(await plan.isVisible()).toBe(false);
    const header = await page.evaluate(measure);
    expect(header.headerHeight).toBeLessThanOrEqual(header.innerHeight / 5);
    // Tab from the top of the page to the disclosure and open it with Enter.
    let focused = "";
    for (let i = 0; i < 6 && focused !== "Meny"; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement?.textContent ?? "").trim());
    }
    expect(focused).toBe("Meny");
    await page.keyboard.press("Enter");
    await plan.waitFor({ state: "visible" });
    await plan.click();
    await page.getByRole("heading", { level: 1, name: "Handlingsplan" }).waitFor();
    await context.close();
  });

  describe("as a council member", () => {
    let page: Page;
    beforeAll(async () => {
      page = await phonePage();
      await signIn(page, tenant.viewer.email, PASSWORD);
    });
    it.each(viewerPages)("%s fits", async (name, path) => {
      expect(await visit(page, name, path())).toEqual([]);
    });
    it("Utfall mot prognos fits", async () => {
      const other = await phonePage();
      await signIn(other, closed.viewer.email, PASSWORD);
      expect(await visit(other, "Utfall (läsare)", paths.outcome(closed.municipality.slug))).toEqual([]);
    });
  });

  describe("as an operator", () => {
    let page: Page;
    beforeAll(async () => {
      const suffix = randomUUID().slice(0, 8);
      const operator = await createUserWithPassword({ email: `drift-e2e-mobil-${suffix}@test.se`, name: "Disa Drift", password: PASSWORD, isOperator: true });
      page = await phonePage();
      await signIn(page, operator.email, PASSWORD);
      await setUpTwoStepInBrowser(page);
    });
    it.each(operatorPages)("%s fits", async (name, path) => {
      expect(await visit(page, name, path())).toEqual([]);
    });
  });

  describe("signed out", () => {
    it.each(signedOutPages)("%s fits", async (name, path) => {
      expect(await visit(await phonePage(), name, path())).toEqual([]);
    });
  });
});
