import { isAcceptedDate } from "./dates.ts";
import type { CatalogVersion, ParsedReport } from "./report-reader/types.ts";

/**
 * An evaluation as entered or read, before it is saved: the shape both the import preview and
 * the hand-entry form edit, and what the models save.
 */
export interface EvaluationDraft {
  frameworkVersionKey: string;
  year: number;
  period: string | null;
  /** ISO date (YYYY-MM-DD). */
  reportDate: string | null;
  evaluators: string[];
  statedTotal: number | null;
  sourceName: string | null;
  areas: Array<{
    number: number;
    statedPoints: number | null;
    goodExamples: string[];
    scores: Array<{ code: string; points: number; printedPercent: number | null }>;
    strengths: string[];
    improvements: string[];
  }>;
}

/** Flat form values (field name → text), as an HTML form holds them. */
export type FormValues = Record<string, string>;

export const field = {
  points: (code: string) => `q.${code}.points`,
  printedPercent: (code: string) => `q.${code}.percent`,
  statedPoints: (area: number) => `area.${area}.stated`,
  strengths: (area: number) => `area.${area}.strengths`,
  improvements: (area: number) => `area.${area}.improvements`,
  goodExamples: (area: number) => `area.${area}.examples`,
};

const num = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n).replace(".", ","));

export function draftToFormValues(draft: EvaluationDraft): FormValues {
  const values: FormValues = {
    frameworkVersionKey: draft.frameworkVersionKey,
    year: String(draft.year),
    period: draft.period ?? "",
    reportDate: draft.reportDate ?? "",
    evaluators: draft.evaluators.join("\n"),
    statedTotal: num(draft.statedTotal),
    sourceName: draft.sourceName ?? "",
  };
  for (const area of draft.areas) {
    values[field.statedPoints(area.number)] = num(area.statedPoints);
    values[field.strengths(area.number)] = area.strengths.join("\n");
    values[field.improvements(area.number)] = area.improvements.join("\n");
    values[field.goodExamples(area.number)] = area.goodExamples.join(", ");
    for (const s of area.scores) {
      values[field.points(s.code)] = num(s.points);
      if (s.printedPercent !== null) values[field.printedPercent(s.code)] = String(s.printedPercent);
    }
  }
  return values;
}

/** What the reader found, as a draft in the detected framework version (this year's when the report names none). */
export function draftFromReport(report: ParsedReport, version: CatalogVersion, sourceName: string | null, now: Date): EvaluationDraft {
  // A title-page date that does not exist or lies outside the accepted range is left out.
  const iso = report.titlePageDate && isAcceptedDate(report.titlePageDate) ? report.titlePageDate : null;
  return {
    frameworkVersionKey: version.key,
    year: report.year ?? now.getFullYear(),
    period: report.evaluationDates,
    reportDate: iso,
    evaluators: report.evaluators,
    statedTotal: report.totalPoints,
    sourceName,
    areas: version.areas.map((catalogArea) => {
      const area = report.areas.find((a) => a.number === catalogArea.number);
      return {
        number: catalogArea.number,
        statedPoints: area?.statedPoints ?? null,
        goodExamples: area?.goodExamples ?? [],
        scores: (area?.questions ?? [])
          .filter((q) => catalogArea.questions.some((c) => c.code === q.code))
          .map((q) => ({ code: q.code, points: q.points, printedPercent: q.percent === null ? null : Math.round(q.percent) })),
        strengths: area?.strengths ?? [],
        improvements: area?.improvements ?? [],
      };
    }),
  };
}

/** An empty draft of a version, for entering an evaluation by hand. */
export function emptyDraft(version: CatalogVersion, year: number): EvaluationDraft {
  return {
    frameworkVersionKey: version.key,
    year,
    period: null,
    reportDate: null,
    evaluators: [],
    statedTotal: null,
    sourceName: null,
    areas: version.areas.map((a) => ({
      number: a.number,
      statedPoints: null,
      goodExamples: [],
      scores: [],
      strengths: [],
      improvements: [],
    })),
  };
}

/** A saved evaluation back into a draft, for editing. */
export function draftFromSaved(saved: {
  year: number;
  period: string | null;
  reportDate: string | null;
  evaluators: string[];
  statedTotal: number | null;
  sourceName: string | null;
  frameworkVersionKey: string;
  areas: Array<{
    number: number;
    statedPoints: number | null;
    goodExamples: string[];
    strengths: string[];
    improvements: string[];
    questions: Array<{ code: string; points: number | null; printedPercent: number | null }>;
  }>;
}): EvaluationDraft {
  return {
    frameworkVersionKey: saved.frameworkVersionKey,
    year: saved.year,
    period: saved.period,
    reportDate: saved.reportDate,
    evaluators: saved.evaluators,
    statedTotal: saved.statedTotal,
    sourceName: saved.sourceName,
    areas: saved.areas.map((a) => ({
      number: a.number,
      statedPoints: a.statedPoints,
      goodExamples: a.goodExamples,
      strengths: a.strengths,
      improvements: a.improvements,
      scores: a.questions
        .filter((q): q is { code: string; points: number; printedPercent: number | null } => q.points !== null)
        .map((q) => ({ code: q.code, points: q.points, printedPercent: q.printedPercent })),
    })),
  };
}
