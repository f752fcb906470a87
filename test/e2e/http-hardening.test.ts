import { deflateSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { expectNoAxeViolations, launchBrowser, signIn, skipBrowser, url } from "../helpers/browser.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #10 in Chromium: the redirect after sign-in, a file name with ";", and pages without JavaScript. */
let browser: Browser;
let tenant: Tenant;

/** A valid 1×1 PNG. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe.skipIf(skipBrowser)("HTTP hardening in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    tenant = await createTenant("e2e-http");
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`stays on the site after sign-in with a tab-smuggled redirect (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled });
      let phished = false;
      await context.route("**://evil.example/**", (route) => {
        phished = true;
        return route.fulfill({ status: 200, contentType: "text/html", body: "<title>Nätfiske</title><p>Nätfiske</p>" });
      });
      const page = await context.newPage();
      await page.goto(url("/logga-in?redirectTo=%2F%09%2Fevil.example%2Fphish"));
      await page.getByLabel("E-postadress").fill(tenant.coordinator.email);
      await page.getByLabel("Lösenord").fill(PASSWORD);
      await page.getByRole("button", { name: "Logga in" }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
      await page.waitForLoadState("load");
      expect(phished).toBe(false);
      expect(new URL(page.url()).origin).toBe(new URL(inject("baseUrl")).origin);
      expect(new URL(page.url()).pathname).toBe(`/k/${tenant.municipality.slug}`);
      await context.close();
    });
  }

  it('uploads evidence named "Protokoll KS; bilaga 2.png" and keeps its name', async () => {
    const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Åtgärd med bilaga");
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(page, tenant.owner.email, PASSWORD);
    await page.goto(url(`/k/${tenant.municipality.slug}/atgarder/${action.id}`));
    await page.getByLabel("Fil", { exact: true }).check();
    await page.getByLabel("Benämning").fill("Bilaga till protokollet");
    await page
      .getByLabel("Fil (PDF, Word, Excel eller bild, högst 10 MB)")
      .setInputFiles({ name: "Protokoll KS; bilaga 2.png", mimeType: "image/png", buffer: tinyPng() });
    await page.getByRole("button", { name: "Spara underlaget" }).click();
    await page.getByRole("link", { name: "Bilaga till protokollet (Protokoll KS; bilaga 2.png)" }).waitFor();
    const stored = await getDb().evidence.findFirstOrThrow({ where: { actionId: action.id } });
    expect(stored.fileName).toBe("Protokoll KS; bilaga 2.png");
    await expectNoAxeViolations(page);
  });

  it("saves the evaluation edit page unchanged without JavaScript and stores no replacement character", async () => {
    // An evaluation of its own, its lists dense with å, ä and ö (the streaming renderer wrote
    // 0x00 in place of such a character where its 2 KB chunks ended inside one).
    const own = await createTenant("e2e-http-utf8");
    const dense = (n: number) => `Förbättrad återkoppling ${n}: ${"åäö ÅÄÖ ".repeat(8).trim()}`;
    const areas = await getDb().evaluationArea.findMany({ where: { evaluationId: own.evaluationId }, select: { id: true } });
    let n = 0;
    for (const area of areas) {
      const strengths = await getDb().strength.findMany({ where: { evaluationAreaId: area.id }, select: { id: true } });
      for (const strength of strengths) await getDb().strength.update({ where: { id: strength.id }, data: { text: dense(n++) } });
      const items = await getDb().improvementItem.findMany({ where: { evaluationAreaId: area.id }, select: { id: true } });
      for (const item of items) await getDb().improvementItem.update({ where: { id: item.id }, data: { text: dense(n++) } });
      await getDb().evaluationArea.update({ where: { id: area.id }, data: { goodExamples: ["Örebro kommun", "Härnösands kommun", "Västerås stad"] } });
    }
    // The rest of this test works on that evaluation.
    tenant = own;
    const evaluation = () =>
      getDb().evaluation.findUniqueOrThrow({
        where: { id: tenant.evaluationId },
        select: {
          period: true,
          evaluators: true,
          areas: {
            orderBy: { id: "asc" },
            select: {
              goodExamples: true,
              strengths: { orderBy: { id: "asc" }, select: { text: true } },
              improvements: { orderBy: { id: "asc" }, select: { text: true } },
            },
          },
        },
      });
    const texts = (value: Awaited<ReturnType<typeof evaluation>>) =>
      [value.period ?? "", ...value.evaluators, ...value.areas.flatMap((a) => [...a.goodExamples, ...a.strengths.map((s) => s.text), ...a.improvements.map((i) => i.text)])].sort();
    const before = texts(await evaluation());
    expect(before.join("\n")).toMatch(/[åäö]/);

    const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, tenant.coordinator.email, PASSWORD);
    const response = await page.goto(url(`/k/${tenant.municipality.slug}/utvarderingar/${tenant.evaluationId}/redigera`));
    const bytes = await response!.body();
    await page.getByRole("button", { name: "Spara ändringarna" }).click();
    await page.waitForURL((u) => u.searchParams.get("sparad") === "1");

    const after = texts(await evaluation());
    expect(after.filter((s) => s.includes("\uFFFD"))).toEqual([]);
    expect(after).toEqual(before);
    expect(bytes.includes(0)).toBe(false);
    await context.close();
  });
});
