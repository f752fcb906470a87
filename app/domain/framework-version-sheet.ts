import { t } from "~/i18n/sv.ts";
import { checkFrameworkVersion, type FrameworkVersionInput, type VersionProblem } from "./framework-version.ts";

/**
 * A framework version as one spreadsheet (docs/framework-version-format.md): rows 1–3 hold the
 * name, key and first year (label in A, value in B), row 5 the column headings, and from row 6
 * one row per sub-question. An area's name, maximum and sub-headings stand on its first row; an
 * area without sub-questions has one row without a code. Pure: cells in, cells out; reading and
 * writing the .xlsx file itself is app/render/framework-version-xlsx.server.ts.
 */

export type Cell = string | number | null;

const s = t.frameworkAdmin.sheet;
const e = t.frameworkAdmin.errors;

export const SHEET_LABELS = [s.labels.name, s.labels.key, s.labels.firstYear] as const;
export const SHEET_COLUMNS = [s.columns.area, s.columns.areaName, s.columns.areaMax, s.columns.headings, s.columns.code, s.columns.text, s.columns.maxPoints] as const;
/** The row of the column headings; data starts on the next row. */
export const HEADER_ROW = 5;
/** The most rows a sheet may have: every area full, each with a row, and the head. */
export const MAX_SHEET_ROWS = HEADER_ROW + 20 * 40 + 20;

/** The rows of the sheet for a version (row 1 first). */
export function versionToSheetRows(version: FrameworkVersionInput): Cell[][] {
  const rows: Cell[][] = [
    [s.labels.name, version.name],
    [s.labels.key, version.key],
    [s.labels.firstYear, version.firstYear],
    [],
    [...SHEET_COLUMNS],
  ];
  for (const area of version.areas) {
    const head: Cell[] = [area.number, area.name, area.maxPoints, area.headings.length > 0 ? area.headings.join("\n") : null];
    if (area.questions.length === 0) rows.push([...head, null, null, null]);
    for (const [i, q] of area.questions.entries()) {
      rows.push([...(i === 0 ? head : [area.number, null, null, null]), q.code, q.text, q.maxPoints]);
    }
  }
  return rows;
}

const text = (cell: Cell | undefined) => (cell === null || cell === undefined ? "" : String(cell).trim());
const blank = (cell: Cell | undefined) => text(cell) === "";

/** A number as typed in a cell: a number, or text with a decimal comma or point; anything else is passed on as text for the check to refuse. */
function numberCell(cell: Cell | undefined): unknown {
  if (typeof cell === "number") return cell;
  const raw = text(cell).replace(/[\s\u00A0]/g, "");
  if (/^\d{1,6}([.,]\d{1,15})?$/.test(raw)) return Number(raw.replace(",", "."));
  return raw === "" ? undefined : raw;
}

const headingsOf = (cell: Cell | undefined) =>
  text(cell)
    .split(/\r?\n/)
    .map((h) => h.trim())
    .filter((h) => h !== "");

export type SheetRead = { ok: true; version: FrameworkVersionInput } | { ok: false; errors: string[] };

/** Reads the sheet's rows into a version and checks it; every error names its row. */
export function sheetRowsToVersion(rows: Cell[][]): SheetRead {
  if (rows.length > MAX_SHEET_ROWS) return { ok: false, errors: [e.tooManyRows(MAX_SHEET_ROWS)] };
  const errors: string[] = [];
  SHEET_LABELS.forEach((label, i) => {
    if (text(rows[i]?.[0]).toLowerCase() !== label.toLowerCase()) errors.push(e.sheetLabel(i + 1, label));
  });
  SHEET_COLUMNS.forEach((label, i) => {
    if (text(rows[HEADER_ROW - 1]?.[i]).toLowerCase() !== label.toLowerCase()) errors.push(e.sheetHeader(String.fromCharCode(65 + i), label));
  });
  if (errors.length > 0) return { ok: false, errors };

  type Area = { number: unknown; name: unknown; maxPoints: unknown; headings: string[]; questions: Array<{ code: string; text: string; maxPoints: unknown }> };
  const areas: Area[] = [];
  const areaRow: number[] = [];
  const questionRow: number[][] = [];
  const byNumber = new Map<number, number>();
  for (let index = HEADER_ROW; index < rows.length; index++) {
    const row = rows[index] ?? [];
    const rowNumber = index + 1;
    if (row.every((c) => blank(c))) continue;
    const number = numberCell(row[0]);
    if (typeof number !== "number" || !Number.isInteger(number)) {
      errors.push(e.areaNumber(rowNumber));
      continue;
    }
    let areaIndex = byNumber.get(number);
    if (areaIndex === undefined) {
      areaIndex = areas.length;
      byNumber.set(number, areaIndex);
      areas.push({ number, name: text(row[1]), maxPoints: numberCell(row[2]), headings: headingsOf(row[3]), questions: [] });
      areaRow.push(rowNumber);
      questionRow.push([]);
    } else {
      const area = areas[areaIndex]!;
      const differs =
        (!blank(row[1]) && text(row[1]) !== area.name) ||
        (!blank(row[2]) && numberCell(row[2]) !== area.maxPoints) ||
        (!blank(row[3]) && headingsOf(row[3]).join("\n") !== area.headings.join("\n"));
      if (differs) errors.push(e.areaConflict(rowNumber, areaRow[areaIndex]!));
    }
    if (!blank(row[4]) || !blank(row[5]) || !blank(row[6])) {
      areas[areaIndex]!.questions.push({ code: text(row[4]), text: text(row[5]), maxPoints: numberCell(row[6]) });
      questionRow[areaIndex]!.push(rowNumber);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const raw = { name: text(rows[0]?.[1]), key: text(rows[1]?.[1]), firstYear: numberCell(rows[2]?.[1]), areas };
  const checked = checkFrameworkVersion(raw);
  if (checked.ok) return checked;
  const rowOf = (problem: VersionProblem): number | null => {
    if (problem.field === "name") return 1;
    if (problem.field === "key") return 2;
    if (problem.field === "firstYear") return 3;
    if (problem.areaIndex === undefined) return null;
    if (problem.questionIndex !== undefined) return questionRow[problem.areaIndex]?.[problem.questionIndex] ?? null;
    return areaRow[problem.areaIndex] ?? null;
  };
  return {
    ok: false,
    errors: checked.problems.map((problem) => {
      const row = rowOf(problem);
      return row === null ? problem.message : e.row(row, problem.message);
    }),
  };
}
