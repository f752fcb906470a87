import { z } from "zod";
import { checkFrameworkVersion, FRAMEWORK_LIMITS, type FrameworkVersionInput, type VersionProblem } from "~/domain/framework-version.ts";
import { t } from "~/i18n/sv.ts";
import { parseDecimal, parseWholeNumber } from "./fields.ts";

/**
 * The operator's framework version forms (issue #13, item 1): creating a version by hand,
 * uploading one, correcting one, retiring it. Each runs the domain's check
 * (app/domain/framework-version.ts), so a rule broken is answered next to its field, in the
 * browser and again on the server.
 */

const m = t.frameworkAdmin;

/** A number as typed ("4,5", "100"), or the text itself for the check to refuse. */
const typedNumber = (raw: string): unknown => parseDecimal(raw) ?? raw;

/** The lines of the areas field: "name; max" (or a tab, as pasted from a spreadsheet), numbered from 1. */
function areaLines(raw: string, ctx: z.RefinementCtx): FrameworkVersionInput["areas"] {
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  const areas: FrameworkVersionInput["areas"] = [];
  let lineNumber = 0;
  for (const line of lines) {
    lineNumber += 1;
    if (line === "") continue;
    const match = /^(.*?)\s*[;\t]\s*([^;\t]*)$/.exec(line);
    if (!match || match[1]!.trim() === "" || match[2]!.trim() === "") {
      ctx.addIssue({ code: "custom", path: ["areas"], message: m.errors.areaLine(lineNumber, m.errors.areaLineFormat) });
      continue;
    }
    areas.push({ number: areas.length + 1, name: match[1]!.trim(), maxPoints: typedNumber(match[2]!) as number, headings: [], questions: [] });
  }
  return areas;
}

function problemsToIssues(problems: VersionProblem[], ctx: z.RefinementCtx, fieldOf: (problem: VersionProblem) => string) {
  for (const problem of problems) ctx.addIssue({ code: "custom", path: [fieldOf(problem)], message: problem.message });
}

/** A new version by hand: name, key, first year and the areas (no sub-questions yet). */
export const createFrameworkVersionSchema = z
  .object({
    intent: z.literal("create"),
    name: z.string({ error: m.problems.name }).max(FRAMEWORK_LIMITS.nameLength * 2, { error: m.problems.name }),
    key: z.string({ error: m.problems.key }).max(FRAMEWORK_LIMITS.keyLength * 2, { error: m.problems.key }),
    firstYear: z.string({ error: m.problems.firstYear }).max(10, { error: m.problems.firstYear }),
    areas: z.string({ error: m.errors.areasRequired }).max(FRAMEWORK_LIMITS.areas * (FRAMEWORK_LIMITS.areaNameLength + 30), {
      error: m.errors.tooManyAreaLines(FRAMEWORK_LIMITS.areas),
    }),
  })
  .transform((form, ctx) => {
    const areas = areaLines(form.areas, ctx);
    if (areas.length === 0 && form.areas.trim() === "") ctx.addIssue({ code: "custom", path: ["areas"], message: m.errors.areasRequired });
    if (areas.length > FRAMEWORK_LIMITS.areas) ctx.addIssue({ code: "custom", path: ["areas"], message: m.errors.tooManyAreaLines(FRAMEWORK_LIMITS.areas) });
    const checked = checkFrameworkVersion({ name: form.name, key: form.key.trim(), firstYear: parseWholeNumber(form.firstYear) ?? form.firstYear, areas });
    if (!checked.ok) {
      // Area lines are numbered as typed: area n is the n-th non-empty line.
      problemsToIssues(
        checked.problems.filter((p) => p.field !== "areas" || areas.length > 0),
        ctx,
        (p) => (p.field === "key" || p.field === "name" || p.field === "firstYear" ? p.field : "areas"),
      );
      return z.NEVER;
    }
    return checked.version;
  });

const acceptedFile = /\.(xlsx|json)$/i;

/** Uploading a version as .xlsx or JSON (bounded to 1 MB). */
export const uploadFrameworkVersionSchema = z.object({
  intent: z.literal("upload"),
  file: z
    .custom<Blob>((v) => typeof Blob !== "undefined" && v instanceof Blob && v.size > 0, { error: m.errors.file })
    .refine((f) => f.size <= FRAMEWORK_LIMITS.uploadBytes, { error: m.errors.fileSize })
    .refine((f) => acceptedFile.test("name" in f ? String(f.name) : ""), { error: m.errors.fileType }),
});

/** Field names of the correction form. */
export const editField = {
  areaName: (n: number) => `area.${n}.name`,
  areaMax: (n: number) => `area.${n}.max`,
  questionText: (code: string) => `q.${code}.text`,
  questionMax: (code: string) => `q.${code}.max`,
};

/**
 * Correcting a stored version: its name, every area's name and maximum, every sub-question's
 * text and maximum. Key, first year, areas and codes stay as they are.
 */
export function editFrameworkVersionSchema(current: FrameworkVersionInput) {
  const field = z.string().max(FRAMEWORK_LIMITS.questionTextLength * 2).optional();
  const shape: Record<string, typeof field> = { name: field };
  for (const area of current.areas) {
    shape[editField.areaName(area.number)] = field;
    shape[editField.areaMax(area.number)] = field;
    for (const q of area.questions) {
      shape[editField.questionText(q.code)] = field;
      shape[editField.questionMax(q.code)] = field;
    }
  }
  return z
    .object({ intent: z.literal("edit"), ...shape })
    .transform((form, ctx) => {
      const value = (name: string) => (form as Record<string, string | undefined>)[name] ?? "";
      const next = {
        ...current,
        name: value("name"),
        areas: current.areas.map((area) => ({
          ...area,
          name: value(editField.areaName(area.number)),
          maxPoints: typedNumber(value(editField.areaMax(area.number))) as number,
          questions: area.questions.map((q) => ({
            code: q.code,
            text: value(editField.questionText(q.code)),
            maxPoints: typedNumber(value(editField.questionMax(q.code))) as number,
          })),
        })),
      };
      const checked = checkFrameworkVersion(next);
      if (checked.ok) return checked.version;
      problemsToIssues(checked.problems, ctx, (p) => {
        const area = p.areaIndex === undefined ? undefined : current.areas[p.areaIndex];
        if (!area) return p.field === "name" ? "name" : "";
        if (p.questionIndex !== undefined) {
          const code = area.questions[p.questionIndex]!.code;
          return p.property === "text" ? editField.questionText(code) : editField.questionMax(code);
        }
        return p.property === "name" ? editField.areaName(area.number) : editField.areaMax(area.number);
      });
      return z.NEVER;
    });
}

/** Retiring and reactivating a version. */
export const frameworkVersionStatusSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("retire") }), z.object({ intent: z.literal("reactivate") })]);
