import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReport } from "~/domain/report-reader/index.ts";
import { decodeText, extractReportText, MAX_REPORT_BYTES } from "~/platform/report-file.server.ts";
import { renderReport } from "../fixtures/report-layouts.ts";
import { catalog, sharedReports } from "../helpers/catalog.ts";
import { textToDocx, textToPdf } from "../helpers/documents.ts";
import { report2020Spec, reportSpec } from "../helpers/report-spec.ts";

/** What matters of a reading: every score, total and list item. */
function essence(text: string) {
  const result = readReport(text, catalog);
  if (!result.ok) throw new Error(result.reason);
  const r = result.report;
  return {
    municipality: r.municipality,
    year: r.year,
    version: r.frameworkVersion,
    total: r.totalPoints,
    areas: r.areas.map((a) => ({
      number: a.number,
      points: a.points,
      questions: a.questions.map((q) => [q.code, q.text, q.maxPoints, q.points]),
      strengths: a.strengths,
      improvements: a.improvements,
    })),
  };
}

async function viaFile(bytes: Uint8Array, kind: "pdf" | "docx") {
  const extracted = await extractReportText(bytes);
  if (!extracted.ok) throw new Error(extracted.reason);
  expect(extracted.kind).toBe(kind);
  return extracted.text;
}

const sources: Array<[string, () => string]> = [
  ["a fictional 2010 report", () => renderReport(fc.sample(reportSpec.filter((s) => s.version.firstYear >= 2010), { numRuns: 1, seed: 3 })[0]!, "2010-tabs")],
  ["a fictional pre-2010 report", () => renderReport(fc.sample(reportSpec.filter((s) => s.version.firstYear < 2010), { numRuns: 1, seed: 4 })[0]!, "pre2010-split-cells")],
  ["a fictional 2020 report", () => renderReport(fc.sample(report2020Spec, { numRuns: 1, seed: 5 })[0]!, "2010-tabs")],
  ["a fictional 2020 report with plain lists", () => renderReport(fc.sample(report2020Spec, { numRuns: 1, seed: 6 })[0]!, "plain-lists-overview")],
];
if (existsSync(sharedReports)) {
  for (const name of ["hammaro-2013", "hallsberg-2008", "karlskoga-2007"]) {
    sources.push([name, () => readFileSync(path.join(sharedReports, `${name}.txt`), "utf8")]);
  }
}

describe("the same report as text, PDF and Word reads the same", () => {
  for (const [name, source] of sources) {
    it(`${name}: PDF`, async () => {
      const text = source();
      expect(essence(await viaFile(await textToPdf(text), "pdf"))).toEqual(essence(text));
    });
    it(`${name}: Word (.docx)`, async () => {
      const text = source();
      expect(essence(await viaFile(await textToDocx(text), "docx"))).toEqual(essence(text));
    });
  }
});

describe("reading files", () => {
  it("decodes UTF-8 with a byte order mark and falls back to Windows-1252", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa5]))).toBe("hå");
    expect(decodeText(new Uint8Array([0x48, 0x61, 0x6d, 0x6d, 0x61, 0x72, 0xf6]))).toBe("Hammarö");
  });

  it("refuses a file over the size limit without reading it", async () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    expect(big.byteLength).toBeGreaterThan(MAX_REPORT_BYTES);
    expect(await extractReportText(big)).toEqual({ ok: false, reason: "too-large" });
  });

  it("says a damaged PDF or Word file cannot be opened", async () => {
    expect(await extractReportText(new TextEncoder().encode("%PDF-1.7\nnot really a pdf"))).toEqual({ ok: false, reason: "unreadable" });
    expect(await extractReportText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]))).toEqual({ ok: false, reason: "unreadable" });
  });

  it("refuses binary content that is no document", async () => {
    expect(await extractReportText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toEqual({ ok: false, reason: "unsupported" });
  });
});
