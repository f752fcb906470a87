import { t } from "~/i18n/sv.ts";
import type { FormValues } from "./evaluation-draft.ts";
import { UNKNOWN_VERSION, type CatalogVersion, type LearnedVersion } from "./report-reader/types.ts";

/**
 * A framework version learned from a report (issue #13): the reader proposes its sub-questions,
 * the coordinator corrects them in the import preview, and they are saved with the evaluation.
 * Pure: the catalog is passed in.
 */

/** Form field names of the "Ny ramverksversion" part of the import preview. */
export const learnedField = {
  /** The catalog version whose areas the report has ("2020"), or empty for an unknown version. */
  base: "lv.base",
  /** The sub-question codes read, space-separated (the structure travels with the form). */
  codes: "lv.codes",
  key: "lv.key",
  name: "lv.name",
  areaName: (area: number) => `lv.area.${area}.name`,
  areaMax: (area: number) => `lv.area.${area}.max`,
  /** Where the error "maxima do not add up" is shown. */
  areaSum: (area: number) => `lv.area.${area}.sum`,
  text: (code: string) => `lv.q.${code}.text`,
  max: (code: string) => `lv.q.${code}.max`,
};

/**
 * The version the report's evaluation will be in: the catalog version's areas with the
 * questions read, or for an unknown version the areas and questions as read.
 */
export function learnedCatalogVersion(learned: LearnedVersion, catalog: readonly CatalogVersion[], year: number): CatalogVersion {
  const base = learned.key ? catalog.find((v) => v.key === learned.key) : undefined;
  if (!base) {
    return {
      key: UNKNOWN_VERSION,
      name: t.learnedVersion.unknownName,
      firstYear: year,
      areas: learned.areas.filter((a) => a.questions.length > 0),
    };
  }
  return {
    ...base,
    areas: base.areas.map((area) => ({
      ...area,
      questions: learned.areas.find((a) => a.number === area.number)?.questions ?? [],
    })),
  };
}

const num = (n: number) => String(n).replace(".", ",");

/** The preview's fields for a learned version. */
export function learnedToFormValues(version: CatalogVersion, baseKey: string | null): FormValues {
  const values: FormValues = {
    [learnedField.base]: baseKey ?? "",
    [learnedField.codes]: version.areas.flatMap((a) => a.questions.map((q) => q.code)).join(" "),
  };
  if (!baseKey) {
    values[learnedField.key] = "";
    values[learnedField.name] = "";
    for (const area of version.areas) {
      values[learnedField.areaName(area.number)] = area.name;
      values[learnedField.areaMax(area.number)] = num(area.maxPoints);
    }
  }
  for (const q of version.areas.flatMap((a) => a.questions)) {
    values[learnedField.text(q.code)] = q.text;
    values[learnedField.max(q.code)] = num(q.maxPoints);
  }
  return values;
}

/**
 * The learned version as the submitted preview holds it, for showing the form again and for
 * checking points against maxima; unchecked (parseLearnedVersionForm checks). Maxima that do
 * not parse count as 0.
 */
export function learnedFromValues(values: FormValues, catalog: readonly CatalogVersion[], year: number): CatalogVersion {
  const baseKey = values[learnedField.base] ?? "";
  const base = baseKey ? catalog.find((v) => v.key === baseKey) : undefined;
  const codes = (values[learnedField.codes] ?? "")
    .split(/\s+/)
    .filter((c) => /^[1-8]\.\d{1,2}$/.test(c))
    .slice(0, 320);
  const maxOf = (raw: string | undefined) => {
    const n = Number((raw ?? "").trim().replace(",", "."));
    return Number.isFinite(n) && n > 0 ? n : 0;
  };
  const areaNumbers = base ? base.areas.map((a) => a.number) : [...new Set(codes.map((c) => Number(c.split(".")[0])))].sort((a, b) => a - b);
  return {
    key: base?.key ?? UNKNOWN_VERSION,
    name: base?.name ?? t.learnedVersion.unknownName,
    firstYear: base?.firstYear ?? year,
    areas: areaNumbers.map((number) => {
      const area = base?.areas.find((a) => a.number === number);
      return {
        number,
        name: area?.name ?? (values[learnedField.areaName(number)] ?? "").slice(0, 200),
        maxPoints: area?.maxPoints ?? maxOf(values[learnedField.areaMax(number)]),
        questions: codes
          .filter((c) => Number(c.split(".")[0]) === number)
          .map((code) => ({ code, text: (values[learnedField.text(code)] ?? "").slice(0, 500), maxPoints: maxOf(values[learnedField.max(code)]) })),
      };
    }),
  };
}
