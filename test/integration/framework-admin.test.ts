import ExcelJS from "exceljs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FrameworkVersionInput } from "~/domain/framework-version.ts";
import { createEvaluation } from "~/models/evaluation.server.ts";
import { createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { fieldErrors, formBody, htmlForms } from "../helpers/html-forms.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";

/**
 * Issue #13, item 1 over HTTP: the operator's framework version pages. Every version made here
 * is fictional (keys "prov-…"); the seeded versions are only read, since other test files use them.
 */

let tenant: Tenant;
let operator: HttpClient;
const list = "/drift/ramverk";
const detail = (key: string) => `/drift/ramverk/${key}`;
const download = (key: string, format: "xlsx" | "json") => `/drift/ramverk/${key}/ladda-ned?format=${format}`;
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const newKey = () => `prov-${randomUUID().slice(0, 8)}`;

// The fictional versions go again: a newer version with sub-questions would become the next
// version of every municipality that later test files make (readiness projects into it).
afterAll(async () => {
  await getDb().evaluation.deleteMany({ where: { frameworkVersion: { key: { startsWith: "prov-" } } } });
  await getDb().frameworkVersion.deleteMany({ where: { key: { startsWith: "prov-" } } });
});

beforeAll(async () => {
  tenant = await createTenant("ramverk");
  const suffix = randomUUID().slice(0, 8);
  const user = await createUserWithPassword({ email: `drift-ramverk-${suffix}@test.se`, name: "Drift Ramverk", password: PASSWORD, isOperator: true });
  operator = new HttpClient();
  expect((await operator.signIn(user.email, PASSWORD)).status).toBe(302);
  await setUpTwoStep(operator);
});

/** A fictional version: three areas, the third without sub-questions. */
function fictional(key: string): FrameworkVersionInput {
  return {
    key,
    name: `Påhittad version ${key}`,
    firstYear: 2031,
    areas: [
      {
        number: 1,
        name: "Påhittat område ett",
        maxPoints: 100,
        headings: ["Första rubriken", "Andra rubriken"],
        questions: [
          { code: "1.1", text: "Finns en påhittad plan?", maxPoints: 40 },
          { code: "1.2", text: "Följs den påhittade planen upp?", maxPoints: 35.5 },
          { code: "1.3", text: "Är planen känd?", maxPoints: 24.5 },
        ],
      },
      { number: 2, name: "Påhittat område två", maxPoints: 50, headings: [], questions: [{ code: "2.1", text: "Enda frågan?", maxPoints: 50 }] },
      { number: 3, name: "Styrning och kontroll", maxPoints: 100, headings: [], questions: [] },
    ],
  };
}

function upload(client: HttpClient, name: string, content: Uint8Array | string, type = "application/json") {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("file", new Blob([content as BlobPart], { type }), name);
  return client.request(list, { method: "POST", body: form });
}

const versionCount = () => getDb().frameworkVersion.count();
const frameworkAudit = () => getDb().auditEvent.count({ where: { entityType: "FrameworkVersion" } });

async function withKey(xlsx: ArrayBuffer, key: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx);
  workbook.worksheets[0]!.getCell("B2").value = key;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function editForm(key: string) {
  const html = await text(await operator.get(detail(key)));
  return htmlForms(html).find((f) => f.fields.some((x) => x.name === "intent" && x.value === "edit"))!;
}

describe("framework versions for operators", () => {
  it("are for operators only: coordinators, owners and viewers get 403 on every page, file and post, and nothing changes", async () => {
    const key = newKey();
    expect((await upload(operator, "v.json", JSON.stringify(fictional(key)))).status).toBe(302);
    const [versions, audit] = [await versionCount(), await frameworkAudit()];
    for (const who of [tenant.coordinator, tenant.owner, tenant.viewer]) {
      const http = new HttpClient();
      expect((await http.signIn(who.email, PASSWORD)).status).toBe(302);
      for (const path of [list, detail(key), detail("2010"), download(key, "xlsx"), download("2010", "json")]) {
        expect((await http.get(path)).status, path).toBe(403);
      }
      expect((await http.post(list, { intent: "create", name: "Smyg", key: newKey(), firstYear: "2030", areas: "Ett; 100" })).status).toBe(403);
      expect((await upload(http, "v.json", JSON.stringify(fictional(newKey())))).status).toBe(403);
      for (const intent of ["edit", "retire", "reactivate"]) {
        expect((await http.post(detail(key), { intent, name: "Smygnamn" })).status, intent).toBe(403);
      }
    }
    const anonymous = await new HttpClient().get(list);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/logga-in\?redirectTo=/);
    expect([await versionCount(), await frameworkAudit()]).toEqual([versions, audit]);
    const stored = await getDb().frameworkVersion.findUniqueOrThrow({ where: { key } });
    expect([stored.name, stored.retiredAt]).toEqual([fictional(key).name, null]);
  });

  it("creates a version by hand (areas only), listed with “delfrågor saknas”, and audits it", async () => {
    const key = newKey();
    const res = await operator.post(list, { intent: "create", name: "Handskapad provversion", key, firstYear: "2032", areas: "Första området; 100\n\nAndra området;50,5\n" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${detail(key)}?skapad=1`);
    const stored = await getDb().frameworkVersion.findUniqueOrThrow({ where: { key }, include: { areas: { orderBy: { number: "asc" } } } });
    expect(stored.areas.map((a) => [a.number, a.name, Number(a.maxPoints)])).toEqual([
      [1, "Första området", 100],
      [2, "Andra området", 50.5],
    ]);
    const page = await text(await operator.get(list));
    const row = page.slice(page.indexOf(`<code>${key}</code>`) - 400, page.indexOf(`<code>${key}</code>`) + 600);
    expect(row).toContain("Handskapad provversion");
    expect(row).toContain("delfrågor saknas");
    expect(row).toContain("150,5");
    expect(await text(await operator.get(`${detail(key)}?skapad=1`))).toContain("Versionen Handskapad provversion är skapad.");
    const audit = await getDb().auditEvent.findMany({ where: { entityType: "FrameworkVersion", entityId: stored.id } });
    expect(audit.map((a) => [a.event, a.municipalityId, a.newValue])).toEqual([["framework-version.created", null, `Handskapad provversion (${key})`]]);
  });

  it("refuses bad hand input next to the fields, and a key already taken, creating nothing", async () => {
    const before = await versionCount();
    const bad = await operator.post(list, { intent: "create", name: "", key: "Stor Nyckel", firstYear: "20x0", areas: "Område utan poäng" });
    expect(bad.status).toBe(400);
    const errors = fieldErrors(await text(bad));
    expect(errors.name).toBe("Ange versionens namn (högst 120 tecken, på en rad).");
    expect(errors.key).toMatch(/^Nyckeln får bara innehålla små bokstäver/);
    expect(errors.firstYear).toBe("Ange första år som ett årtal mellan 1990 och 2100.");
    expect(errors.areas).toBe("Rad 1: skriv områdets namn, semikolon och maxpoäng, till exempel ”Samhällsutveckling; 100”.");
    const zero = await operator.post(list, { intent: "create", name: "Noll", key: newKey(), firstYear: "2030", areas: "Ett; 100\nTvå; 0" });
    expect(zero.status).toBe(400);
    expect(fieldErrors(await text(zero)).areas).toBe("Område 2: maxpoängen ska vara ett tal större än 0 och högst 1 000, med högst två decimaler.");
    const taken = await operator.post(list, { intent: "create", name: "Dubblett", key: "2010", firstYear: "2030", areas: "Ett; 100" });
    expect(taken.status).toBe(409);
    const html = await text(taken);
    expect(fieldErrors(html).key).toBe("Nyckeln används redan av en annan version.");
    expect(html).toContain('value="Dubblett"');
    expect(await versionCount()).toBe(before);
  });

  it("uploads a version as JSON and as .xlsx; what is downloaded uploads again unchanged (round trip)", async () => {
    const key = newKey();
    const version = fictional(key);
    const created = await upload(operator, "version.json", JSON.stringify(version));
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe(`${detail(key)}?skapad=1`);
    const page = await text(await operator.get(detail(key)));
    for (const shown of ["1.2", "Följs den påhittade planen upp?", "35,5", "Område 3 Styrning och kontroll", "delfrågor saknas", "Ingen utvärdering använder versionen."]) {
      expect(page).toContain(shown);
    }
    const json = await operator.get(download(key, "json"));
    expect(json.status).toBe(200);
    expect(json.headers.get("content-disposition")).toContain(`ramverk-${key}.json`);
    expect(await json.json()).toEqual(version);

    const xlsx = await operator.get(download(key, "xlsx"));
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const again = newKey();
    const reuploaded = await upload(operator, "version.xlsx", await withKey(await xlsx.arrayBuffer(), again), "application/octet-stream");
    expect(reuploaded.status).toBe(302);
    expect(await (await operator.get(download(again, "json"))).json()).toEqual({ ...version, key: again });

    // The seeded 2010 version, with its sub-headings and 51 sub-questions, makes the same round trip.
    const seeded = await (await operator.get(download("2010", "json"))).json();
    const copy = newKey();
    const from2010 = await upload(operator, "2010.xlsx", await withKey(await (await operator.get(download("2010", "xlsx"))).arrayBuffer(), copy));
    expect(from2010.status).toBe(302);
    expect(await (await operator.get(download(copy, "json"))).json()).toEqual({ ...seeded, key: copy });
    // And its JSON, under a new key.
    const copy2 = newKey();
    expect((await upload(operator, "2010.json", JSON.stringify({ ...seeded, key: copy2 }))).status).toBe(302);
    expect(await (await operator.get(download(copy2, "json"))).json()).toEqual({ ...seeded, key: copy2 });
  });

  it("refuses a bad file with every problem listed (rows named for a sheet), and saves nothing", async () => {
    const [versions, audit] = [await versionCount(), await frameworkAudit()];
    const sum = fictional(newKey());
    sum.areas[0]!.name = "Styrning och kontroll";
    sum.areas[0]!.questions[2]!.maxPoints = 19.5;
    const refused = await upload(operator, "fel.json", JSON.stringify(sum));
    expect(refused.status).toBe(422);
    const html = await text(refused);
    expect(fieldErrors(html).file).toBe("Filen sparades inte. Rätta följande och ladda upp den igen:");
    expect(html).toContain("Område 1 Styrning och kontroll: delfrågornas maxpoäng blir 95, områdets max är 100.");
    expect(html).toMatch(/aria-describedby="[^"]*upload-errors/);

    const xlsxKey = newKey();
    expect((await upload(operator, "ok.json", JSON.stringify(fictional(xlsxKey)))).status).toBe(302);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await operator.get(download(xlsxKey, "xlsx"))).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    sheet.getCell("B2").value = newKey();
    sheet.getCell("E7").value = "1.x";
    sheet.getCell("G9").value = 49;
    const badSheet = await upload(operator, "fel.xlsx", new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(badSheet.status).toBe(422);
    const sheetHtml = await text(badSheet);
    expect(sheetHtml).toContain("Rad 7: Område 1, delfråga nr 2: koden ska ha formen 1.1, 1.2 och så vidare.");
    expect(sheetHtml).toContain("Rad 9: Område 2 Påhittat område två: delfrågornas maxpoäng blir 49, områdets max är 50.");

    const notJson = await upload(operator, "trasig.json", "{ inte json");
    expect([notJson.status, await text(notJson)]).toEqual([422, expect.stringContaining("Filen är inte giltig JSON.")]);
    const wrongType = await upload(operator, "version.txt", JSON.stringify(fictional(newKey())), "text/plain");
    expect([wrongType.status, fieldErrors(await text(wrongType)).file]).toEqual([400, "Filen måste vara en Excelfil (.xlsx) eller JSON (.json)."]);
    const tooLarge = await upload(operator, "stor.json", " ".repeat(1024 * 1024 + 10));
    expect(tooLarge.status).toBe(413);
    expect(fieldErrors(await text(tooLarge)).file).toBe("Filen är för stor. Största tillåtna storlek är 1 MB.");
    const taken = await upload(operator, "upptagen.json", JSON.stringify(fictional("2010")));
    expect(taken.status).toBe(409);
    expect(await text(taken)).toContain("Nyckeln används redan av en annan version.");
    expect([await versionCount(), await frameworkAudit()]).toEqual([versions + 1, audit + 1]);
  });

  it("corrects texts of a version in use, refuses to change its maxima (in Swedish), and changes maxima of an unused one", async () => {
    const key = newKey();
    expect((await upload(operator, "v.json", JSON.stringify(fictional(key)))).status).toBe(302);
    const form = await editForm(key);
    // Unused: maxima may change while they still add up; a sum that does not is refused next to the area's maximum.
    const uneven = await operator.post(detail(key), Object.fromEntries(formBody(form, { "q.1.1.max": "45" })));
    expect(uneven.status).toBe(400);
    expect(fieldErrors(await text(uneven))["area.1.max"]).toBe("Område 1 Påhittat område ett: delfrågornas maxpoäng blir 105, områdets max är 100.");
    const moved = await operator.post(detail(key), Object.fromEntries(formBody(form, { "q.1.1.max": "45", "q.1.2.max": "30,5" })));
    expect(moved.status).toBe(200);
    expect(await text(moved)).toContain("Ändringarna är sparade.");

    await createEvaluation(
      tenant.municipality.id,
      {
        frameworkVersionKey: key,
        year: 2032,
        period: null,
        reportDate: null,
        evaluators: [],
        statedTotal: null,
        sourceName: null,
        sourceHash: null,
        areas: [{ number: 2, statedPoints: null, goodExamples: [], scores: [{ code: "2.1", points: 20, printedPercent: null }], strengths: [], improvements: [] }],
      },
      tenant.coordinator.id,
    );
    const used = await editForm(key);
    const page = await text(await operator.get(detail(key)));
    expect(page).toContain(tenant.municipality.name);
    expect(page).toContain("En utvärdering använder versionen, så maxpoängen kan inte ändras");
    const before = await getDb().frameworkQuestion.findMany({ where: { area: { version: { key } } }, orderBy: { code: "asc" } });
    const locked = await operator.post(detail(key), Object.fromEntries(formBody(used, { "q.1.1.max": "40", "q.1.2.max": "35,5", "q.1.1.text": "Ändrad samtidigt" })));
    expect(locked.status).toBe(409);
    expect(await text(locked)).toContain("Maxpoängen kan inte ändras eftersom en utvärdering använder versionen");
    expect(await getDb().frameworkQuestion.findMany({ where: { area: { version: { key } } }, orderBy: { code: "asc" } })).toEqual(before);

    const corrected = await operator.post(
      detail(key),
      Object.fromEntries(formBody(used, { "q.1.1.text": "Finns en rättad påhittad plan?", "area.2.name": "Rättat område två", name: "Rättad provversion" })),
    );
    expect(corrected.status).toBe(200);
    const stored = await getDb().frameworkVersion.findUniqueOrThrow({ where: { key }, include: { areas: { orderBy: { number: "asc" }, include: { questions: true } } } });
    expect(stored.name).toBe("Rättad provversion");
    expect(stored.areas[1]!.name).toBe("Rättat område två");
    expect(stored.areas[0]!.questions.find((q) => q.code === "1.1")!.text).toBe("Finns en rättad påhittad plan?");
    expect(Number(stored.areas[0]!.questions.find((q) => q.code === "1.1")!.maxPoints)).toBe(45);
    const changes = await getDb().auditEvent.findMany({ where: { entityId: stored.id, event: "framework-version.changed" }, orderBy: { field: "asc" } });
    expect(changes.map((c) => [c.field, c.oldValue, c.newValue])).toEqual([
      ["1.1 maxPoints", "40", "45"],
      ["1.1 text", "Finns en påhittad plan?", "Finns en rättad påhittad plan?"],
      ["1.2 maxPoints", "35.5", "30.5"],
      ["area 2 name", "Påhittat område två", "Rättat område två"],
      ["name", fictional(key).name, "Rättad provversion"],
    ]);
  });

  it("retires a version: kept for its evaluations, not offered for hand entry; reactivated, offered again", async () => {
    const key = newKey();
    expect((await upload(operator, "v.json", JSON.stringify(fictional(key)))).status).toBe(302);
    const coordinator = new HttpClient();
    await coordinator.signIn(tenant.coordinator.email, PASSWORD);
    const newPage = `/k/${tenant.municipality.slug}/utvarderingar/ny`;
    expect(await text(await coordinator.get(newPage))).toContain(`<option value="${key}">`);

    const retired = await operator.post(detail(key), { intent: "retire" });
    expect(retired.status).toBe(200);
    expect(await text(retired)).toContain("Versionen är tagen ur bruk.");
    expect((await getDb().frameworkVersion.findUniqueOrThrow({ where: { key } })).retiredAt).not.toBeNull();
    const listed = await text(await operator.get(list));
    expect(listed.slice(listed.indexOf(`<code>${key}</code>`), listed.indexOf(`<code>${key}</code>`) + 800)).toContain("Tagen ur bruk");

    const offered = await text(await coordinator.get(newPage));
    expect(offered).not.toContain(`value="${key}"`);
    expect(offered).toContain('<option value="2010">');
    const hand = await text(await coordinator.get(`${newPage}?version=${key}&year=2032`));
    expect(hand).not.toContain(`value="${key}"`);
    // A hand entry posted with the retired version anyway is refused.
    const saved = await coordinator.request(newPage, {
      method: "POST",
      body: new URLSearchParams({ intent: "save", frameworkVersionKey: key, year: "2032", sourceHash: "" }),
    });
    expect(saved.status).toBe(400);
    expect(await text(saved)).toContain("Den versionen är tagen ur bruk och kan inte väljas för en ny utvärdering.");

    const reactivated = await operator.post(detail(key), { intent: "reactivate" });
    expect(await text(reactivated)).toContain("Versionen är i bruk igen.");
    expect((await getDb().frameworkVersion.findUniqueOrThrow({ where: { key } })).retiredAt).toBeNull();
    expect(await text(await coordinator.get(newPage))).toContain(`<option value="${key}">`);
    const events = await getDb().auditEvent.findMany({ where: { entityType: "FrameworkVersion", event: { in: ["framework-version.retired", "framework-version.reactivated"] }, entityId: (await getDb().frameworkVersion.findUniqueOrThrow({ where: { key } })).id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.event)).toEqual(["framework-version.retired", "framework-version.reactivated"]);
  });

  it("keeps showing a retired version on the evaluations that use it", async () => {
    const key = newKey();
    expect((await upload(operator, "v.json", JSON.stringify(fictional(key)))).status).toBe(302);
    const evaluation = await createEvaluation(
      tenant.municipality.id,
      { frameworkVersionKey: key, year: 2033, period: null, reportDate: null, evaluators: [], statedTotal: null, sourceName: null, sourceHash: null, areas: [] },
      tenant.coordinator.id,
    );
    expect((await operator.post(detail(key), { intent: "retire" })).status).toBe(200);
    const coordinator = new HttpClient();
    await coordinator.signIn(tenant.coordinator.email, PASSWORD);
    const page = await coordinator.get(`/k/${tenant.municipality.slug}/utvarderingar/${evaluation.id}`);
    expect(page.status).toBe(200);
    expect(await text(page)).toContain(fictional(key).name);
  });
});
