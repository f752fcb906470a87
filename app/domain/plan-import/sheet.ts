import { IMPORT_LIMITS, type SheetRow } from "./rows.ts";

/**
 * A spreadsheet's cells (rows of text) as headings and data rows: the first row with any text
 * holds the headings; rows without text are left out; every row keeps its line number so
 * problems can name it. Refused when there are more rows, columns or characters than the
 * import takes (docs/decisions/0038-plan-import.md). Pure.
 */

export type SheetRefusal = "empty" | "no-rows" | "too-many-rows" | "too-many-columns" | "cell-too-long" | "too-much-text";

export type Sheet = { headings: string[]; rows: SheetRow[] };

export function splitSheet(table: ReadonlyArray<ReadonlyArray<string>>): { ok: true; sheet: Sheet } | { ok: false; reason: SheetRefusal; line?: number } {
  let headings: string[] | null = null;
  const rows: SheetRow[] = [];
  let total = 0;
  for (let index = 0; index < table.length; index++) {
    const line = index + 1;
    const cells = table[index]!.map((c) => c.trim());
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.length === 0) continue;
    if (cells.length > IMPORT_LIMITS.maxColumns) return { ok: false, reason: "too-many-columns", line };
    for (const value of cells) {
      if (value.length > IMPORT_LIMITS.maxCellChars) return { ok: false, reason: "cell-too-long", line };
      total += value.length;
    }
    if (total > IMPORT_LIMITS.maxTotalChars) return { ok: false, reason: "too-much-text" };
    if (headings === null) headings = cells;
    else {
      if (rows.length >= IMPORT_LIMITS.maxRows) return { ok: false, reason: "too-many-rows" };
      rows.push({ line, cells });
    }
  }
  if (headings === null) return { ok: false, reason: "empty" };
  if (rows.length === 0) return { ok: false, reason: "no-rows" };
  const width = Math.max(headings.length, ...rows.map((r) => r.cells.length));
  // A column with data but no heading gets a name the mapping can show.
  const named = Array.from({ length: width }, (_, i) => headings![i] ?? "");
  return { ok: true, sheet: { headings: named, rows } };
}
