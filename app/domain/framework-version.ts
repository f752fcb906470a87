import { z } from "zod";
import { t } from "~/i18n/sv.ts";

/**
 * A framework version as an operator creates, uploads and downloads it (issue #13, item 1;
 * docs/framework-version-format.md, ADR 0034): the shape (zod, bounded) and the rules a stored
 * version must keep. Pure: no I/O.
 *
 * Rules: area numbers 1..N, each once; sub-question codes "<area>.<n>", each once; every
 * maximum > 0 with at most two decimals; and, where an area has sub-questions, their maxima add
 * up to the area's maximum. An area without sub-questions is allowed (a version is often known
 * by its areas before its sub-questions are).
 */

export const FRAMEWORK_LIMITS = {
  uploadBytes: 1024 * 1024,
  areas: 20,
  questionsPerArea: 40,
  headingsPerArea: 30,
  keyLength: 40,
  nameLength: 120,
  areaNameLength: 200,
  headingLength: 200,
  questionTextLength: 1000,
  maxPoints: 1000,
  firstYear: { min: 1990, max: 2100 },
} as const;

export interface FrameworkQuestionInput {
  code: string;
  text: string;
  maxPoints: number;
}

export interface FrameworkAreaInput {
  number: number;
  name: string;
  maxPoints: number;
  headings: string[];
  questions: FrameworkQuestionInput[];
}

/** One version in the documented format (the JSON file is exactly this object). */
export interface FrameworkVersionInput {
  key: string;
  name: string;
  firstYear: number;
  areas: FrameworkAreaInput[];
}

/** What is wrong and where: the version's own fields, or an area / sub-question by its index in the input. */
export interface VersionProblem {
  field: "key" | "name" | "firstYear" | "areas" | "area" | "question";
  areaIndex?: number;
  questionIndex?: number;
  /** Which property of the area or question, for a form to put the message next to its field. */
  property?: "number" | "name" | "maxPoints" | "headings" | "questions" | "code" | "text";
  message: string;
}

export type VersionCheck = { ok: true; version: FrameworkVersionInput } | { ok: false; problems: VersionProblem[] };

export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const oneLine = (max: number) => z.string().trim().min(1).max(max).refine((s) => !CONTROL.test(s));

/** True for a positive number of hundredths: 4, 4.5, 2.25; not 0, -1, 0.125 or NaN. */
export function isPointsValue(n: unknown): n is number {
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0 || n > FRAMEWORK_LIMITS.maxPoints) return false;
  return /^\d+(\.\d{1,2})?$/.test(String(n));
}

const toHundredths = (n: number) => Math.round(n * 100);

/** Points as Swedish text: 4,5 and 100. */
export function formatMax(n: number): string {
  return String(n).replace(".", ",");
}

const L = FRAMEWORK_LIMITS;
const questionShape = z.object({
  code: z.string().trim().max(12),
  text: oneLine(L.questionTextLength),
  maxPoints: z.number().refine(isPointsValue),
});
const areaShape = z.object({
  number: z.number().int().min(1).max(L.areas),
  name: oneLine(L.areaNameLength),
  maxPoints: z.number().refine(isPointsValue),
  headings: z.array(oneLine(L.headingLength)).max(L.headingsPerArea).default([]),
  questions: z.array(questionShape).max(L.questionsPerArea).default([]),
});
/** The upload shape; unknown properties are dropped. */
export const frameworkVersionShape = z.object({
  key: z.string().trim().regex(KEY_PATTERN),
  name: oneLine(L.nameLength),
  firstYear: z.number().int().min(L.firstYear.min).max(L.firstYear.max),
  areas: z.array(areaShape).min(1).max(L.areas),
});

const p = t.frameworkAdmin.problems;

/** "Område 3" when the input names its number, else "Område nr 3 i listan". */
function areaLabel(raw: unknown, areaIndex: number): string {
  const number = (raw as { areas?: Array<{ number?: unknown }> } | null)?.areas?.[areaIndex]?.number;
  return typeof number === "number" && Number.isInteger(number) && number > 0 && number <= 999 ? p.area(number) : p.areaAt(areaIndex + 1);
}

function questionLabel(raw: unknown, areaIndex: number, questionIndex: number): string {
  const area = areaLabel(raw, areaIndex);
  const code = (raw as { areas?: Array<{ questions?: Array<{ code?: unknown }> }> } | null)?.areas?.[areaIndex]?.questions?.[questionIndex]?.code;
  return typeof code === "string" && code.trim() !== "" && code.length <= 12 ? p.question(area, code.trim()) : p.questionAt(area, questionIndex + 1);
}

/** One Swedish problem for a zod issue, located in the input. */
function problemFromIssue(issue: z.core.$ZodIssue, raw: unknown): VersionProblem {
  const [top, areaIndex, second, questionIndex, property] = issue.path;
  if (top === "key" || top === "name" || top === "firstYear") return { field: top, message: p[top] };
  if (top !== "areas") return { field: "areas", message: p.shape };
  if (typeof areaIndex !== "number") return { field: "areas", message: p.areasCount(L.areas) };
  const area = areaLabel(raw, areaIndex);
  if (second === "questions") {
    if (typeof questionIndex !== "number") return { field: "area", areaIndex, property: "questions", message: p.questionsCount(area, L.questionsPerArea) };
    const where = questionLabel(raw, areaIndex, questionIndex);
    if (property === "text") return { field: "question", areaIndex, questionIndex, property, message: p.text(where) };
    if (property === "maxPoints") return { field: "question", areaIndex, questionIndex, property, message: p.points(where) };
    return { field: "question", areaIndex, questionIndex, property: "code", message: p.code(where, areaIndexNumber(raw, areaIndex)) };
  }
  if (second === "number") return { field: "area", areaIndex, property: "number", message: p.areaNumber(area, L.areas) };
  if (second === "name") return { field: "area", areaIndex, property: "name", message: p.areaName(area) };
  if (second === "maxPoints") return { field: "area", areaIndex, property: "maxPoints", message: p.points(area) };
  if (second === "headings") return { field: "area", areaIndex, property: "headings", message: p.heading(area) };
  return { field: "area", areaIndex, message: p.shape };
}

function areaIndexNumber(raw: unknown, areaIndex: number): number {
  const number = (raw as { areas?: Array<{ number?: unknown }> } | null)?.areas?.[areaIndex]?.number;
  return typeof number === "number" && Number.isInteger(number) ? number : areaIndex + 1;
}

/** The rules beyond the shape, on a version whose shape is right. */
export function versionRuleProblems(version: FrameworkVersionInput): VersionProblem[] {
  const problems: VersionProblem[] = [];
  const seenNumbers = new Set<number>();
  for (const [areaIndex, area] of version.areas.entries()) {
    if (seenNumbers.has(area.number)) problems.push({ field: "area", areaIndex, property: "number", message: p.areaNumberTwice(area.number) });
    seenNumbers.add(area.number);
  }
  const count = version.areas.length;
  if (seenNumbers.size === count && [...seenNumbers].some((n) => n > count)) {
    problems.push({ field: "areas", message: p.areaNumbers(count) });
  }
  const seenCodes = new Set<string>();
  for (const [areaIndex, area] of version.areas.entries()) {
    const codePattern = new RegExp(`^${area.number}\\.[1-9]\\d?$`);
    for (const [questionIndex, q] of area.questions.entries()) {
      if (!codePattern.test(q.code)) {
        problems.push({ field: "question", areaIndex, questionIndex, property: "code", message: p.code(p.questionAt(p.area(area.number), questionIndex + 1), area.number) });
      } else if (seenCodes.has(q.code)) {
        problems.push({ field: "question", areaIndex, questionIndex, property: "code", message: p.codeTwice(q.code) });
      } else {
        seenCodes.add(q.code);
      }
    }
    if (area.questions.length > 0) {
      const sum = area.questions.reduce((acc, q) => acc + toHundredths(q.maxPoints), 0);
      if (sum !== toHundredths(area.maxPoints)) {
        problems.push({
          field: "area",
          areaIndex,
          property: "maxPoints",
          message: p.sum(area.number, area.name, formatMax(sum / 100), formatMax(area.maxPoints)),
        });
      }
    }
  }
  return problems;
}

/** Checks an uploaded or entered version: the shape first, then the rules. The version returned is trimmed and its areas sorted by number. */
export function checkFrameworkVersion(raw: unknown): VersionCheck {
  const parsed = frameworkVersionShape.safeParse(raw);
  if (!parsed.success) {
    const problems: VersionProblem[] = [];
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const problem = problemFromIssue(issue, raw);
      if (seen.has(problem.message)) continue;
      seen.add(problem.message);
      problems.push(problem);
    }
    return { ok: false, problems };
  }
  const version: FrameworkVersionInput = parsed.data;
  const problems = versionRuleProblems(version);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, version: { ...version, areas: [...version.areas].sort((a, b) => a.number - b.number) } };
}

/** Whether two versions differ in any maximum or in their areas and codes (texts aside). */
export function maximaDiffer(a: FrameworkVersionInput, b: FrameworkVersionInput): boolean {
  const shape = (v: FrameworkVersionInput) =>
    JSON.stringify(v.areas.map((area) => [area.number, toHundredths(area.maxPoints), area.questions.map((q) => [q.code, toHundredths(q.maxPoints)])]));
  return shape(a) !== shape(b);
}

/** The totals the list shows: areas, sub-questions, the sum of area maxima, and whether sub-questions are missing. */
export function versionSummary(version: Pick<FrameworkVersionInput, "areas">) {
  const questions = version.areas.reduce((n, a) => n + a.questions.length, 0);
  return {
    areas: version.areas.length,
    questions,
    totalMax: version.areas.reduce((acc, a) => acc + toHundredths(a.maxPoints), 0) / 100,
    questionsMissing: version.areas.some((a) => a.questions.length === 0),
  };
}
