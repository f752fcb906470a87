import { describe, expect, it } from "vitest";
import { extractReportText, REPORT_LIMITS, StderrWatch } from "~/platform/report-file.server.ts";
import { readReportText } from "~/workflows/report-import.server.ts";
import { docxBomb, docxOf, pdfBomb, pdfOf } from "../helpers/bombs.ts";
import { catalog } from "../helpers/catalog.ts";

/** The report reading budget (docs/decisions/0008-input-limits.md): each limit, at its edge. */

const line = "Kommunkompassen delfråga 1.1 Offentlighet och demokrati 4,5 poäng av 6 möjliga";
const pages = (n: number, lines = 3) => Array.from({ length: n }, (_, i) => Array.from({ length: lines }, () => `${line} sid ${i + 1}`));

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

describe("the report reading budget", { timeout: 60_000 }, () => {
  it("has the documented defaults", () => {
    expect(REPORT_LIMITS).toEqual({
      maxUnpackedBytes: 64 * 1024 * 1024,
      maxZipEntries: 2_000,
      maxPages: 300,
      maxTextChars: 1_000_000,
      timeoutMs: 20_000,
      maxHeapMb: 256,
      maxMemoryMb: 768,
    });
  });

  it("refuses a Word zip bomb by its declared sizes, without inflating it", async () => {
    const bomb = await docxBomb(400);
    const [result, ms] = await timed(() => extractReportText(bomb));
    expect(result).toEqual({ ok: false, reason: "too-large-unpacked" });
    expect(ms).toBeLessThan(5_000);
  });

  it("refuses a Word file that lies about its sizes once its actual content passes the limit", async () => {
    const bomb = await docxBomb(300, { lie: true });
    const [result, ms] = await timed(() => extractReportText(bomb));
    expect(result).toEqual({ ok: false, reason: "too-large-unpacked" });
    expect(ms).toBeLessThan(5_000);
    // Under a limit above its real size the same file is read, so it is the limit that refused it.
    const small = await docxBomb(2, { lie: true });
    expect(await extractReportText(small, { maxTextChars: 3 * 1024 * 1024 })).toMatchObject({ ok: false, reason: "too-large-unpacked" });
    expect(await extractReportText(await docxBomb(2), { maxTextChars: 3 * 1024 * 1024 })).toMatchObject({ ok: true, kind: "docx" });
  });

  it("refuses a PDF whose compressed stream unpacks past the limit, quickly", async () => {
    const bomb = await pdfBomb(600);
    const [result, ms] = await timed(() => extractReportText(bomb));
    expect(result).toEqual({ ok: false, reason: "too-large-unpacked" });
    expect(ms).toBeLessThan(5_000);
    expect(await extractReportText(await pdfBomb(2))).toMatchObject({ ok: true, kind: "pdf" });
  });

  it("refuses a PDF with more pages than allowed, and reads it when it has as many", async () => {
    const pdf = pdfOf(pages(6));
    expect(await extractReportText(pdf, { maxPages: 5 })).toEqual({ ok: false, reason: "too-many-pages" });
    const read = await extractReportText(pdf, { maxPages: 6 });
    expect(read).toMatchObject({ ok: true, kind: "pdf" });
    expect(read.ok && read.text).toContain("sid 6");
  });

  it("refuses more text than a report holds, from PDF, Word, text and pasted text", async () => {
    const text = `${line}\n`.repeat(40);
    const limit = { maxTextChars: text.length - 10 };
    expect(await extractReportText(pdfOf([text.split("\n")]), limit)).toEqual({ ok: false, reason: "too-much-text" });
    expect(await extractReportText(docxOf(text.split("\n")), limit)).toEqual({ ok: false, reason: "too-much-text" });
    expect(await extractReportText(new TextEncoder().encode(text), limit)).toEqual({ ok: false, reason: "too-much-text" });
    expect(await extractReportText(new TextEncoder().encode(text), { maxTextChars: text.length })).toMatchObject({ ok: true });
    const pasted = readReportText("x".repeat(REPORT_LIMITS.maxTextChars + 1), catalog, null);
    expect(pasted).toEqual({ ok: false, message: expect.stringContaining("för mycket text") });
  });

  it("stops a reading that takes too long, and reads the same file given time", async () => {
    const slow = pdfOf(pages(400, 60));
    const roomy = { maxPages: 1_000, maxTextChars: 10_000_000 };
    // How long this machine takes, with the reading process already started; then a quarter of
    // that is too little. Measured, not assumed: a fixed 1.5 s was enough on a fast machine.
    await extractReportText(docxOf(["Kommunkompassen"]));
    const [read, fullMs] = await timed(() => extractReportText(slow, { ...roomy, timeoutMs: 120_000 }));
    expect(read).toMatchObject({ ok: true, kind: "pdf" });
    const timeoutMs = Math.max(50, Math.floor(fullMs / 4));
    const [result, ms] = await timed(() => extractReportText(slow, { ...roomy, timeoutMs }));
    expect(result).toEqual({ ok: false, reason: "timeout" });
    expect(ms).toBeLessThan(timeoutMs + 2_000);
  }, 180_000);

  it("stops a reading that outgrows its memory instead of the process", async () => {
    // 40 MB of document text is under the unpacked limit but not within a 32 MB heap.
    const big = await docxBomb(40);
    expect(await extractReportText(big, { maxHeapMb: 32, maxTextChars: 100_000_000 })).toEqual({ ok: false, reason: "too-large-unpacked" });
    // Resident memory (buffers outside the heap too) is watched as well.
    expect(await extractReportText(big, { maxMemoryMb: 150, maxTextChars: 100_000_000 })).toEqual({ ok: false, reason: "too-large-unpacked" });
    // The process that reads is still well.
    expect(await extractReportText(docxOf(["Kommunkompassen"]))).toMatchObject({ ok: true });
  }, 60_000);

  it("still reads ordinary files", async () => {
    expect(await extractReportText(docxOf(["Kommunkompassen", "Hej"]))).toEqual({ ok: true, kind: "docx", text: "Kommunkompassen\nHej\n" });
    expect(await extractReportText(pdfOf([["Kommunkompassen"], ["Hej"]]))).toEqual({ ok: true, kind: "pdf", text: "Kommunkompassen\nHej" });
  });
});

describe("the reading process's stderr", () => {
  const oom = "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n";
  const trace = Array.from({ length: 60 }, (_, i) => ` ${i}: 0x18ac8a7 v8::internal::Heap::CollectGarbage(v8::internal::AllocationSpace) [/usr/bin/node]\n`).join("");

  it("tells out of memory even when a long stack trace follows the line (an oversized file, not an unreadable one)", () => {
    const watch = new StderrWatch();
    watch.push(`<--- Last few GCs --->\n${oom}`);
    watch.push(trace);
    watch.push(trace);
    expect(trace.length).toBeGreaterThan(2_000);
    expect(watch.outOfMemory).toBe(true);
  });

  it("joins the line when it arrives split across two chunks", () => {
    const watch = new StderrWatch();
    watch.push(oom.slice(0, 50));
    watch.push(oom.slice(50) + trace);
    expect(watch.outOfMemory).toBe(true);
  });

  it("does not call other failures out of memory", () => {
    const watch = new StderrWatch();
    watch.push("TypeError: Cannot read properties of undefined (reading 'getPage')\n" + trace);
    expect(watch.outOfMemory).toBe(false);
  });
});
