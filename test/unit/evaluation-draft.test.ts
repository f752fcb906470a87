import { describe, expect, it } from "vitest";
import { draftFromReport } from "~/domain/evaluation-draft.ts";
import type { CatalogVersion, ParsedReport } from "~/domain/report-reader/types.ts";

const version: CatalogVersion = {
  key: "2010",
  name: "2010",
  firstYear: 2010,
  areas: [{ number: 1, name: "Offentlighet och demokrati", maxPoints: 100, questions: [{ code: "1.1", text: "Fråga", maxPoints: 10 }] }],
};
const report = (year: number | null): ParsedReport => ({
  municipality: "Tranemo",
  year,
  evaluationDates: null,
  titlePageDate: null,
  evaluators: [],
  frameworkVersion: "2010",
  areas: [],
  totalPoints: null,
  warnings: [],
});

describe("draftFromReport", () => {
  it("takes the year from the report, and from the given clock (never its own) when the report has none", () => {
    expect(draftFromReport(report(2015), version, null, new Date(2031, 5, 1)).year).toBe(2015);
    expect(draftFromReport(report(null), version, "rapport.pdf", new Date(2031, 5, 1)).year).toBe(2031);
  });
});
