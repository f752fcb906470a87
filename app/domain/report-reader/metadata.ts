import { MONTHS } from "./text.ts";

/** Municipality, year, evaluation period, report date and evaluators from the title pages. */

export interface Metadata {
  municipality: string | null;
  year: number | null;
  evaluationDates: string | null;
  titlePageDate: string | null;
  evaluators: string[];
}

const MONTH = MONTHS.join("|");
const DATE_PHRASE = new RegExp(String.raw`\b(\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+(?:${MONTH})\s+(?:år\s+)?\d{4})\b`, "i");
const CARRIED_OUT = new RegExp(
  String.raw`genomfördes\s+(?:under\s+|i\s+|den\s+)?((?:\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+)?(?:${MONTH})(?:\s+månad)?(?:\s+år)?\s+\d{4})`,
  "i",
);
const PERSON = /^([A-ZÅÄÖ][a-zåäöéü]+(?:[ -][A-ZÅÄÖ][a-zåäöéü]+){1,3}),\s+(.{2,80})$/;
const ORGANISATION = /kommun|SKL|SKR|Sveriges Kommuner|Landsting|Region|förbund|konsult|\bAB\b|universitet/i;

function titleCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s-])([a-zåäö])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** "Hallsbergs" → "Hallsberg" when the text also uses the bare name; "Hofors" stays. */
function dropGenitive(name: string, text: string): string {
  if (!name.endsWith("s")) return name;
  const stem = name.slice(0, -1);
  const escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\wåäö])${escaped}(?![\\wåäö])`, "i").test(text) ? stem : name;
}

function findMunicipality(head: string, text: string): string | null {
  const patterns = [
    /analys\s+av\s+([A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*)?)\s+(?:kommun|stad)\b/i,
    /utvärdering(?:en)?\s+av\s+([A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*)?)\s+(?:kommun|stad)\b/,
    /\b([A-ZÅÄÖ][\wåäö-]+)\s+kommuns?\s+resultat\b/,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(pattern === patterns[0] ? head : text);
    if (m) return dropGenitive(titleCase(m[1]!.trim()), text);
  }
  return null;
}

export function readMetadata(lines: readonly string[]): Metadata {
  const text = lines.join("\n");
  const titleLines = lines.filter((l) => l.trim() !== "").slice(0, 45);
  const head = titleLines.join(" ").replace(/\s+/g, " ");

  const titleDate = DATE_PHRASE.exec(head)?.[1] ?? null;
  const iso = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/.exec(head);
  const carriedOut = CARRIED_OUT.exec(text)?.[1]?.replace(/\s+/g, " ") ?? null;
  const yearText = /\b((?:19|20)\d{2})\b/.exec(titleDate ?? iso?.[0] ?? head)?.[1];

  const evaluators: string[] = [];
  for (const line of titleLines) {
    const m = PERSON.exec(line.trim());
    if (m && ORGANISATION.test(m[2]!) && !evaluators.includes(line.trim())) evaluators.push(line.trim());
  }

  return {
    municipality: findMunicipality(head, text),
    year: yearText ? Number(yearText) : null,
    evaluationDates: titleDate ?? carriedOut,
    titlePageDate: iso ? iso[0] : titleDate,
    evaluators,
  };
}
