import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReport } from "~/domain/report-reader/index.ts";
import { renderReport, type Layout, type ReportSpec } from "../fixtures/report-layouts.ts";
import { catalog, sharedReports } from "../helpers/catalog.ts";
import { reportSpec } from "../helpers/report-spec.ts";

function expectReadsBack(spec: ReportSpec, layout: Layout) {
  const result = readReport(renderReport(spec, layout), catalog);
  if (!result.ok) throw new Error(`not read: ${result.reason}`);
  const report = result.report;
  expect(report.municipality).toBe(spec.municipality);
  expect(report.year).toBe(spec.year);
  expect(report.frameworkVersion).toBe(spec.version.key);
  expect(report.evaluators).toEqual(spec.evaluators);
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
  expect(codes.has("missing-question")).toBe(false);
  expect(codes.has("lists-missing")).toBe(false);
  if (layout !== "2010-tabs") expect(report.totalPoints).toBe(spec.areas.reduce((s, a) => s + a.stated, 0));
  return report;
}

describe("report reader on fictional reports in every layout", () => {
  const layouts: Layout[] = ["2010-tabs", "pre2010-split-cells", "pre2010-joined-cells"];
  for (const layout of layouts) {
    it(`reads back exactly what a ${layout} report says`, () => {
      fc.assert(
        fc.property(
          reportSpec.filter((s) => (layout === "2010-tabs") === (s.version.firstYear >= 2010)),
          (spec) => {
            expectReadsBack(spec, layout);
          },
        ),
        { numRuns: Number(process.env.READER_RUNS ?? 40), seed: Number(process.env.READER_SEED ?? 20261123) },
      );
    });
  }

  it("warns where an area's sub-questions do not add up to its stated total", () => {
    const spec = fc.sample(reportSpec.filter((s) => s.version.firstYear >= 2010), { numRuns: 1, seed: 7 })[0]!;
    const area = spec.areas[0]!;
    const sum = Object.values(area.points).reduce((s, p) => s + p, 0);
    area.stated = sum === 0 ? 1 : sum - 1;
    const report = expectReadsBack(spec, "2010-tabs");
    expect(report.warnings).toContainEqual({ code: "area-sum-mismatch", area: area.number, stated: area.stated, computed: sum });
  });
});

interface Expected {
  municipality: string;
  year: number;
  evaluationDates: string;
  titlePageDate: string;
  evaluators: string[];
  frameworkVersion: string;
  totalPoints: number | null;
  areas: Array<{
    number: number;
    points: number;
    questions: Array<{ code: string; text: string; maxPoints: number; points: number }>;
    strengths: string[];
    improvements: string[];
  }>;
}

describe.runIf(existsSync(sharedReports))("report reader on the real reports in ../shared/reports", () => {
  for (const name of ["hammaro-2013", "hallsberg-2008", "karlskoga-2007"]) {
    it(`${name}: every score, total and list item as a careful reader finds them`, () => {
      const expected = JSON.parse(readFileSync(path.join(sharedReports, `${name}.expected.json`), "utf8")) as Expected;
      const result = readReport(readFileSync(path.join(sharedReports, `${name}.txt`), "utf8"), catalog);
      if (!result.ok) throw new Error(result.reason);
      const report = result.report;
      expect({
        municipality: report.municipality,
        year: report.year,
        evaluationDates: report.evaluationDates,
        titlePageDate: report.titlePageDate,
        evaluators: report.evaluators,
        frameworkVersion: report.frameworkVersion,
        totalPoints: report.totalPoints,
      }).toEqual({
        municipality: expected.municipality,
        year: expected.year,
        evaluationDates: expected.evaluationDates,
        titlePageDate: expected.titlePageDate,
        evaluators: expected.evaluators,
        frameworkVersion: expected.frameworkVersion,
        totalPoints: expected.totalPoints,
      });
      expect(report.areas.map((a) => a.number)).toEqual(expected.areas.map((a) => a.number));
      for (const e of expected.areas) {
        const a = report.areas.find((x) => x.number === e.number)!;
        expect(a.points).toBe(e.points);
        expect(a.questions.map((q) => [q.code, q.text, q.maxPoints, q.points])).toEqual(
          e.questions.map((q) => [q.code, q.text, q.maxPoints, q.points]),
        );
        expect(a.strengths).toEqual(e.strengths);
        expect(a.improvements).toEqual(e.improvements);
      }
    });
  }

  it("hammaro-2013: shows the rounding differences and keeps the good examples with their areas", () => {
    const result = readReport(readFileSync(path.join(sharedReports, "hammaro-2013.txt"), "utf8"), catalog);
    if (!result.ok) throw new Error(result.reason);
    const mismatches = result.report.warnings.filter((w) => w.code === "area-sum-mismatch").map((w) => ("area" in w ? w.area : 0));
    expect(mismatches).toEqual([1, 2, 3, 4, 8]);
    expect(result.report.areas[0]!.goodExamples).toEqual(["Stockholms Stad", "Upplands Väsby"]);
    expect(result.report.areas[3]!.goodExamples).toEqual(["Örebro", "Nacka"]);
  });

  it("hallsberg-2008: warns that area 7 and the total do not add up", () => {
    const result = readReport(readFileSync(path.join(sharedReports, "hallsberg-2008.txt"), "utf8"), catalog);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.warnings).toContainEqual({ code: "area-sum-mismatch", area: 7, stated: 38, computed: 37 });
  });
});
