import { parseNumber } from "./text.ts";

/**
 * Reads sub-question scores from the report's score tables, whatever their layout: one or two
 * column groups per row, code and text in separate cells or in one, points before or after
 * max, with or without a percent column, tabs or plain spaces between cells (text from PDF).
 */

export interface ScoreRow {
  code: string;
  area: number;
  text: string;
  points: number;
  maxPoints: number;
  percent: number | null;
  line: number;
}

export interface ScoreTable {
  rows: ScoreRow[];
  /** Area totals printed as the last row of an area block (2010 layout). */
  totalRows: Map<number, number>;
  /** Which of the two numbers comes first, as the header says (or inferred). */
  order: "points-first" | "max-first" | "unknown";
  /** Line index of the first score row (start of the table region). */
  firstLine: number;
}

const NUM = String.raw`\d{1,3}(?:[.,]\d{1,2})?`;
const ROW = new RegExp(
  String.raw`(?:^|\s)([1-9])\.(\d{1,2})\s+(.+?)\s+(${NUM})\s+(${NUM})(?:\s+(\d{1,3}(?:[.,]\d+)?)\s*%)?(?=\s+[1-9]\.\d{1,2}\s|\s*$)`,
  "g",
);
const TOTAL_ROW = new RegExp(String.raw`^\s*(${NUM})\s+(${NUM})(?:\s+(\d{1,3}(?:[.,]\d+)?)\s*%)?\s*$`);
const POINTS_LABEL = /\b(uppnått|uppnådd|egna\s*poäng|erhållna\s*poäng|poäng\s*uppnått)\b/i;
const MAX_LABEL = /\b(max(?:-?poäng)?|maxpoäng|max\s*poäng)\b/i;

/** The column order a header line announces, if it is a header line. */
export function headerOrder(line: string): "points-first" | "max-first" | null {
  const points = POINTS_LABEL.exec(line);
  const max = MAX_LABEL.exec(line);
  if (!points || !max) return null;
  return points.index < max.index ? "points-first" : "max-first";
}

function assign(
  a: number,
  b: number,
  percent: number | null,
  order: ScoreTable["order"],
): { points: number; maxPoints: number } {
  if (order === "points-first") return { points: a, maxPoints: b };
  if (order === "max-first") return { points: b, maxPoints: a };
  // No header: the printed percent tells, else points never exceed max.
  if (percent !== null && b > 0 && a > 0) {
    const aFirst = Math.abs((a / b) * 100 - percent);
    const bFirst = Math.abs((b / a) * 100 - percent);
    return aFirst <= bFirst ? { points: a, maxPoints: b } : { points: b, maxPoints: a };
  }
  return a <= b ? { points: a, maxPoints: b } : { points: b, maxPoints: a };
}

export function readScoreTable(lines: readonly string[]): ScoreTable {
  let order: ScoreTable["order"] = "unknown";
  const rows: ScoreRow[] = [];
  const totalRows = new Map<number, number>();
  let lastArea: number | null = null;
  let firstLine = -1;

  lines.forEach((raw, index) => {
    const line = raw.replace(/\t/g, " \t ");
    const announced = headerOrder(raw);
    if (announced) {
      order = announced;
      return;
    }
    const flat = line.replace(/\s+/g, " ");
    let matched = false;
    for (const m of flat.matchAll(ROW)) {
      const a = parseNumber(m[4]);
      const b = parseNumber(m[5]);
      if (a === null || b === null) continue;
      const percent = parseNumber(m[6]);
      const text = m[3]!.trim();
      // A sentence that merely starts with a code-like number is not a score row.
      if (text.length > 400) continue;
      const area = Number(m[1]);
      rows.push({
        code: `${m[1]}.${Number(m[2])}`,
        area,
        text,
        percent,
        line: index,
        ...assign(a, b, percent, order),
      });
      lastArea = area;
      matched = true;
    }
    if (matched) {
      if (firstLine < 0) firstLine = index;
      return;
    }
    const total = TOTAL_ROW.exec(flat);
    if (total && lastArea !== null && !totalRows.has(lastArea)) {
      const a = parseNumber(total[1])!;
      const b = parseNumber(total[2])!;
      const { points, maxPoints } = assign(a, b, parseNumber(total[3]), order);
      if (maxPoints >= 50) totalRows.set(lastArea, points);
      lastArea = null;
      return;
    }
    if (flat.trim() !== "") lastArea = null;
  });

  return { rows, totalRows, order, firstLine };
}
