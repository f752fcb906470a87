import { t } from "~/i18n/sv.ts";
import { sumPoints } from "../points.ts";
import { compareCodes } from "../scoring.ts";
import { detectVersion } from "./framework.ts";
import { readMetadata } from "./metadata.ts";
import { readScoreTable, type ScoreRow } from "./score-table.ts";
import { findSections, readGoodExamples, readLists, statedInBox, statedInText } from "./sections.ts";
import { readSummaryTable } from "./summary-table.ts";
import { normalizeText, toLines } from "./text.ts";
import { UNKNOWN_VERSION, type CatalogVersion, type LearnedVersion, type ParsedArea, type ReaderWarning, type ReadResult } from "./types.ts";

export type * from "./types.ts";
export { UNKNOWN_VERSION } from "./types.ts";

/** More than this share of control characters means the input is not text. */
const BINARY_SHARE = 0.02;

function looksBinary(raw: string): boolean {
  if (raw.includes("\u0000")) return true;
  const sample = raw.slice(0, 20_000);
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const control = sample.match(/[\u0001-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  return control / Math.max(1, sample.length) > BINARY_SHARE;
}

/** An area of a version nobody knows: the sum of its sub-questions' maxima, or the usual 100. */
function learnedAreaMax(questions: ReadonlyArray<{ maxPoints: number }>): number {
  return questions.length > 0 ? sumPoints(questions.map((q) => q.maxPoints)) : 100;
}

/**
 * Reads a Kommunkompassen report from its text. Pure and total: bad input gives a failure
 * reason or warnings, never an exception.
 */
export function readReport(raw: string, catalogs: readonly CatalogVersion[]): ReadResult {
  if (raw.trim() === "") return { ok: false, reason: "empty" };
  if (looksBinary(raw)) return { ok: false, reason: "not-text" };
  const lines = toLines(normalizeText(raw));
  const table = readScoreTable(lines);
  const mentionsKompass = /kommun\s*kompass/i.test(raw);
  if (table.rows.length === 0 || (!mentionsKompass && table.rows.length < 10)) {
    return { ok: false, reason: mentionsKompass ? "no-scores" : "not-kommunkompassen" };
  }

  const meta = readMetadata(lines);
  const warnings: ReaderWarning[] = [];
  const sections = findSections(lines, -1);
  const named = new Map(sections.filter((s) => s.heading !== "").map((s) => [s.number, s.heading]));
  const { version, certain, learn } = detectVersion(table.rows, named, table.order, catalogs, meta.year);
  if (!certain) warnings.push({ code: "version-uncertain" });

  const byCode = new Map<string, ScoreRow>();
  for (const row of table.rows) {
    const seen = byCode.get(row.code);
    if (!seen) byCode.set(row.code, row);
    else if (seen.points !== row.points || seen.maxPoints !== row.maxPoints) {
      warnings.push({ code: "duplicate-question", area: row.area, question: row.code });
    }
  }

  const summary = readSummaryTable(lines, meta.year);
  const areaNumbers = version
    ? version.areas.map((a) => a.number)
    : [...new Set([...byCode.values()].map((r) => r.area))].sort((a, b) => a - b);

  const areas: ParsedArea[] = [];
  for (const number of areaNumbers) {
    const catalogArea = version?.areas.find((a) => a.number === number);
    const rows = [...byCode.values()].filter((r) => r.area === number).sort(compareCodes);
    const section = sections.find((s) => s.number === number);
    if (rows.length === 0 && !section) {
      warnings.push({ code: "area-missing", area: number });
      continue;
    }
    // A version being learned has no sub-questions to hold the report's against.
    for (const q of learn ? [] : (catalogArea?.questions ?? [])) {
      if (!byCode.has(q.code)) warnings.push({ code: "missing-question", area: number, question: q.code });
    }
    const questions = rows.map((r) => {
      const expected = catalogArea?.questions.find((q) => q.code === r.code);
      if (catalogArea && !learn && !expected) warnings.push({ code: "unknown-question", area: number, question: r.code });
      if (expected && expected.maxPoints !== r.maxPoints) {
        warnings.push({ code: "max-differs", area: number, question: r.code, printed: r.maxPoints, expected: expected.maxPoints });
      }
      if (r.points > r.maxPoints) {
        warnings.push({ code: "points-above-max", area: number, question: r.code, points: r.points, maxPoints: r.maxPoints });
      }
      return { code: r.code, text: r.text, maxPoints: r.maxPoints, points: r.points, percent: r.percent };
    });

    const statedSources = [
      summary.areas.get(number),
      table.totalRows.get(number),
      section ? statedInBox(lines, section) : null,
      section ? statedInText(lines, section) : null,
    ].filter((v): v is number => v !== null && v !== undefined);
    const statedPoints = statedSources[0] ?? null;
    const distinct = [...new Set(statedSources)];
    if (distinct.length > 1) warnings.push({ code: "area-total-conflict", area: number, values: distinct });
    const computed = sumPoints(questions.map((q) => q.points));
    if (statedPoints !== null && statedPoints !== computed) {
      warnings.push({ code: "area-sum-mismatch", area: number, stated: statedPoints, computed });
    }

    const lists = section ? readLists(lines, section) : null;
    // A summary whose lists came out empty is said so, never passed on silently as empty.
    const emptyList = lists?.found && (lists.strengths.length === 0 || lists.improvements.length === 0);
    if (!lists?.found || emptyList) warnings.push({ code: "lists-missing", area: number });
    if (lists?.unsplit) warnings.push({ code: "list-unsplit", area: number });

    areas.push({
      number,
      name: catalogArea?.name ?? section?.heading ?? t.importer.areaName(number),
      maxPoints: catalogArea?.maxPoints ?? learnedAreaMax(questions),
      points: statedPoints ?? computed,
      statedPoints,
      questions,
      strengths: lists?.strengths ?? [],
      improvements: lists?.improvements ?? [],
      goodExamples: section ? readGoodExamples(lines, section) : [],
    });
  }

  const totalPoints = summary.total;
  if (totalPoints !== null) {
    const areaSum = sumPoints(areas.map((a) => a.points));
    if (areaSum !== totalPoints) warnings.push({ code: "total-mismatch", stated: totalPoints, computed: areaSum });
  }
  if (!meta.municipality) warnings.push({ code: "metadata-missing", field: "municipality" });
  if (!meta.year) warnings.push({ code: "metadata-missing", field: "year" });

  const learnedVersion: LearnedVersion | undefined = learn
    ? {
        key: version?.key ?? null,
        name: version?.name ?? null,
        areas: areas.map((a) => ({
          number: a.number,
          name: a.name,
          maxPoints: a.maxPoints,
          questions: a.questions.map((q) => ({ code: q.code, text: q.text, maxPoints: q.maxPoints })),
        })),
      }
    : undefined;

  return {
    ok: true,
    report: {
      municipality: meta.municipality,
      year: meta.year,
      evaluationDates: meta.evaluationDates,
      titlePageDate: meta.titlePageDate,
      evaluators: meta.evaluators,
      frameworkVersion: learn === "unknown" ? UNKNOWN_VERSION : (version?.key ?? null),
      ...(learnedVersion ? { learnedVersion } : {}),
      areas,
      totalPoints,
      warnings,
    },
  };
}
