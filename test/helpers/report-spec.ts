import fc from "fast-check";
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
  .constantFrom(...catalog)
  .chain((version) =>
    fc.record({
      municipality: fc.constantFrom(...MUNICIPALITIES),
      year: version.firstYear >= 2010 ? fc.integer({ min: 2010, max: 2026 }) : fc.integer({ min: 2003, max: 2009 }),
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
