import { z } from "zod";
import type { FormValues } from "~/domain/evaluation-draft.ts";
import { learnedField } from "~/domain/learned-version.ts";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, parseDecimal, singleLine, wholeNumber } from "./fields.ts";
import type { FieldErrors, ParseResult } from "./parse.ts";

/**
 * The "Ny ramverksversion" part of the import preview: the sub-questions (and, for a version
 * nobody knows, its key, name and areas) the coordinator confirms. Shared by server and client.
 */

const msg = t.learnedVersion.errors;
const MAX_QUESTIONS = 8 * 40;

const text = z.string().trim().min(1, { error: msg.text }).max(500, { error: msg.text }).refine(singleLine, controlCharacters);
const max = z
  .string()
  .trim()
  .regex(/^\d{1,3}(?:[.,]\d{1,2})?$/, { error: msg.max })
  .transform((s) => parseDecimal(s)!)
  .refine((n) => n >= 0.5 && n <= 100, { error: msg.max });
const key = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,29}$/, { error: msg.key });
const name = z.string().trim().min(1, { error: msg.name }).max(100, { error: msg.name }).refine(singleLine, controlCharacters);
const areaName = z.string().trim().min(1, { error: msg.areaName }).max(200, { error: msg.areaName }).refine(singleLine, controlCharacters);
const areaMax = wholeNumber(msg.areaMax, 1, 1000);
const codes = z
  .string()
  .trim()
  .transform((s) => s.split(/\s+/).filter(Boolean))
  .refine((list) => list.length > 0 && list.length <= MAX_QUESTIONS && new Set(list).size === list.length && list.every((c) => /^[1-8]\.\d{1,2}$/.test(c)));

export interface LearnedVersionInput {
  version: CatalogVersion;
  /** True when the version itself is new (an unknown version), not only its questions. */
  createVersion: boolean;
}

const hundredths = (n: number) => Math.round(n * 100);
const sv = (n: number) => String(n).replace(".", ",");

/** True when the submitted preview holds a learned version. */
export const hasLearnedVersion = (values: FormValues) => (values[learnedField.codes] ?? "") !== "";

/** Validates the learned version; errors in Swedish, keyed by field (the area sum by area). */
export function parseLearnedVersionForm(
  values: FormValues,
  catalog: readonly CatalogVersion[],
  year: number,
): ParseResult<LearnedVersionInput> {
  const errors: FieldErrors = {};
  const first = <T>(name: string, schema: z.ZodType<T>): T | null => {
    const parsed = schema.safeParse(values[name] ?? "");
    if (parsed.success) return parsed.data;
    errors[name] ??= parsed.error.issues[0]?.message ?? msg.structure;
    return null;
  };
  const codeList = codes.safeParse(values[learnedField.codes] ?? "");
  const baseKey = (values[learnedField.base] ?? "").trim();
  const base = baseKey ? catalog.find((v) => v.key === baseKey) : undefined;
  if (!codeList.success || (baseKey && !base)) return { ok: false, errors: { "": msg.structure } };

  const areaNumbers = [...new Set(codeList.data.map((c) => Number(c.split(".")[0])))].sort((a, b) => a - b);
  if (base && areaNumbers.some((n) => !base.areas.some((a) => a.number === n))) return { ok: false, errors: { "": msg.structure } };

  let versionKey = base?.key ?? "";
  let versionName = base?.name ?? "";
  if (!base) {
    versionKey = first(learnedField.key, key) ?? "";
    versionName = first(learnedField.name, name) ?? "";
    if (versionKey && catalog.some((v) => v.key === versionKey)) errors[learnedField.key] = msg.keyTaken;
  }
  const areaList = base ? base.areas : areaNumbers.map((n) => ({ number: n, name: "", maxPoints: 0, questions: [] }));
  const areas = areaList.map((area) => {
    const areaTitle = base ? area.name : (first(learnedField.areaName(area.number), areaName) ?? "");
    const areaMaximum = base ? area.maxPoints : (first(learnedField.areaMax(area.number), areaMax) ?? 0);
    const questions = codeList.data
      .filter((c) => Number(c.split(".")[0]) === area.number)
      .map((code) => ({
        code,
        text: first(learnedField.text(code), text) ?? "",
        maxPoints: first(learnedField.max(code), max) ?? 0,
      }));
    const sum = questions.reduce((s, q) => s + hundredths(q.maxPoints), 0) / 100;
    const allMaxRead = questions.every((q) => !errors[learnedField.max(q.code)]);
    if (questions.length > 0 && allMaxRead && areaMaximum > 0 && hundredths(sum) !== hundredths(areaMaximum)) {
      errors[learnedField.areaSum(area.number)] = msg.sum(area.number, areaTitle, sv(sum), sv(areaMaximum));
    }
    return { number: area.number, name: areaTitle, maxPoints: areaMaximum, questions };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: {
      version: { key: versionKey, name: versionName, firstYear: base?.firstYear ?? year, areas: base ? areas : areas.filter((a) => a.questions.length > 0) },
      createVersion: !base,
    },
  };
}
