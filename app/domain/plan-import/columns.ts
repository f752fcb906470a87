/**
 * The columns of an imported action plan (issue #13, item 6): which fields an action takes from
 * a spreadsheet, and a guess of which column holds which field from the file's headings, the way
 * Swedish municipalities word them ("Åtgärd", "Förbättringsområde", "Ansvarig", "Klart senast"…).
 * Pure: no I/O.
 */

export const IMPORT_FIELDS = ["title", "item", "question", "ownerEmail", "deadline", "status", "note"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which column (0-based index into the row) holds each field; null: the file has none. */
export type ColumnMapping = Record<ImportField, number | null>;

export const emptyMapping = (): ColumnMapping => ({
  title: null,
  item: null,
  question: null,
  ownerEmail: null,
  deadline: null,
  status: null,
  note: null,
});

/** A heading folded for comparison: lower case, punctuation and extra spaces gone. */
export function foldHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[-_/().:;,*]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Headings per field, folded. A heading equal to one of them scores 3, one that contains it as
 * whole words 2, one that contains it inside a compound word 1 ("Förbättringsområden" holds
 * "förbättringsområde").
 */
const HEADINGS: Record<ImportField, readonly string[]> = {
  title: ["åtgärd", "åtgärder", "aktivitet", "aktiviteter", "titel", "rubrik", "benämning", "insats", "insatser", "uppgift", "action", "title"],
  item: [
    "förbättringsområde",
    "förbättringsområden",
    "förbättringsmöjlighet",
    "förbättringsmöjligheter",
    "förbättringspunkt",
    "utvecklingsområde",
    "improvement",
  ],
  question: ["delfråga", "delfrågor", "fråga", "frågor", "frågenummer", "kod", "question"],
  ownerEmail: ["e post", "epost", "e postadress", "mejl", "mejladress", "mail", "email", "e mail", "ansvarig", "ansvarig chef", "ägare", "owner"],
  deadline: ["klart senast", "slutdatum", "deadline", "senast", "färdigdatum", "slutdag", "datum", "klart datum", "tidplan", "due"],
  status: ["status", "läge", "lägesbeskrivning", "state"],
  note: ["kommentar", "kommentarer", "anteckning", "anteckningar", "notering", "noteringar", "beskrivning", "övrigt", "note", "notes"],
};

/** Address headings win the owner column over a plain "Ansvarig" (which may hold names). */
const PREFERRED: Partial<Record<ImportField, readonly string[]>> = {
  ownerEmail: ["e post", "epost", "e postadress", "mejl", "mejladress", "mail", "email", "e mail"],
};

function score(field: ImportField, heading: string): number {
  const folded = foldHeading(heading);
  if (folded === "") return 0;
  const bonus = PREFERRED[field]?.some((h) => folded.split(" ").includes(h) || folded === h || folded.includes(` ${h}`)) ? 0.5 : 0;
  let best = 0;
  for (const candidate of HEADINGS[field]) {
    if (folded === candidate) best = Math.max(best, 3);
    else if (` ${folded} `.includes(` ${candidate} `)) best = Math.max(best, 2);
    else if (candidate.length >= 5 && folded.includes(candidate)) best = Math.max(best, 1);
  }
  return best === 0 ? 0 : best + bonus;
}

/**
 * Guesses the mapping from the headings: every (field, column) pair is scored, and the best
 * pairs are taken first, each field and each column at most once. Fields nothing resembles
 * stay null, for the person to choose.
 */
export function guessMapping(headings: readonly string[]): ColumnMapping {
  const pairs: Array<{ field: ImportField; column: number; score: number }> = [];
  for (const field of IMPORT_FIELDS) {
    headings.forEach((heading, column) => {
      const s = score(field, heading);
      if (s > 0) pairs.push({ field, column, score: s });
    });
  }
  // Ties go to the field listed first and then the leftmost column.
  pairs.sort((a, b) => b.score - a.score || IMPORT_FIELDS.indexOf(a.field) - IMPORT_FIELDS.indexOf(b.field) || a.column - b.column);
  const mapping = emptyMapping();
  const used = new Set<number>();
  for (const pair of pairs) {
    if (mapping[pair.field] !== null || used.has(pair.column)) continue;
    mapping[pair.field] = pair.column;
    used.add(pair.column);
  }
  return mapping;
}

/** A mapping names each column at most once, and only columns the file has. */
export function mappingProblem(mapping: ColumnMapping, columnCount: number): "title-missing" | "column-twice" | "no-such-column" | null {
  const columns = IMPORT_FIELDS.map((f) => mapping[f]).filter((c): c is number => c !== null);
  if (columns.some((c) => !Number.isInteger(c) || c < 0 || c >= columnCount)) return "no-such-column";
  if (new Set(columns).size !== columns.length) return "column-twice";
  if (mapping.title === null) return "title-missing";
  return null;
}
