import { parseNumber } from "./text.ts";

/**
 * The summary table of area totals (pre-2010 layout: "Tabell 1 … resultat … i förhållande till
 * huvudområden", one row per area, one column per evaluation year, and a TOTALT row).
 */

export interface SummaryTable {
  areas: Map<number, number>;
  total: number | null;
}

const NUM = String.raw`\d{1,3}(?:[.,]\d{1,2})?`;
const TOTAL = new RegExp(String.raw`^\s*(?:TOTALT|Totalt|Summa|Total\s*poäng)\b[\s:]*((?:${NUM}\s*)+)$`);
const AREA_ROW = new RegExp(String.raw`^\s*([1-8])\.?\s+[A-ZÅÄÖ][^\t\d]*?\s+((?:${NUM}\s*)+)$`);

function numbers(text: string): number[] {
  return text
    .trim()
    .split(/\s+/)
    .map((n) => parseNumber(n))
    .filter((n): n is number => n !== null);
}

export function readSummaryTable(lines: readonly string[], year: number | null): SummaryTable {
  for (let i = 0; i < lines.length; i++) {
    const total = TOTAL.exec(lines[i]!.replace(/\t/g, " "));
    if (!total) continue;
    const rows = new Map<number, number[]>();
    let header: number[] = [];
    for (let j = i - 1; j >= Math.max(0, i - 15); j--) {
      const flat = lines[j]!.replace(/\t/g, " ");
      const row = AREA_ROW.exec(flat);
      if (row) {
        rows.set(Number(row[1]), numbers(row[2]!));
        continue;
      }
      const years = flat.match(/\b(19|20)\d{2}\b/g);
      if (years && rows.size > 0) {
        header = years.map(Number);
        break;
      }
      if (flat.trim() !== "" && rows.size > 0) break;
    }
    if (rows.size < 4) continue;
    const totals = numbers(total[1]!);
    // Pick the column of the report's own year, else the last (newest) column.
    const width = totals.length;
    const yearIndex = year !== null ? header.indexOf(year) : -1;
    const column = yearIndex >= 0 && header.length === width ? yearIndex : width - 1;
    const areas = new Map<number, number>();
    for (const [area, values] of rows) {
      const value = values.length === width ? values[column] : values[values.length - 1];
      if (value !== undefined) areas.set(area, value);
    }
    return { areas, total: totals[column] ?? null };
  }
  return { areas: new Map(), total: null };
}
