import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReport } from "~/domain/report-reader/index.ts";
import { warningMessage } from "~/domain/report-reader/messages.ts";
import { extractReportText } from "~/platform/report-file.server.ts";
import { renderReport } from "../fixtures/report-layouts.ts";
import { catalog } from "../helpers/catalog.ts";
import { textToPdf } from "../helpers/documents.ts";
import { reportSpec } from "../helpers/report-spec.ts";

const good = renderReport(fc.sample(reportSpec.filter((s) => s.version.firstYear >= 2010), { numRuns: 1, seed: 11 })[0]!, "2010-tabs");
const goodOld = renderReport(fc.sample(reportSpec.filter((s) => s.version.firstYear < 2010), { numRuns: 1, seed: 12 })[0]!, "pre2010-split-cells");

/** Whatever the input, the reader answers with a reason or a well-formed report. */
function expectWellFormed(text: string) {
  const result = readReport(text, catalog);
  if (!result.ok) {
    expect(["empty", "not-text", "not-kommunkompassen", "no-scores"]).toContain(result.reason);
    return;
  }
  for (const area of result.report.areas) {
    expect(area.number).toBeGreaterThanOrEqual(1);
    for (const q of area.questions) {
      expect(q.code).toMatch(/^\d\.\d{1,2}$/);
      expect(Number.isFinite(q.points)).toBe(true);
      expect(Number.isFinite(q.maxPoints)).toBe(true);
    }
  }
  for (const w of result.report.warnings) expect(warningMessage(w)).toMatch(/\S/);
}

interface Rnd {
  nextInt(min: number, max: number): number;
}

/** A small seeded generator (mulberry32), so every mutation can be replayed from its seed. */
function seeded(seed: number): Rnd {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { nextInt: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

type Mutation = (lines: string[], rnd: Rnd) => string[];
const mutations: Mutation[] = [
  (l, r) => l.filter((_, i) => i !== r.nextInt(0, l.length - 1)),
  (l, r) => {
    const i = r.nextInt(0, l.length - 1);
    return [...l.slice(0, i), l[i]!, ...l.slice(i)];
  },
  (l, r) => l.map((line) => (r.nextInt(0, 20) === 0 ? line.replace(/\d/g, () => String(r.nextInt(0, 9))) : line)),
  (l, r) => l.map((line) => (r.nextInt(0, 10) === 0 ? line.replace(/\t/g, " ") : line)),
  (l, r) => {
    const i = r.nextInt(0, l.length - 1);
    const line = l[i]!;
    const at = r.nextInt(0, line.length);
    const junk = String.fromCodePoint(r.nextInt(0x20, 0x2fff));
    return [...l.slice(0, i), line.slice(0, at) + junk + line.slice(at), ...l.slice(i + 1)];
  },
  (l, r) => l.slice(0, r.nextInt(1, l.length)),
  (l, r) => l.map((line) => (r.nextInt(0, 15) === 0 ? line.replace(/,/g, ".").replace(/•/g, "") : line)),
  (l, r) => {
    const a = r.nextInt(0, l.length - 1);
    const b = r.nextInt(0, l.length - 1);
    const copy = [...l];
    [copy[a], copy[b]] = [copy[b]!, copy[a]!];
    return copy;
  },
];

describe("bad input never crashes the reader", () => {
  it("says an empty or blank file is empty", () => {
    expect(readReport("", catalog)).toEqual({ ok: false, reason: "empty" });
    expect(readReport(" \n\t\n ", catalog)).toEqual({ ok: false, reason: "empty" });
  });

  it("says binary content is not text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 4096 }), (bytes) => {
        const withNul = new Uint8Array([...bytes, 0]);
        expect(readReport(new TextDecoder("latin1").decode(withNul), catalog)).toEqual({ ok: false, reason: "not-text" });
      }),
      { numRuns: 50 },
    );
  });

  it("tells another kind of report from a Kommunkompassen report", () => {
    const annualReport = [
      "Årsredovisning 2024",
      "Förvaltningsberättelse",
      "Kommunens resultat blev 12,3 miljoner kronor.",
      "1.1 Driftredovisning 120 130 92%",
    ].join("\n");
    expect(readReport(annualReport, catalog)).toEqual({ ok: false, reason: "not-kommunkompassen" });
    expect(readReport("Kommunkompassen\n\nEn beskrivning utan poäng.", catalog)).toEqual({ ok: false, reason: "no-scores" });
  });

  it("survives any truncation of a good report", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length }), (at) => expectWellFormed(good.slice(0, at))),
      { numRuns: 150 },
    );
  });

  it("survives a few hundred random mutations of good reports", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(good, goodOld),
        fc.array(fc.integer({ min: 0, max: mutations.length - 1 }), { minLength: 1, maxLength: 6 }),
        fc.integer(),
        (text, chosen, seed) => {
          const rnd = seeded(seed);
          let lines = text.split("\n");
          // The mutations pick lines by index, so they stop once every line is gone (the reader still reads "").
          for (const m of chosen) if (lines.length > 0) lines = mutations[m]!(lines, rnd);
          expectWellFormed(lines.join("\n"));
        },
      ),
      { numRuns: 300 },
    );
  });

  // Its own time budget: under a loaded machine (CI on two shared cores) parsing the damaged PDFs took more than the 5 s default.
  it("survives damaged PDF files", { timeout: 60_000 }, async () => {
    const pdf = await textToPdf(goodOld);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pdf.length - 1 }), fc.integer({ min: 0, max: 255 }), async (at, byte) => {
        const damaged = pdf.slice();
        damaged[at] = byte;
        const result = await extractReportText(damaged.slice(0, Math.max(at, 16)));
        if (result.ok) expectWellFormed(result.text);
        else expect(["unreadable", "unsupported"]).toContain(result.reason);
      }),
      { numRuns: 25 },
    );
  });
});
