import ExcelJS from "exceljs";
import type { ExportRow } from "~/domain/actions/export-rows.ts";
import { t } from "~/i18n/sv.ts";
import { toCsv } from "./csv.server.ts";

/** The plan as a real spreadsheet (.xlsx) and as CSV, with Swedish headings. */

const heading = t.plan.exportColumns;
const columns = [
  { header: heading.area, key: "area", width: 34 },
  { header: heading.item, key: "item", width: 50 },
  { header: heading.title, key: "title", width: 40 },
  { header: heading.owner, key: "owner", width: 24 },
  { header: heading.deadline, key: "deadline", width: 12 },
  { header: heading.status, key: "status", width: 14 },
  { header: heading.daysLate, key: "daysLate", width: 14 },
  { header: heading.priority, key: "priority", width: 10 },
  { header: heading.questions, key: "questions", width: 30 },
  { header: heading.deadlineChanges, key: "deadlineChanges", width: 16 },
  // Issue #14, item 5: appended, so the columns before keep their places.
  { header: t.committees.exportCommittee, key: "committee", width: 30 },
  { header: t.committees.exportDecisionReference, key: "decisionReference", width: 22 },
] as const;

const display = (row: ExportRow) => ({
  ...row,
  status: t.statuses[row.status],
  priority: t.priorities[row.priority],
});

export async function planToXlsx(rows: ExportRow[], title: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t.app.name;
  const sheet = workbook.addWorksheet(t.plan.title, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ ...c }));
  for (const row of rows) {
    sheet.addRow({ ...display(row), deadline: new Date(`${row.deadline}T00:00:00Z`) });
  }
  sheet.getColumn("deadline").numFmt = "yyyy-mm-dd";
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  workbook.title = title;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Semicolon-separated with a byte order mark; formula-looking cells neutralised (see csv.server.ts). */
export function planToCsv(rows: ExportRow[]): string {
  return toCsv(
    columns.map((c) => c.header),
    rows.map((row) => columns.map((c) => display(row)[c.key])),
  );
}
