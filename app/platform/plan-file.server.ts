import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { decodeText, unpackZipWithin } from "./report-file/extract.ts";

/**
 * Reads an uploaded action plan (.xlsx or .csv) into rows of text for the plan import
 * (docs/decisions/0038-plan-import.md). The kind is decided by the content, not the name.
 * CSV: UTF-8 with or without BOM, else Windows-1252; the separator (semicolon, comma or tab)
 * is the one the first line uses most. Excel: the zip is unpacked within a budget (its table of
 * contents first, then each entry with a ceiling, as for Word reports) before ExcelJS sees it;
 * the first worksheet with any content is read. Dates become YYYY-MM-DD.
 */

export const MAX_PLAN_BYTES = 5 * 1024 * 1024;
export const PLAN_FILE_LIMITS = { maxUnpackedBytes: 32 * 1024 * 1024, maxZipEntries: 500, maxRows: 2_100 } as const;

export type PlanFileFailure = "too-large" | "too-large-unpacked" | "too-many-rows" | "unsupported" | "unreadable";
export type PlanFileResult = { ok: true; kind: "xlsx" | "csv"; table: string[][] } | { ok: false; reason: PlanFileFailure };

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export async function readPlanFile(bytes: Uint8Array): Promise<PlanFileResult> {
  if (bytes.length > MAX_PLAN_BYTES) return { ok: false, reason: "too-large" };
  if (isZip(bytes)) return readXlsx(bytes);
  const text = decodeText(bytes);
  if (text === null) return { ok: false, reason: "unsupported" };
  return readCsv(text);
}

/** The separator the first line uses most, outside quotes. */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [";", 0],
    [",", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

export function readCsv(raw: string): PlanFileResult {
  const text = raw.replace(/^\uFEFF/, "");
  try {
    const records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: PLAN_FILE_LIMITS.maxRows + 1,
    }) as string[][];
    if (records.length > PLAN_FILE_LIMITS.maxRows) return { ok: false, reason: "too-many-rows" };
    return { ok: true, kind: "csv", table: records };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}

async function readXlsx(bytes: Uint8Array): Promise<PlanFileResult> {
  let checked: Uint8Array;
  try {
    checked = unpackZipWithin(bytes, PLAN_FILE_LIMITS);
  } catch (error) {
    return { ok: false, reason: error instanceof Error && error.message === "too-large-unpacked" ? "too-large-unpacked" : "unreadable" };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return { ok: true, kind: "xlsx", table: [] };
  if (sheet.rowCount > PLAN_FILE_LIMITS.maxRows && sheet.actualRowCount > PLAN_FILE_LIMITS.maxRows) return { ok: false, reason: "too-many-rows" };
  const table: string[][] = [];
  const last = Math.min(sheet.rowCount, PLAN_FILE_LIMITS.maxRows);
  for (let r = 1; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, 100); c++) cells.push(cellText(row.getCell(c).value));
    table.push(cells);
  }
  return { ok: true, kind: "xlsx", table };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell's value as the text a person sees; dates as YYYY-MM-DD (Excel keeps them at UTC midnight). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    return `${String(value.getUTCFullYear()).padStart(4, "0")}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value) {
      const text = (value as { text: unknown }).text;
      return typeof text === "string" ? text : cellText(text as ExcelJS.CellValue);
    }
    if ("error" in value) return "";
  }
  return "";
}
