import { lateActions, actionsWithStatus, statusOf, type ReportAction, type ReportChanges, type ReportSnapshot } from "~/domain/follow-up-report.ts";
import type { ProgressSeries } from "~/domain/progress-over-time.ts";
import { committeeOf } from "~/domain/committees.ts";
import { t } from "~/i18n/sv.ts";
import { formatDate, formatMonth, formatPoints, formatSignedPoints } from "./format.ts";

/**
 * The follow-up report's tables as text, one column definition per column, for the renderers
 * that lay out tables from cells (the Word file now; the PDF for the status columns). A new
 * column is one line in a column list; numbers go through the same formatters as the page.
 */

export interface Column<R> {
  header: string;
  cell: (row: R) => string;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

export interface TextTable {
  head: string[];
  /** Right-aligned columns, by index. */
  numeric: boolean[];
  rows: string[][];
  /** The last row is a sum under the rest (set in bold). */
  totalRow: boolean;
}

export function tableOf<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[], total?: R): TextTable {
  const all = total === undefined ? rows : [...rows, total];
  return {
    head: columns.map((c) => c.header),
    numeric: columns.map((c) => c.numeric === true),
    rows: all.map((row) => columns.map((c) => c.cell(row))),
    totalRow: total !== undefined,
  };
}

/** "3 december 2026: text", or a dash when the action has no status text. */
export function statusCell(a: ReportAction): string {
  const status = statusOf(a);
  return status ? `${formatDate(status.date)}: ${status.text}` : t.councilReport.noStatus;
}

const r = t.report;

type AreaRow = { label: string; actions: number; done: number; late: number; current: number; secured: number; likely: number; potential: number; maxPoints: number };

export const areaColumns: ReadonlyArray<Column<AreaRow>> = [
  { header: r.areaName, cell: (a) => a.label },
  { header: r.actionsCol, cell: (a) => String(a.actions), numeric: true },
  { header: r.doneCol, cell: (a) => String(a.done), numeric: true },
  { header: r.lateCol, cell: (a) => String(a.late), numeric: true },
  { header: t.readiness.current, cell: (a) => formatPoints(a.current), numeric: true },
  { header: t.readiness.secured, cell: (a) => formatPoints(a.secured), numeric: true },
  { header: t.readiness.likely, cell: (a) => formatPoints(a.likely), numeric: true },
  { header: t.readiness.potential, cell: (a) => formatPoints(a.potential), numeric: true },
  { header: t.evaluation.max, cell: (a) => formatPoints(a.maxPoints), numeric: true },
];

/** Läget per område: one row per area and the total. */
export function areaTable(snapshot: ReportSnapshot): TextTable {
  const sum = (key: "actions" | "done" | "late") => snapshot.areas.reduce((s, a) => s + a[key], 0);
  return tableOf(
    areaColumns,
    snapshot.areas.map((a) => ({ ...a, label: `${a.number}. ${a.name}` })),
    { ...snapshot.total, label: t.readiness.total, actions: sum("actions"), done: sum("done"), late: sum("late") },
  );
}

export const lateColumns: ReadonlyArray<Column<ReportAction>> = [
  { header: r.action, cell: (a) => a.title },
  { header: r.areaName, cell: (a) => String(a.area), numeric: true },
  { header: r.owner, cell: (a) => a.owner ?? r.noOwner },
  { header: t.committees.reportColumn, cell: (a) => committeeOf(a) ?? "" },
  { header: r.deadline, cell: (a) => formatDate(a.deadline) },
  { header: r.daysLate, cell: (a) => String(a.daysLate), numeric: true },
  { header: t.councilReport.statusColumn, cell: statusCell },
];

/** Försenade åtgärder, most late first, with their latest status text. */
export function lateTable(snapshot: ReportSnapshot, { withStatus = true } = {}): TextTable {
  return tableOf(withStatus ? lateColumns : lateColumns.filter((c) => c.header !== t.councilReport.statusColumn), lateActions(snapshot));
}

export const statusColumns: ReadonlyArray<Column<ReportAction>> = [
  { header: r.action, cell: (a) => a.title },
  { header: r.areaName, cell: (a) => String(a.area), numeric: true },
  { header: r.owner, cell: (a) => a.owner ?? r.noOwner },
  { header: r.status, cell: (a) => t.statuses[a.status] },
  { header: t.councilReport.statusColumn, cell: statusCell },
];

/** Åtgärdernas lägesbeskrivningar: every action with a status text, with the latest one. */
export function statusTable(snapshot: ReportSnapshot): TextTable {
  return tableOf(statusColumns, actionsWithStatus(snapshot));
}

type ChangeRow = { label: string; secured: number; likely: number; potential: number };

export const changeColumns: ReadonlyArray<Column<ChangeRow>> = [
  { header: r.areaName, cell: (a) => a.label },
  { header: t.readiness.secured, cell: (a) => formatSignedPoints(a.secured), numeric: true },
  { header: t.readiness.likely, cell: (a) => formatSignedPoints(a.likely), numeric: true },
  { header: t.readiness.potential, cell: (a) => formatSignedPoints(a.potential), numeric: true },
];

/** The change in points per area since the previous report, and the total. */
export function changeTable(changes: ReportChanges): TextTable {
  return tableOf(
    changeColumns,
    changes.areas.map((a) => ({ ...a, label: `${a.number}. ${a.name}` })),
    { ...changes.total, label: t.readiness.total },
  );
}

type ProgressRow = ProgressSeries["points"][number];

export const progressColumns: ReadonlyArray<Column<ProgressRow>> = [
  { header: t.councilReport.month, cell: (p) => formatMonth(p.month) },
  { header: t.readiness.progressPlanned, cell: (p) => String(p.planned), numeric: true },
  { header: t.readiness.progressDone, cell: (p) => (p.done === null ? "–" : String(p.done)), numeric: true },
];

/** The progress chart's data: planned and done actions per month. */
export function progressTable(progress: ProgressSeries): TextTable {
  return tableOf(progressColumns, progress.points);
}

type ProjectionRow = { label: string; current: number; likely: number; potential: number; previous: number | null; maxPoints: number };

/** The area chart's data: the previous evaluation (when there is one), now, likely and possible per area. */
export function projectionTable(snapshot: ReportSnapshot): TextTable {
  const previous = snapshot.previousEvaluation;
  const columns: Array<Column<ProjectionRow>> = [
    { header: r.areaName, cell: (a) => a.label },
    ...(previous ? [{ header: String(previous.year), cell: (a: ProjectionRow) => (a.previous === null ? "–" : formatPoints(a.previous)), numeric: true }] : []),
    { header: t.readiness.current, cell: (a) => formatPoints(a.current), numeric: true },
    { header: t.readiness.likely, cell: (a) => formatPoints(a.likely), numeric: true },
    { header: t.readiness.potential, cell: (a) => formatPoints(a.potential), numeric: true },
    { header: t.evaluation.max, cell: (a) => formatPoints(a.maxPoints), numeric: true },
  ];
  return tableOf(
    columns,
    snapshot.areas.map((a) => ({
      ...a,
      label: `${a.number}. ${a.name}`,
      previous: previous?.areas.find((p) => p.number === a.number)?.points ?? null,
    })),
  );
}

/** The cover text as paragraphs (a blank line or a line break starts a new one). */
export function coverParagraphs(coverText: string): string[] {
  return coverText
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
