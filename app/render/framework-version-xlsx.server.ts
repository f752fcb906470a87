import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { MAX_SHEET_ROWS, versionToSheetRows, type Cell } from "~/domain/framework-version-sheet.ts";
import type { FrameworkVersionInput } from "~/domain/framework-version.ts";
import { t } from "~/i18n/sv.ts";

/**
 * A framework version as an .xlsx workbook and back (the layout is
 * app/domain/framework-version-sheet.ts). What is written here is exactly what the upload reads.
 */

export async function versionToXlsx(version: FrameworkVersionInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t.app.name;
  const sheet = workbook.addWorksheet(t.frameworkAdmin.sheet.name);
  for (const row of versionToSheetRows(version)) sheet.addRow(row);
  for (const [i, width] of [12, 40, 12, 30, 8, 70, 10].entries()) sheet.getColumn(i + 1).width = width;
  sheet.getRow(5).font = { bold: true };
  sheet.getColumn(4).alignment = { wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Unpacked size and entries an uploaded workbook may declare (a 1 MB file of version data needs far less). */
const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 200;

/** A cell's value as text or number: formulas by their result, rich text and links by their text, dates as ISO dates. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellValue(value.result as ExcelJS.CellValue);
    if ("text" in value && typeof value.text === "string") return value.text;
  }
  return null;
}

/** The first sheet's rows as cells, or null when the file is not a workbook (or declares too much content). */
export async function xlsxToRows(bytes: Uint8Array): Promise<Cell[][] | null> {
  try {
    let declared = 0;
    let entries = 0;
    // The archive's table of contents only: nothing is inflated here.
    unzipSync(bytes, {
      filter: (file) => {
        declared += file.originalSize;
        entries += 1;
        return false;
      },
    });
    if (declared > MAX_UNPACKED_BYTES || entries > MAX_ZIP_ENTRIES) return null;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) return null;
    const rows: Cell[][] = [];
    const last = Math.min(sheet.rowCount, MAX_SHEET_ROWS + 1);
    for (let r = 1; r <= last; r++) {
      const row = sheet.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= 7; c++) cells.push(cellValue(row.getCell(c).value));
      rows.push(cells);
    }
    return rows;
  } catch {
    return null;
  }
}
