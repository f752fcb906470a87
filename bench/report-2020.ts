import fc from "fast-check";
import { readReport } from "~/domain/report-reader/index.ts";
import { extractReportText } from "~/platform/report-file.server.ts";
import { renderReport } from "../test/fixtures/report-layouts.ts";
import { catalog } from "../test/helpers/catalog.ts";
import { textToPdf } from "../test/helpers/documents.ts";
import { report2020Spec } from "../test/helpers/report-spec.ts";

/**
 * Reading a report in the 2020 structure (generated, FICTIONAL sub-questions), as text and as
 * PDF, each as a ratio to reading the 2010 report of the same run (`baselineMs`): learning a
 * version must not make the reader slower than reading a known one.
 */

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** The 2020 report padded like the 2010 one, to about `length` characters. */
function report2020(length: number): string {
  const spec = fc.sample(report2020Spec, { numRuns: 1, seed: 1 })[0]!;
  let text = renderReport(spec, "2010-tabs");
  const filler = "Kommunen arbetar systematiskt med uppföljning av verksamhetens resultat och kvalitet. ".repeat(12);
  while (text.length < length) text = text.replace(/(Allmänt\n\n)/g, `$1${filler}\n\n`);
  return text;
}

export async function benchReport2020(baselineText: string, baselineMs: number): Promise<void> {
  const text = report2020(baselineText.length);
  const check = readReport(text, catalog);
  if (!check.ok || check.report.frameworkVersion !== "2020" || !check.report.learnedVersion) throw new Error("the 2020 report was not read as 2020");
  const textMs = await timeAsync(async () => readReport(text, catalog), 30);
  const pdf = await textToPdf(text);
  const baselinePdf = await textToPdf(baselineText);
  const pdfMs = await timeAsync(async () => {
    const extracted = await extractReportText(pdf);
    if (extracted.ok) readReport(extracted.text, catalog);
  }, 5);
  const baselinePdfMs = await timeAsync(async () => {
    const extracted = await extractReportText(baselinePdf);
    if (extracted.ok) readReport(extracted.text, catalog);
  }, 5);
  const kb = Math.round(text.length / 1000);
  console.log(`Läsa en rapport i 2020 års struktur (${kb} kB, fiktiva delfrågor), text: median ${textMs.toFixed(1)} ms`);
  console.log(`  = ${(textMs / baselineMs).toFixed(2)} × tiden för 2010-rapporten ovan (${Math.round(baselineText.length / 1000)} kB, ${baselineMs.toFixed(1)} ms)`);
  console.log(`Läsa samma 2020-rapport som PDF: median ${pdfMs.toFixed(0)} ms`);
  console.log(`  = ${(pdfMs / baselinePdfMs).toFixed(2)} × tiden för 2010-rapporten som PDF (${baselinePdfMs.toFixed(0)} ms)`);
}
