import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import { upsertFrameworkVersion } from "~/models/catalog.server.ts";
import type { NewEvaluation } from "~/models/evaluation.server.ts";
import { saveLearnedVersionWithEvaluation } from "~/models/learned-version.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { renderReport, type ReportSpec } from "../fixtures/report-layouts.ts";
import { sharedReports } from "../helpers/catalog.ts";
import { textToDocx } from "../helpers/documents.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { fieldErrors, formFields } from "../helpers/html-forms.ts";
import { HttpClient } from "../helpers/http.ts";
import { fictionalVersion, report2020Spec, reportUnknownSpec, version2020Skeleton } from "../helpers/report-spec.ts";

/**
 * A report in the 2020 structure teaches the product the version's sub-questions (issue #13).
 * Every 2020 report here is generated and FICTIONAL: the real sub-questions are not published.
 */

const root = path.resolve(import.meta.dirname, "../..");
const spec = fc.sample(report2020Spec, { numRuns: 1, seed: 2020 })[0]!;
const questionCount = spec.version.areas.reduce((n, a) => n + a.questions.length, 0);

let tenant: Tenant;
let coordinator: HttpClient;
const page = () => `/k/${tenant.municipality.slug}/utvarderingar/ny`;
const evaluations = () => getDb().evaluation.count({ where: { municipalityId: tenant.municipality.id } });
const questions2020 = () => getDb().frameworkQuestion.count({ where: { area: { version: { key: "2020" } } } });

async function upload(report: ReportSpec) {
  const form = new FormData();
  form.set("intent", "read");
  form.set("file", new Blob([new Uint8Array(await textToDocx(renderReport(report, "2010-tabs")))]), "fiktiv-2020.docx");
  form.set("text", "");
  return coordinator.request(page(), { method: "POST", body: form });
}

beforeAll(async () => {
  tenant = await createTenant("learned");
  coordinator = new HttpClient();
  await coordinator.signIn(tenant.coordinator.email, PASSWORD);
});

describe("a fictional 2020 report over HTTP", () => {
  // Leave the catalog as seeded: a learned 2020 version would be the next version of every
  // municipality that later test files make (readiness projects into the newest version).
  afterAll(async () => {
    await getDb().evaluation.deleteMany({ where: { frameworkVersion: { key: "2020" } } });
    await getDb().frameworkQuestion.deleteMany({ where: { area: { version: { key: "2020" } } } });
  });

  it("the 2020 skeleton (areas, no sub-questions yet) opens in the hand-entry form", async () => {
    const res = await coordinator.get(`${page()}?version=2020&year=2024`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const area of version2020Skeleton.areas) expect(html).toContain(area.name);
  });

  it("previews 'Ny ramverksversion'; a bad maximum sum is refused naming the area and saves nothing", async () => {
    expect(await questions2020()).toBe(0);
    const res = await upload(spec);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Ny ramverksversion");
    expect(html).not.toContain("i ramverket.");
    const fields = formFields(html);
    expect(fields.get("frameworkVersionKey")).toBe("2020");
    expect(fields.get("lv.base")).toBe("2020");
    const first = spec.version.areas[0]!.questions[0]!;
    expect(fields.get(`lv.q.${first.code}.text`)).toBe(first.text);
    expect(fields.get(`lv.q.${first.code}.max`)).toBe(String(first.maxPoints));

    const before = await evaluations();
    fields.set(`lv.q.${first.code}.max`, String(first.maxPoints + 3));
    fields.set("intent", "save");
    const refused = await coordinator.request(page(), { method: "POST", body: fields });
    expect(refused.status).toBe(400);
    const errors = fieldErrors(await refused.text());
    expect(errors["lv.area.1.sum"]).toContain("område 1 Samspel mellan förtroendevalda och medborgare blir 103");
    expect(await evaluations()).toBe(before);
    expect(await questions2020()).toBe(0);
  });

  it("saves the corrected version and the evaluation together; the next report of the version reuses it", async () => {
    const fields = formFields(await (await upload(spec)).text());
    const first = spec.version.areas[0]!.questions[0]!;
    fields.set(`lv.q.${first.code}.text`, "Rättad fiktiv delfråga");
    fields.set("intent", "save");
    const saved = await coordinator.request(page(), { method: "POST", body: fields });
    expect(saved.status).toBe(302);
    const id = saved.headers.get("location")!.match(/utvarderingar\/([0-9a-f-]+)/)![1]!;

    const version = await getDb().frameworkVersion.findUniqueOrThrow({
      where: { key: "2020" },
      include: { areas: { orderBy: { number: "asc" }, include: { questions: { orderBy: { sortOrder: "asc" } } } } },
    });
    expect(version.areas.map((a) => a.questions.map((q) => [q.code, q.text, Number(q.maxPoints)]))).toEqual(
      spec.version.areas.map((a) =>
        a.questions.map((q) => [q.code, q.code === first.code ? "Rättad fiktiv delfråga" : q.text, q.maxPoints]),
      ),
    );
    const evaluation = await getDb().evaluation.findUniqueOrThrow({ where: { id }, include: { scores: { include: { question: true } } } });
    expect(evaluation.frameworkVersionId).toBe(version.id);
    expect(evaluation.municipalityId).toBe(tenant.municipality.id);
    expect(evaluation.scores).toHaveLength(questionCount);
    const area = spec.areas[0]!;
    expect(Number(evaluation.scores.find((s) => s.question.code === first.code)!.points)).toBe(area.points[first.code]);

    // The next report of the same version: known, no "Ny ramverksversion", same questions.
    const next: ReportSpec = { ...spec, year: spec.year === 2026 ? 2025 : spec.year + 1 };
    const html = await (await upload(next)).text();
    expect(html).not.toContain("Ny ramverksversion");
    const again = formFields(html);
    expect(again.get("frameworkVersionKey")).toBe("2020");
    expect(again.get("lv.codes")).toBeNull();
    again.set("intent", "save");
    const second = await coordinator.request(page(), { method: "POST", body: again });
    expect(second.status).toBe(302);
    expect(await questions2020()).toBe(questionCount);
    expect(await getDb().frameworkVersion.count({ where: { key: "2020" } })).toBe(1);
  });
});

describe("saving a learned version", () => {
  const made: string[] = [];
  afterAll(async () => {
    await getDb().evaluation.deleteMany({ where: { frameworkVersion: { key: { in: made } } } });
    await getDb().frameworkVersion.deleteMany({ where: { key: { in: made } } });
  });

  /** A fresh copy of the 2020 skeleton under a test key, so these tests do not depend on the 2020 row. */
  async function skeleton(): Promise<string> {
    const key = `fiktiv-${randomUUID().slice(0, 8)}`;
    made.push(key);
    await upsertFrameworkVersion({ ...version2020Skeleton, key, name: `Fiktiv ${key}`, areas: version2020Skeleton.areas.map((a) => ({ ...a, headings: [] })) });
    return key;
  }
  const input = (version: CatalogVersion, year: number, extraCode?: string): NewEvaluation => ({
    frameworkVersionKey: version.key,
    year,
    period: null,
    reportDate: null,
    evaluators: [],
    statedTotal: null,
    sourceName: null,
    sourceHash: null,
    areas: version.areas.map((a) => ({
      number: a.number,
      statedPoints: null,
      goodExamples: [],
      strengths: [],
      improvements: [],
      scores: [...a.questions.map((q) => q.code), ...(extraCode && a.number === 1 ? [extraCode] : [])].map((code) => ({ code, points: 0, printedPercent: null })),
    })),
  });
  const countQuestions = (key: string) => getDb().frameworkQuestion.count({ where: { area: { version: { key } } } });

  it("two coordinators confirming the same new questions at once add them once and both evaluations are saved", async () => {
    const key = await skeleton();
    const version = { ...fc.sample(fictionalVersion(version2020Skeleton), { numRuns: 1, seed: 31 })[0]!, key };
    const other = await createTenant("learned-b");
    const results = await Promise.all([
      saveLearnedVersionWithEvaluation(tenant.municipality.id, { version, createVersion: false }, input(version, 2021), tenant.coordinator.id),
      saveLearnedVersionWithEvaluation(other.municipality.id, { version, createVersion: false }, input(version, 2021), other.coordinator.id),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(await countQuestions(key)).toBe(version.areas.reduce((n, a) => n + a.questions.length, 0));
  });

  it("when the two propose different maxima, the second saves nothing", async () => {
    const key = await skeleton();
    const [a, b] = fc.sample(fictionalVersion(version2020Skeleton), { numRuns: 2, seed: 32 }).map((v) => ({ ...v, key }));
    const results = await Promise.all([
      saveLearnedVersionWithEvaluation(tenant.municipality.id, { version: a!, createVersion: false }, input(a!, 2022), null),
      saveLearnedVersionWithEvaluation(tenant.municipality.id, { version: b!, createVersion: false }, input(b!, 2023), null),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "changed" }]);
    const winner = results[0]!.ok ? a! : b!;
    expect(await countQuestions(key)).toBe(winner.areas.reduce((n, x) => n + x.questions.length, 0));
    expect(await getDb().evaluation.count({ where: { frameworkVersion: { key } } })).toBe(1);
  });

  it("is one transaction: when the evaluation cannot be saved, the questions are not saved either", async () => {
    const key = await skeleton();
    const version = { ...fc.sample(fictionalVersion(version2020Skeleton), { numRuns: 1, seed: 33 })[0]!, key };
    await expect(
      saveLearnedVersionWithEvaluation(tenant.municipality.id, { version, createVersion: false }, input(version, 2024, "1.99"), null),
    ).rejects.toThrow();
    expect(await countQuestions(key)).toBe(0);
    expect(await getDb().evaluation.count({ where: { frameworkVersion: { key } } })).toBe(0);
  });

  it("an unknown version is created with its areas under the key the coordinator gave", async () => {
    const key = `fiktiv-${randomUUID().slice(0, 8)}`;
    made.push(key);
    const unknown = fc.sample(reportUnknownSpec, { numRuns: 1, seed: 34 })[0]!.version;
    const version = { ...unknown, key, name: "Fiktiv okänd version" };
    const first = await saveLearnedVersionWithEvaluation(tenant.municipality.id, { version, createVersion: true }, input(version, 2025), null);
    expect(first.ok).toBe(true);
    const row = await getDb().frameworkVersion.findUniqueOrThrow({ where: { key }, include: { areas: { orderBy: { number: "asc" } } } });
    expect(row.areas.map((a) => a.name)).toEqual(unknown.areas.map((a) => a.name));
    const twice = await saveLearnedVersionWithEvaluation(tenant.municipality.id, { version, createVersion: true }, input(version, 2026), null);
    expect(twice).toEqual({ ok: false, reason: "key-taken" });
  });
});

describe("the import command prints frameworkVersion", () => {
  const run = (file: string) =>
    spawnSync(path.join(root, "node_modules/.bin/tsx"), ["app/cli/import.ts", "--dry-run", "--json", file], { cwd: root, encoding: "utf8", env: process.env });
  const write = (text: string) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "learned-")), "rapport.txt");
    writeFileSync(file, text);
    return file;
  };
  type Json = { frameworkVersion: string; learnedVersion?: { key: string | null; areas: Array<{ number: number; questions: Array<{ code: string; text: string; maxPoints: number }> }> }; areas: Array<{ questions: Array<{ code: string; text: string; maxPoints: number; points: number }> }> };

  it("2020 for a fictional 2020 report, with the learned questions", () => {
    const out = run(write(renderReport(spec, "2010-tabs")));
    expect(out.status, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout) as Json;
    expect(json.frameworkVersion).toBe("2020");
    expect(json.learnedVersion?.key).toBe("2020");
    expect(json.learnedVersion?.areas.map((a) => a.questions)).toEqual(spec.version.areas.map((a) => a.questions));
    expect(json.areas[0]!.questions[0]).toMatchObject({ code: "1.1", text: spec.version.areas[0]!.questions[0]!.text });
  });

  it("unknown for a report whose areas match no version", () => {
    const unknown = fc.sample(reportUnknownSpec, { numRuns: 1, seed: 35 })[0]!;
    const json = JSON.parse(run(write(renderReport(unknown, "2010-tabs"))).stdout) as Json;
    expect(json.frameworkVersion).toBe("unknown");
    expect(json.learnedVersion?.key).toBeNull();
  });

  it.runIf(existsSync(sharedReports))("pre-2010 and 2010 for the real shared reports, with nothing learned", () => {
    for (const [name, key] of [["hallsberg-2008", "pre-2010"], ["karlskoga-2007", "pre-2010"], ["hammaro-2013", "2010"]] as const) {
      const json = JSON.parse(run(path.join(sharedReports, `${name}.txt`)).stdout) as Json;
      expect(json.frameworkVersion, name).toBe(key);
      expect(json.learnedVersion, name).toBeUndefined();
    }
  });
});
