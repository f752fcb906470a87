import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { learnedCatalogVersion, learnedField, learnedToFormValues } from "~/domain/learned-version.ts";
import { readReport } from "~/domain/report-reader/index.ts";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import { parseLearnedVersionForm } from "~/forms/learned-version.ts";
import { renderReport, type ReportSpec } from "../fixtures/report-layouts.ts";
import { catalog } from "../helpers/catalog.ts";
import { report2020Spec, reportSpec, reportUnknownSpec } from "../helpers/report-spec.ts";

/** Learning a framework version from a report (issue #13). All 2020 data here is generated and fictional. */

const runs = { numRuns: Number(process.env.READER_RUNS ?? 25), seed: Number(process.env.READER_SEED ?? 20261126) };

function read(spec: ReportSpec, against: readonly CatalogVersion[] = catalog) {
  const result = readReport(renderReport(spec, "2010-tabs"), against);
  if (!result.ok) throw new Error(`not read: ${result.reason}`);
  return result.report;
}

const questionsOf = (version: CatalogVersion) =>
  version.areas.map((a) => ({ number: a.number, questions: a.questions.map((q) => ({ code: q.code, text: q.text, maxPoints: q.maxPoints })) }));

describe("the reader names a version by its area names and learns its sub-questions", () => {
  it("a fictional 2020 report is 2020, not 2010, and proposes exactly the sub-questions it prints", () => {
    fc.assert(
      fc.property(report2020Spec, (spec) => {
        const report = read(spec);
        expect(report.frameworkVersion).toBe("2020");
        const codes = new Set(report.warnings.map((w) => w.code));
        for (const code of ["max-differs", "unknown-question", "missing-question", "version-uncertain", "lists-missing"]) expect(codes.has(code as never)).toBe(false);
        expect(report.learnedVersion?.key).toBe("2020");
        expect(report.learnedVersion?.areas.map((a) => ({ number: a.number, questions: a.questions }))).toEqual(questionsOf(spec.version));
        expect(report.learnedVersion?.areas.map((a) => [a.name, a.maxPoints])).toEqual(spec.version.areas.map((a) => [a.name, 100]));
        for (const area of spec.areas) {
          const got = report.areas.find((a) => a.number === area.number)!;
          expect(got.questions.map((q) => q.points)).toEqual(spec.version.areas[area.number - 1]!.questions.map((q) => area.points[q.code]));
          expect(got.strengths).toEqual(area.strengths);
          expect(got.improvements).toEqual(area.improvements);
        }
      }),
      runs,
    );
  });

  it("a report whose area names match no version is 'unknown', with its areas and questions as read", () => {
    fc.assert(
      fc.property(reportUnknownSpec, (spec) => {
        const report = read(spec);
        expect(report.frameworkVersion).toBe("unknown");
        expect(report.learnedVersion?.key).toBeNull();
        expect(report.learnedVersion?.areas.map((a) => ({ number: a.number, questions: a.questions }))).toEqual(questionsOf(spec.version));
        expect(report.learnedVersion?.areas.map((a) => a.name)).toEqual(spec.version.areas.map((a) => a.name));
        expect(report.learnedVersion?.areas.every((a) => a.maxPoints === 100)).toBe(true);
      }),
      runs,
    );
  });

  it("once 2020's questions are in the catalog, the next 2020 report is known: nothing to learn, and a changed maximum warns", () => {
    const spec = fc.sample(report2020Spec, { numRuns: 1, seed: 5 })[0]!;
    const learnedCatalog = catalog.map((v) => (v.key === "2020" ? spec.version : v));
    const report = read(spec, learnedCatalog);
    expect(report.frameworkVersion).toBe("2020");
    expect(report.learnedVersion).toBeUndefined();
    expect(report.warnings.filter((w) => w.code === "max-differs")).toEqual([]);

    const changed = structuredClone(spec);
    const area = changed.version.areas[0]!;
    const [a, b] = [area.questions[0]!, area.questions[1]!];
    a.maxPoints += 1;
    b.maxPoints -= 1;
    changed.areas[0]!.points[b.code] = Math.min(changed.areas[0]!.points[b.code]!, b.maxPoints);
    const warned = read(changed, learnedCatalog);
    expect(warned.learnedVersion).toBeUndefined();
    expect(warned.warnings).toContainEqual({ code: "max-differs", area: 1, question: a.code, printed: a.maxPoints, expected: a.maxPoints - 1 });
  });

  it("a known 2010 report with a changed maximum still warns 'max-differs' and learns nothing", () => {
    const spec = structuredClone(fc.sample(reportSpec.filter((s) => s.version.key === "2010"), { numRuns: 1, seed: 8 })[0]!);
    const q = spec.version.areas[1]!.questions[0]!;
    q.maxPoints += 2;
    const report = read(spec);
    expect(report.frameworkVersion).toBe("2010");
    expect(report.learnedVersion).toBeUndefined();
    expect(report.warnings).toContainEqual({ code: "max-differs", area: 2, question: q.code, printed: q.maxPoints, expected: q.maxPoints - 2 });
  });
});

describe("the 'Ny ramverksversion' form", () => {
  const spec = fc.sample(report2020Spec, { numRuns: 1, seed: 9 })[0]!;
  const report = read(spec);
  const version = learnedCatalogVersion(report.learnedVersion!, catalog, 2022);

  it("round-trips the proposed version, with a corrected text", () => {
    const values = learnedToFormValues(version, "2020");
    values[learnedField.text("3.1")] = "Rättad text";
    const parsed = parseLearnedVersionForm(values, catalog, 2022);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data.createVersion).toBe(false);
    expect(parsed.data.version.key).toBe("2020");
    expect(parsed.data.version.areas[2]!.questions[0]!.text).toBe("Rättad text");
    expect(questionsOf(parsed.data.version).map((a) => a.questions.map((q) => q.maxPoints))).toEqual(
      questionsOf(spec.version).map((a) => a.questions.map((q) => q.maxPoints)),
    );
  });

  it("refuses maxima that do not add up to the area's, naming the area, and a bad maximum next to its field", () => {
    const values = learnedToFormValues(version, "2020");
    const q = version.areas[4]!.questions[0]!;
    values[learnedField.max(q.code)] = String(q.maxPoints + 1);
    values[learnedField.max(version.areas[6]!.questions[0]!.code)] = "abc";
    const parsed = parseLearnedVersionForm(values, catalog, 2022);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[learnedField.areaSum(5)]).toBe(
      `Delfrågornas maxpoäng i område 5 Brukarens fokus blir 101, men områdets maxpoäng är 100. Rätta maxpoängen så att de blir 100 tillsammans.`,
    );
    expect(parsed.errors[learnedField.max(version.areas[6]!.questions[0]!.code)]).toMatch(/maxpoängen/);
  });

  it("an unknown version needs a key and name that are new", () => {
    const unknown = fc.sample(reportUnknownSpec, { numRuns: 1, seed: 10 })[0]!;
    const learned = learnedCatalogVersion(read(unknown).learnedVersion!, catalog, 2023);
    const values = learnedToFormValues(learned, null);
    const missing = parseLearnedVersionForm(values, catalog, 2023);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(Object.keys(missing.errors).sort()).toEqual([learnedField.key, learnedField.name]);
    values[learnedField.key] = "2010";
    values[learnedField.name] = "Testversion";
    const taken = parseLearnedVersionForm(values, catalog, 2023);
    expect(taken.ok ? null : taken.errors[learnedField.key]).toMatch(/finns redan/);
    values[learnedField.key] = "test-2030";
    const ok = parseLearnedVersionForm(values, catalog, 2023);
    expect(ok.ok && ok.data.createVersion && ok.data.version.key).toBe("test-2030");
    expect(ok.ok && ok.data.version.areas.map((a) => a.name)).toEqual(unknown.version.areas.map((a) => a.name));
  });
});
