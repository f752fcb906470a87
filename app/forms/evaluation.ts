import { z } from "zod";
import { field, type EvaluationDraft, type FormValues } from "~/domain/evaluation-draft.ts";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, multiLine, optionalDate, parseWholeNumber, singleLine, wholeNumber } from "./fields.ts";
import type { FieldErrors, ParseResult } from "./parse.ts";

/**
 * The evaluation form (import preview, hand entry and editing share it). The question fields
 * depend on the framework version, so the schema is built from the version's catalog.
 */

const msg = t.evaluationForm.errors;

const decimal = z
  .string()
  .trim()
  .regex(/^\d{1,3}(?:[.,]\d{1,2})?$/)
  .transform((s) => Number(s.replace(",", ".")));


const lines = z
  .string()
  .max(200_000, { error: msg.tooLong })
  .refine(multiLine, controlCharacters)
  .transform((s) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
  .refine((items) => items.length <= 200, { error: msg.tooMany })
  .refine((items) => items.every((i) => i.length <= 2000), { error: msg.tooLong });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: msg.tooLong })
    .refine(singleLine, controlCharacters)
    .transform((s) => (s === "" ? null : s));

/** The fingerprint of the report a preview was read from (hex SHA-256), or empty for hand entry. */
export const sourceHashSchema = z.union([z.literal(""), z.string().regex(/^[0-9a-f]{64}$/)]);

export const evaluationBaseSchema = z.object({
  frameworkVersionKey: z.string({ error: msg.version }).min(1, { error: msg.version }),
  year: wholeNumber(msg.year, 1990, 2100),
  period: optionalText(200),
  reportDate: optionalDate(msg.date),
  evaluators: lines,
  sourceName: optionalText(300),
});

function parsePoints(raw: string | undefined, max: number): number | null {
  const parsed = decimal.safeParse(raw ?? "");
  if (!parsed.success || parsed.data > max) return null;
  return parsed.data;
}

/** Validates the form against the version; errors are keyed by field name, in Swedish. */
export function parseEvaluationForm(values: FormValues, version: CatalogVersion): ParseResult<EvaluationDraft> {
  const errors: FieldErrors = {};
  const base = evaluationBaseSchema.safeParse(values);
  if (!base.success) {
    for (const issue of base.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
  }
  const totalMax = version.areas.reduce((s, a) => s + a.maxPoints, 0);
  const statedTotalRaw = (values.statedTotal ?? "").trim();
  const statedTotal = statedTotalRaw === "" ? null : parsePoints(statedTotalRaw, totalMax);
  if (statedTotalRaw !== "" && statedTotal === null) errors.statedTotal = msg.stated(totalMax);

  const areas = version.areas.map((area) => {
    const statedRaw = (values[field.statedPoints(area.number)] ?? "").trim();
    const statedPoints = statedRaw === "" ? null : parsePoints(statedRaw, area.maxPoints);
    if (statedRaw !== "" && statedPoints === null) errors[field.statedPoints(area.number)] = msg.stated(area.maxPoints);
    const scores = area.questions.map((q) => {
      const value = parsePoints(values[field.points(q.code)], q.maxPoints);
      if (value === null) errors[field.points(q.code)] = msg.points(q.maxPoints);
      // The percent printed beside the points: a whole number 0–100, or empty.
      const percentRaw = (values[field.printedPercent(q.code)] ?? "").trim();
      const percent = percentRaw === "" ? null : parseWholeNumber(percentRaw);
      if (percentRaw !== "" && (percent === null || percent < 0 || percent > 100)) errors[field.printedPercent(q.code)] = t.errors.percent;
      return {
        code: q.code,
        points: value ?? 0,
        printedPercent: percent !== null && percent >= 0 && percent <= 100 ? percent : null,
      };
    });
    const listOfExamples = (name: string) => {
      const raw = values[name] ?? "";
      if (raw.length > 20_000) errors[name] = msg.tooLong;
      else if (!singleLine(raw)) errors[name] = t.errors.controlCharacters;
      else return raw;
      return "";
    };
    const listOf = (name: string) => {
      const parsed = lines.safeParse(values[name] ?? "");
      if (!parsed.success) {
        errors[name] = parsed.error.issues[0]?.message ?? msg.tooLong;
        return [];
      }
      return parsed.data;
    };
    return {
      number: area.number,
      statedPoints,
      scores,
      strengths: listOf(field.strengths(area.number)),
      improvements: listOf(field.improvements(area.number)),
      goodExamples: listOfExamples(field.goodExamples(area.number))
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 30),
    };
  });

  if (Object.keys(errors).length > 0 || !base.success) return { ok: false, errors };
  return {
    ok: true,
    data: {
      frameworkVersionKey: version.key,
      year: base.data.year,
      period: base.data.period,
      reportDate: base.data.reportDate,
      evaluators: base.data.evaluators,
      statedTotal,
      sourceName: base.data.sourceName,
      areas,
    },
  };
}
