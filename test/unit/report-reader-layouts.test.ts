import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReport } from "~/domain/report-reader/index.ts";
import { LAYOUTS_2010, renderReport, type Layout, type ReportSpec } from "../fixtures/report-layouts.ts";
import { catalog } from "../helpers/catalog.ts";
import { report2020Spec, reportSpec, reportUnknownSpec } from "../helpers/report-spec.ts";

/**
 * More layouts read back exactly (issue #13, reader robustness): lists with and without bullets,
 * headings on the same line as text, a score overview right after the last list, the 2020 area
 * names with generated FICTIONAL sub-questions (3–9 an area, maxima adding up to 100), and
 * versions nobody knows.
 */

const runs = { numRuns: Number(process.env.READER_RUNS ?? 20), seed: Number(process.env.READER_SEED ?? 20261127) };

function expectReadsBack(spec: ReportSpec, layout: Layout, key: string) {
  const result = readReport(renderReport(spec, layout), catalog);
  if (!result.ok) throw new Error(`not read: ${result.reason}`);
  const report = result.report;
  expect(report.municipality).toBe(spec.municipality);
  expect(report.year).toBe(spec.year);
  expect(report.frameworkVersion).toBe(key);
  for (const area of spec.areas) {
    const read = report.areas.find((a) => a.number === area.number)!;
    const catalogArea = spec.version.areas.find((a) => a.number === area.number)!;
    expect(read.questions.map((q) => [q.code, q.text, q.maxPoints, q.points])).toEqual(
      catalogArea.questions.map((q) => [q.code, q.text, q.maxPoints, area.points[q.code]]),
    );
    expect(read.statedPoints).toBe(area.stated);
    expect(read.strengths).toEqual(area.strengths);
    expect(read.improvements).toEqual(area.improvements);
    expect(read.goodExamples).toEqual(area.goodExamples);
  }
  const codes = new Set(report.warnings.map((w) => w.code));
  for (const code of ["missing-question", "unknown-question", "lists-missing", "list-unsplit", "max-differs", "area-total-conflict"] as const) {
    expect(codes.has(code), code).toBe(false);
  }
  return report;
}

describe("the reader on more layouts", () => {
  for (const layout of LAYOUTS_2010) {
    it(`reads a 2010 report back exactly in the ${layout} layout`, () => {
      fc.assert(
        fc.property(
          reportSpec.filter((s) => s.version.key === "2010"),
          (spec) => void expectReadsBack(spec, layout, "2010"),
        ),
        runs,
      );
    });
    it(`reads a fictional 2020 report back exactly in the ${layout} layout`, () => {
      fc.assert(
        fc.property(report2020Spec, (spec) => {
          const report = expectReadsBack(spec, layout, "2020");
          expect(report.learnedVersion?.areas.flatMap((a) => a.questions)).toEqual(spec.version.areas.flatMap((a) => a.questions));
        }),
        runs,
      );
    });
    it(`reads a fictional unknown version back exactly in the ${layout} layout`, () => {
      fc.assert(
        fc.property(reportUnknownSpec, (spec) => void expectReadsBack(spec, layout, "unknown")),
        { ...runs, numRuns: Math.ceil(runs.numRuns / 2) },
      );
    });
  }

  it("generated 2020 versions have 3–9 sub-questions an area, maxima adding up to 100", () => {
    fc.assert(
      fc.property(report2020Spec, (spec) => {
        for (const area of spec.version.areas) {
          expect(area.questions.length).toBeGreaterThanOrEqual(3);
          expect(area.questions.length).toBeLessThanOrEqual(9);
          expect(area.questions.reduce((s, q) => s + q.maxPoints, 0)).toBe(100);
        }
      }),
      runs,
    );
  });
});

describe("a list ends where its items end", () => {
  const spec = fc.sample(reportSpec.filter((s) => s.version.key === "2010"), { numRuns: 1, seed: 41 })[0]!;
  const lastArea = spec.areas[spec.areas.length - 1]!;

  it("a numbered heading after a bulleted list is not an item", () => {
    const text = renderReport(spec, "inline-headings");
    expect(text).toContain(`– ${lastArea.improvements[lastArea.improvements.length - 1]}\n4. Översikt av poängfördelning`);
    const result = readReport(text, catalog);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.areas[7]!.improvements).toEqual(lastArea.improvements);
  });

  it("a score-table row after a plain list is not an item", () => {
    const text = renderReport(spec, "plain-lists-overview").replace("4. Översikt av poängfördelning\n\n", "");
    const result = readReport(text, catalog);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.areas[7]!.improvements).toEqual(lastArea.improvements);
  });

  it("an area whose summary has a heading but no readable items warns instead of passing an empty list", () => {
    const text = renderReport(spec, "plain-lists-overview");
    const heading = `Område 3 ${spec.version.areas[2]!.name}`;
    const start = text.indexOf(heading);
    const strengthsAt = text.indexOf("\nStyrkor\n", start) + "\nStyrkor\n".length;
    const strengthsEnd = text.indexOf("\n\n", strengthsAt);
    // The strengths turned into one table row: cells, which are not list items.
    const damaged = `${text.slice(0, strengthsAt)}${spec.areas[2]!.strengths.join("\t")}\t\t${text.slice(strengthsEnd)}`;
    const result = readReport(damaged, catalog);
    if (!result.ok) throw new Error(result.reason);
    const area = result.report.areas.find((a) => a.number === 3)!;
    if (area.strengths.length === 0) expect(result.report.warnings).toContainEqual({ code: "lists-missing", area: 3 });
    else expect(area.strengths.length).toBeGreaterThan(0);
    expect(area.improvements).toEqual(spec.areas[2]!.improvements);
  });
});
