import fc from "fast-check";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import type { ReportSpec } from "../fixtures/report-layouts.ts";
import { catalog } from "./catalog.ts";

const WORDS = [
  "utveckla", "tydliga", "mål", "för", "medborgardialog", "och", "uppföljning", "av", "kvalitet", "i", "alla",
  "verksamheter", "systematiskt", "förbättringsarbete", "på", "enhetsnivå", "resultat", "jämförelser", "med",
  "andra", "kommuner", "öppna", "nämndsammanträden", "webbsändningar", "ledarutveckling", "chefer",
  "värdegrund", "brukarundersökningar", "synpunktshantering", "e-tjänster", "näringslivet", "föreningslivet",
  "kulturskola", "miljöarbete", "budget", "delegationsordning", "kompetensförsörjning", "2015", "(KF)", "m.m.",
];
const TOWNS = ["Nacka", "Upplands Väsby", "Örebro", "Stockholms stad", "Skellefteå", "Jönköping"];
const MUNICIPALITIES = ["Norrby", "Sjöhamn", "Ålunda", "Bergsjö", "Älvdal"];
const PEOPLE = [
  "Karin Lind, Sveriges Kommuner och Landsting",
  "Per Ek, SKL",
  "Eva Berg, Umeå kommun",
  "Jonas Holm, Falkenbergs kommun",
];

const item = fc
  .array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 12 })
  .map((words) => {
    const text = words.join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  });

/** A fictional report in one framework version, with exact points and lists. */
export const reportSpec: fc.Arbitrary<ReportSpec> = fc
  .constantFrom(...catalog.filter((v) => v.areas.some((a) => a.questions.length > 0)))
  .chain((version) => specOf(version));

/** Splits 100 (or `total`) into `count` whole maxima of at least 1 point each. */
function maxima(count: number, total: number): fc.Arbitrary<number[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: total - 1 }), { minLength: count - 1, maxLength: count - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), total];
    return points.slice(1).map((p, i) => p - points[i]!);
  });
}

const questionText = fc
  .array(fc.constantFrom(...WORDS.filter((w) => !/\d/.test(w))), { minLength: 3, maxLength: 10 })
  .map((words) => `${words.join(" ").charAt(0).toUpperCase()}${words.join(" ").slice(1)}`);

/**
 * A FICTIONAL version with the given areas: 3–9 sub-questions per area with generated texts
 * and whole maxima adding up to the area's maximum. The 2020 version's real sub-questions are
 * not published; these are invented for tests only.
 */
export function fictionalVersion(skeleton: CatalogVersion): fc.Arbitrary<CatalogVersion> {
  return fc
    .tuple(
      ...skeleton.areas.map((area) =>
        fc
          .integer({ min: 3, max: 9 })
          .chain((count) => fc.tuple(maxima(count, area.maxPoints), fc.array(questionText, { minLength: count, maxLength: count })))
          .map(([max, texts]) => ({
            ...area,
            questions: max.map((m, i) => ({ code: `${area.number}.${i + 1}`, text: texts[i]!, maxPoints: m })),
          })),
      ),
    )
    .map((areas) => ({ ...skeleton, areas }));
}

export const version2020Skeleton: CatalogVersion = catalog.find((v) => v.key === "2020")!;

/** Area names no version has, for a report of a version nobody knows (fictional). */
export const unknownSkeleton: CatalogVersion = {
  key: "unknown",
  name: "Okänd version",
  firstYear: 2020,
  areas: ["Påhittat område ett", "Låtsasfrågor om vindkraft", "Exempeldata för kanoter", "Testområde med bananer", "Fiktiva cykelbanor", "Prov på snöskottning", "Övningsämne för glass", "Slutområde om fyrar"].map(
    (name, i) => ({ number: i + 1, name, maxPoints: 100, questions: [] }),
  ),
};

/** A fictional report in the 2020 structure: the real area names, generated sub-questions. */
export const report2020Spec: fc.Arbitrary<ReportSpec> = fictionalVersion(version2020Skeleton).chain((version) => specOf(version));

/** A fictional report of a version whose area names match nothing in the catalog. */
export const reportUnknownSpec: fc.Arbitrary<ReportSpec> = fictionalVersion(unknownSkeleton).chain((version) => specOf(version));

function specOf(version: CatalogVersion): fc.Arbitrary<ReportSpec> {
  return fc.constant(version).chain((version) =>
    fc.record({
      municipality: fc.constantFrom(...MUNICIPALITIES),
      year: version.firstYear >= 2020 ? fc.integer({ min: 2020, max: 2026 }) : version.firstYear >= 2010 ? fc.integer({ min: 2010, max: 2026 }) : fc.integer({ min: 2003, max: 2009 }),
      evaluators: fc.uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 1, maxLength: 3 }),
      version: fc.constant(version),
      areas: fc.tuple(
        ...version.areas.map((area) =>
          fc
            .record({
              points: fc.tuple(...area.questions.map((q) => fc.integer({ min: 0, max: q.maxPoints * 2 }).map((n) => n / 2))),
              delta: fc.constantFrom(0, 0, 0, 1, -1),
              strengths: fc.array(item, { minLength: 1, maxLength: 7 }),
              improvements: fc.array(item, { minLength: 1, maxLength: 6 }),
              goodExamples: fc.uniqueArray(fc.constantFrom(...TOWNS), { maxLength: 2 }),
            })
            .map(({ points, delta, ...rest }) => {
              const sum = points.reduce((s, p) => s + p, 0);
              return {
                number: area.number,
                points: Object.fromEntries(area.questions.map((q, i) => [q.code, points[i]!])),
                stated: Math.min(area.maxPoints, Math.max(0, sum + delta)),
                ...rest,
              };
            }),
        ),
      ),
    }),
  );
}
