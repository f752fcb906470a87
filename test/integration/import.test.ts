import { spawnSync } from "node:child_process";
import { formFields } from "../helpers/html-forms.ts";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { renderReport } from "../fixtures/report-layouts.ts";
import { sharedReports } from "../helpers/catalog.ts";
import { textToDocx } from "../helpers/documents.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { reportSpec } from "../helpers/report-spec.ts";

const root = path.resolve(import.meta.dirname, "../..");
const spec = fc.sample(reportSpec.filter((s) => s.version.firstYear < 2010), { numRuns: 1, seed: 99 })[0]!;
const reportText = renderReport(spec, "pre2010-split-cells");

let tenant: Tenant;
let coordinator: HttpClient;
const page = () => `/k/${tenant.municipality.slug}/utvarderingar/ny`;
const evaluations = () => getDb().evaluation.count({ where: { municipalityId: tenant.municipality.id } });

function upload(http: HttpClient, file: Uint8Array | null, name: string, text = "") {
  const form = new FormData();
  form.set("intent", "read");
  if (file) form.set("file", new Blob([new Uint8Array(file)]), name);
  form.set("text", text);
  return http.request(page(), { method: "POST", body: form });
}

beforeAll(async () => {
  tenant = await createTenant("import");
  coordinator = new HttpClient();
  await coordinator.signIn(tenant.coordinator.email, PASSWORD);
});

describe("importing a report", () => {
  it("reads an uploaded Word file into a preview, saves nothing until confirmed, then saves it all", async () => {
    const before = await evaluations();
    const res = await upload(coordinator, await textToDocx(reportText), "rapport.docx");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Granska innan du sparar");
    expect(await evaluations()).toBe(before);

    const fields = formFields(html);
    expect(fields.get("frameworkVersionKey")).toBe("pre-2010");
    expect(fields.get("q.1.1.points")).toBe(String(spec.areas[0]!.points["1.1"]).replace(".", ","));
    // The coordinator corrects a value before confirming.
    fields.set("q.1.1.points", "12,5");
    fields.set("intent", "save");
    const saved = await coordinator.request(page(), { method: "POST", body: fields });
    expect(saved.status).toBe(302);
    const id = saved.headers.get("location")!.match(/utvarderingar\/([0-9a-f-]+)/)![1]!;
    const evaluation = await getDb().evaluation.findUniqueOrThrow({
      where: { id },
      include: {
        scores: { include: { question: true } },
        areas: { include: { strengths: true, improvements: true, frameworkArea: true } },
      },
    });
    expect(evaluation.year).toBe(spec.year);
    expect(evaluation.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(evaluation.scores.find((s) => s.question.code === "1.1")!.points)).toBe(12.5);
    expect(Number(evaluation.scores.find((s) => s.question.code === "8.1")!.points)).toBe(spec.areas[7]!.points["8.1"]);
    const area2 = evaluation.areas.find((a) => a.frameworkArea.number === 2)!;
    expect(area2.improvements.sort((a, b) => a.sortOrder - b.sortOrder).map((i) => i.text)).toEqual(spec.areas[1]!.improvements);
    expect(Number(evaluation.statedTotal)).toBe(spec.areas.reduce((s, a) => s + a.stated, 0));

    // The same report again is noticed and refused, with a link to the existing evaluation.
    const again = await upload(coordinator, null, "", reportText);
    const againHtml = await again.text();
    expect(againHtml).toContain("Den här rapporten är redan inläst.");
    expect(againHtml).toContain(`/utvarderingar/${id}`);
    const fieldsAgain = formFields(againHtml);
    fieldsAgain.set("intent", "save");
    const refused = await coordinator.request(page(), { method: "POST", body: fieldsAgain });
    expect(refused.status).toBe(409);
    expect(await evaluations()).toBe(before + 1);
  });

  it("shows errors next to wrong values and saves nothing", async () => {
    const res = await upload(coordinator, new TextEncoder().encode(renderReport({ ...spec, year: spec.year - 1 }, "pre2010-joined-cells")), "r.txt");
    const fields = formFields(await res.text());
    const before = await evaluations();
    fields.set("q.1.1.points", "41");
    fields.set("year", "tjugohundra");
    fields.set("intent", "save");
    const refused = await coordinator.request(page(), { method: "POST", body: fields });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Ange poäng mellan 0 och 40 (högst två decimaler).");
    expect(html).toContain("Ange ett årtal mellan 1990 och 2100.");
    expect(html).toMatch(/id="q\.1\.1\.points"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="q\.1\.1\.points"/);
    expect(await evaluations()).toBe(before);
  });

  it("answers unreadable, foreign, empty and oversized files in Swedish and changes nothing", async () => {
    const before = await evaluations();
    const cases: Array<[Uint8Array | null, string, string, RegExp]> = [
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), "bild.png", "", /Filtypen stöds inte/],
      [new TextEncoder().encode("%PDF-1.4 trasig"), "trasig.pdf", "", /gick inte att öppna/],
      [new TextEncoder().encode("Protokoll från kommunstyrelsen\n§ 1 Val av justerare"), "protokoll.txt", "", /inte ut att vara en rapport från Kommunkompassen/],
      [null, "", "", /Välj en fil eller klistra in/],
      [new Uint8Array(21 * 1024 * 1024), "stor.pdf", "", /för stor/],
    ];
    for (const [file, name, text, message] of cases) {
      const res = await upload(coordinator, file, name, text);
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
      const html = await res.text();
      expect(html).toMatch(message);
      // As every form (issue #14 item 7): a summary first that links to the file field, the error at the field.
      expect(html, name).toMatch(/<div class="error-summary[^"]*" role="alert"[^>]*>[\s\S]*?<a href="#file">/);
      expect(html, name).toMatch(/<span class="field-error" id="file-error">/);
    }
    expect(await evaluations()).toBe(before);
  });

  it("lets only coordinators import", async () => {
    for (const user of [tenant.owner, tenant.viewer]) {
      const http = new HttpClient();
      await http.signIn(user.email, PASSWORD);
      expect((await http.get(page())).status).toBe(403);
      expect((await upload(http, null, "", reportText)).status).toBe(403);
    }
  });
});

describe("entering and editing by hand", () => {
  it("enters an evaluation for any framework version with the same validation", async () => {
    const form = await coordinator.get(`${page()}?version=2010&year=2021`);
    const fields = formFields(await form.text());
    expect(fields.get("frameworkVersionKey")).toBe("2010");
    for (const [key] of [...fields]) if (/^q\..*\.points$/.test(key)) fields.set(key, "5");
    fields.set("area.1.strengths", "Bra webbplats\nÖppna möten");
    fields.set("area.1.improvements", "Visselblåsarfunktion");
    fields.set("intent", "save");
    const saved = await coordinator.request(page(), { method: "POST", body: fields });
    expect(saved.status).toBe(302);
    const id = saved.headers.get("location")!.match(/utvarderingar\/([0-9a-f-]+)/)![1]!;
    const evaluation = await getDb().evaluation.findUniqueOrThrow({ where: { id }, include: { scores: true } });
    expect(evaluation.scores).toHaveLength(45);
    expect(evaluation.sourceHash).toBeNull();

    // Editing keeps an improvement item that has actions, and refuses to remove it.
    const item = await getDb().improvementItem.findFirstOrThrow({ where: { evaluationArea: { evaluationId: id } } });
    await getDb().action.create({
      data: { municipalityId: tenant.municipality.id, improvementItemId: item.id, title: "Inför funktion", deadline: new Date("2027-01-31") },
    });
    const edit = `/k/${tenant.municipality.slug}/utvarderingar/${id}/redigera`;
    const editFields = formFields(await (await coordinator.get(edit)).text());
    expect(editFields.get("q.1.1.points")).toBe("5");
    editFields.set("q.1.1.points", "15");
    editFields.set("area.1.improvements", "Visselblåsarfunktion\nNytt förbättringsområde");
    const edited = await coordinator.request(edit, { method: "POST", body: editFields });
    expect(edited.status).toBe(302);
    const items = await getDb().improvementItem.findMany({ where: { evaluationArea: { evaluationId: id } } });
    expect(items.map((i) => i.text).sort()).toEqual(["Nytt förbättringsområde", "Visselblåsarfunktion"]);
    expect(items.find((i) => i.text === "Visselblåsarfunktion")!.id).toBe(item.id);

    editFields.set("area.1.improvements", "Nytt förbättringsområde");
    const refused = await coordinator.request(edit, { method: "POST", body: editFields });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("har åtgärder och kan inte tas bort");
    expect(await getDb().improvementItem.count({ where: { id: item.id } })).toBe(1);
  });
});

describe("comparison over time", () => {
  it("compares per area across a version change with the caveat, per sub-question within a version", async () => {
    const http = new HttpClient();
    await http.signIn(tenant.viewer.email, PASSWORD);
    const html = await (await http.get(`/k/${tenant.municipality.slug}/jamfor`)).text();
    expect(html).toContain("Jämförelse över tid");
    expect(html).toContain("inte direkt jämförbara");
    expect(html).toContain("Poäng per delfråga (Kommunkompassen 2010)");
  });
});

describe("the import command", () => {
  const run = (...args: string[]) =>
    spawnSync(path.join(root, "node_modules/.bin/tsx"), ["app/cli/import.ts", ...args], { cwd: root, encoding: "utf8", env: process.env });

  it("prints what it read as JSON with warnings, exit 0, and saves nothing on --dry-run", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "import-"));
    const file = path.join(dir, "rapport.txt");
    writeFileSync(file, reportText);
    const before = await getDb().evaluation.count();
    const out = run("--dry-run", "--json", file);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout) as { municipality: string; frameworkVersion: string; areas: Array<{ number: number; points: number; questions: unknown[] }>; warnings: unknown[] };
    expect(json.municipality).toBe(spec.municipality);
    expect(json.frameworkVersion).toBe("pre-2010");
    expect(json.areas.map((a) => a.points)).toEqual(spec.areas.map((a) => a.stated));
    expect(Array.isArray(json.warnings)).toBe(true);
    expect(await getDb().evaluation.count()).toBe(before);
  });

  it.runIf(existsSync(sharedReports))("reads the shared reports into the expected shape", () => {
    const out = run("--dry-run", "--json", path.join(sharedReports, "karlskoga-2007.txt"));
    const expected = JSON.parse(readFileSync(path.join(sharedReports, "karlskoga-2007.expected.json"), "utf8")) as { totalPoints: number };
    expect(JSON.parse(out.stdout).totalPoints).toBe(expected.totalPoints);
  });

  it("exits non-zero with a one-line Swedish reason for a foreign or missing file", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "import-"));
    const file = path.join(dir, "annat.txt");
    writeFileSync(file, "Budget 2025 för Norrby kommun\nDriftbudget per nämnd");
    const foreign = run("--dry-run", "--json", file);
    expect(foreign.status).not.toBe(0);
    expect(foreign.stderr.trim().split("\n").filter((l) => !l.includes("npm warn"))).toEqual([
      "Filen ser inte ut att vara en rapport från Kommunkompassen.",
    ]);
    const missing = run("--dry-run", path.join(dir, "finns-inte.pdf"));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("Filen finns inte");
  });

  it("imports into the municipality named by --municipality", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "import-"));
    const file = path.join(dir, "rapport.txt");
    const other = await createTenant("cli");
    writeFileSync(file, renderReport({ ...spec, year: 2004 }, "pre2010-joined-cells"));
    const out = run("--municipality", other.municipality.slug, file);
    expect(out.status, out.stderr).toBe(0);
    expect(await getDb().evaluation.count({ where: { municipalityId: other.municipality.id, year: 2004 } })).toBe(1);
    const again = run("--municipality", other.municipality.slug, file);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain("redan inläst");
  });
});
