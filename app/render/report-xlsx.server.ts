import ExcelJS from "exceljs";
import { STATUSES } from "~/domain/actions/status.ts";
import { committeeOf } from "~/domain/committees.ts";
import { lateActions, type ReportAction, type ReportChanges, type ReportSnapshot } from "~/domain/follow-up-report.ts";
import { t } from "~/i18n/sv.ts";
import { formatDate, pointsNumberFormat } from "~/utils/format.ts";
import { changedActionGroups, statusLabel, summaryParagraphs } from "~/utils/report-text.ts";
import { coverParagraphs, statusCell } from "~/utils/report-tables.ts";

/**
 * The follow-up report as a workbook: the summary, the figures per area, late actions, what
 * changed, every action and the monthly progress, one sheet each. Numbers are numbers and
 * dates are dates, so the council's secretary can build on them.
 */

/** Points cells keep their exact values and show at most one decimal, as the pages do. */
function pointsCells(row: ExcelJS.Row, keys: readonly string[], options: { signed?: boolean } = {}) {
  for (const key of keys) {
    const cell = row.getCell(key);
    if (typeof cell.value === "number") cell.numFmt = pointsNumberFormat(cell.value, options);
  }
  return row;
}
const FIGURE_KEYS = ["current", "secured", "likely", "potential", "maxPoints"] as const;

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Array<{ header: string; key: string; width: number; date?: boolean }>) {
  const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
  for (const c of columns) if (c.date) ws.getColumn(c.key).numFmt = "yyyy-mm-dd";
  ws.getRow(1).font = { bold: true };
  return ws;
}

const actionColumns = [
  { header: t.report.action, key: "title", width: 48 },
  { header: t.report.areaName, key: "area", width: 8 },
  { header: t.report.owner, key: "owner", width: 26 },
  { header: t.report.status, key: "status", width: 14 },
  { header: t.report.deadline, key: "deadline", width: 12, date: true },
  { header: t.report.daysLate, key: "daysLate", width: 14 },
  // Issue #14, item 5: appended, so the columns before keep their places.
  { header: t.committees.exportCommittee, key: "committee", width: 30 },
  { header: t.committees.exportDecisionReference, key: "decisionReference", width: 22 },
  { header: t.councilReport.statusColumn, key: "latestStatus", width: 60 },
];

const actionRow = (a: ReportAction) => ({
  title: a.title,
  area: a.area,
  owner: a.owner ?? t.report.noOwner,
  status: statusLabel(a),
  deadline: asDate(a.deadline),
  daysLate: a.daysLate,
  committee: committeeOf(a) ?? "",
  decisionReference: a.decisionReference ?? "",
  latestStatus: statusCell(a),
});

/**
 * Förändringar: one Excel table per header row (issue #14, item 9). The area figures and the
 * changed actions have different columns, so each is its own named table under a title row,
 * with an empty row between; a section with nothing to list says so in one line instead.
 */
function changesSheet(workbook: ExcelJS.Workbook, changes: ReportChanges | null) {
  const r = t.report;
  const ws = workbook.addWorksheet(r.sheetChanges);
  for (const [i, width] of [20, 48, 26, 12, 10].entries()) ws.getColumn(i + 1).width = width;
  ws.addRow([changes === null ? r.firstReport : r.changesSince(formatDate(changes.previousAsOf))]);
  if (changes === null) return;
  const section = (title: string) => {
    ws.addRow([]);
    ws.addRow([title]).font = { bold: true };
  };
  const table = (name: string, columns: string[], rows: unknown[][]) => {
    const top = ws.rowCount + 1;
    ws.addTable({
      name,
      ref: `A${top}`,
      headerRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: columns.map((header) => ({ name: header, filterButton: true })),
      rows,
    });
    return (i: number) => ws.getRow(top + 1 + i);
  };

  section(r.changesFiguresTitle);
  if (changes.sameEvaluation) {
    const figures = [...changes.areas.map((a) => ({ ...a, number: a.number as number | null })), { ...changes.total, number: null, name: t.readiness.total }];
    const row = table(
      r.changesFiguresTable,
      [r.areaName, r.nameCol, t.readiness.secured, t.readiness.likely, t.readiness.potential],
      figures.map((f) => [f.number, f.name, f.secured, f.likely, f.potential]),
    );
    for (const i of figures.keys()) {
      for (const col of [3, 4, 5]) {
        const cell = row(i).getCell(col);
        if (typeof cell.value === "number") cell.numFmt = pointsNumberFormat(cell.value, { signed: true });
      }
    }
    row(figures.length - 1).font = { bold: true };
  } else ws.addRow([r.otherEvaluation]);

  section(r.changesActionsTitle);
  const groups = [...changedActionGroups(changes), { title: r.deadlineMoved, actions: changes.deadlineMoved.map((m) => m.action) }];
  const actions: unknown[][] = [
    ...groups.flatMap(({ title, actions }) => actions.map((a) => [title, a.title, a.owner ?? r.noOwner, asDate(a.deadline)])),
    ...changes.removed.map((a) => [r.removed, a.title, null, null]),
  ];
  if (actions.length === 0) {
    ws.addRow([r.noChangedActions]);
    return;
  }
  const row = table(r.changesActionsTable, [r.change, r.action, r.owner, r.deadline], actions);
  for (const i of actions.keys()) row(i).getCell(4).numFmt = "yyyy-mm-dd";
}

export async function reportToXlsx(snapshot: ReportSnapshot, changes: ReportChanges | null, meta: { title: string; byline: string; coverText?: string }) {
  const r = t.report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t.app.name;
  workbook.title = meta.title;

  const summary = workbook.addWorksheet(r.sheetSummary);
  summary.getColumn(1).width = 120;
  summary.addRow([meta.title]).font = { bold: true, size: 14 };
  summary.addRow([meta.byline]);
  summary.addRow([]);
  const cover = coverParagraphs(meta.coverText ?? "");
  if (cover.length > 0) {
    summary.addRow([t.councilReport.coverTitle]).font = { bold: true, size: 12 };
    for (const p of cover) summary.addRow([p]).alignment = { wrapText: true };
    summary.addRow([]);
  }
  for (const p of summaryParagraphs(snapshot)) summary.addRow([p]).alignment = { wrapText: true };
  summary.addRow([]);
  for (const s of STATUSES) summary.addRow([`${t.statuses[s]}: ${snapshot.counts.byStatus[s]}`]);

  const areas = sheet(workbook, r.sheetAreas, [
    { header: r.areaName, key: "number", width: 8 },
    { header: r.nameCol, key: "name", width: 44 },
    { header: r.actionsCol, key: "actions", width: 10 },
    { header: r.doneCol, key: "done", width: 8 },
    { header: r.lateCol, key: "late", width: 10 },
    { header: t.readiness.current, key: "current", width: 8 },
    { header: t.readiness.secured, key: "secured", width: 8 },
    { header: t.readiness.likely, key: "likely", width: 8 },
    { header: t.readiness.potential, key: "potential", width: 8 },
    { header: t.evaluation.max, key: "maxPoints", width: 8 },
  ]);
  for (const a of snapshot.areas) pointsCells(areas.addRow(a), FIGURE_KEYS);
  pointsCells(areas.addRow({ name: t.readiness.total, ...snapshot.total }), FIGURE_KEYS).font = { bold: true };

  const late = sheet(workbook, r.sheetLate, actionColumns);
  for (const a of lateActions(snapshot)) late.addRow(actionRow(a));

  changesSheet(workbook, changes);

  const all = sheet(workbook, r.sheetActions, actionColumns);
  for (const a of snapshot.actions) all.addRow(actionRow(a));
  all.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, snapshot.actions.length + 1), column: actionColumns.length } };

  const progress = sheet(workbook, r.sheetProgress, [
    { header: t.readiness.progressMonth, key: "date", width: 12, date: true },
    { header: t.readiness.progressPlanned, key: "planned", width: 28 },
    { header: t.readiness.progressDone, key: "done", width: 10 },
  ]);
  for (const p of snapshot.progress.points) progress.addRow({ date: asDate(p.date), planned: p.planned, done: p.done ?? undefined });

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
