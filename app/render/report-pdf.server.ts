import PDFDocument from "pdfkit";
import { CHART_COLORS } from "~/components/charts/colors.ts";
import { readinessSeries } from "~/components/charts/readiness-series.ts";
import { hasChanges, type ReportChanges, type ReportSnapshot } from "~/domain/follow-up-report.ts";
import type { ProgressSeries } from "~/domain/progress-over-time.ts";
import { t } from "~/i18n/sv.ts";
import { formatDate, formatMonth, formatPoints } from "~/utils/format.ts";
import { changeLists, summaryParagraphs } from "~/utils/report-text.ts";
import { PDF_FONTS, giveSharedFonts } from "./pdf-fonts.server.ts";
import { changeTable, coverParagraphs, lateTable, statusTable } from "~/utils/report-tables.ts";

/**
 * The follow-up report as an A4 PDF made on the server with pdfkit: the same sections, numbers
 * and sentences as the page, with both charts drawn as vector graphics. The text is set in
 * Noto Sans, embedded, so every name prints right (Łukasz, Đorđe, Åsa), not only what the PDF
 * standard fonts' WinAnsi encoding covers.
 */

// The fonts are parsed once per process and given to each document under these names, which
// pdfkit's tables use to restore the font after every cell (see pdf-fonts.server.ts).
const BODY = PDF_FONTS.body;
const BOLD = PDF_FONTS.bold;

const INK = "#1b1f24";
const MUTED = "#4a5560";
const LINE = "#d5dbe1";
const MARGIN = 50;

type Doc = PDFKit.PDFDocument;

/**
 * The document's structure root (a tagged PDF: headings, paragraphs, tables, lists and figures
 * with alternative text, so screen readers can follow it; page footers are artifacts).
 */
const roots = new WeakMap<Doc, PDFKit.PDFStructureElement>();
const rootOf = (doc: Doc) => roots.get(doc)!;
const tagged = (doc: Doc, structType = "P"): PDFKit.Mixins.TextOptions => ({ structParent: rootOf(doc), structType });

export async function reportToPdf(snapshot: ReportSnapshot, changes: ReportChanges | null, meta: { title: string; byline: string; coverText?: string }) {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    pdfVersion: "1.7",
    tagged: true,
    lang: "sv-SE",
    displayTitle: true,
    info: { Title: meta.title, Author: snapshot.municipality, Creator: t.app.name, Subject: t.report.reportTitle },
  });
  giveSharedFonts(doc);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  const r = t.report;
  const root = doc.struct("Document");
  doc.addStructure(root);
  roots.set(doc, root);

  doc.fillColor(INK).font(BOLD).fontSize(20).text(meta.title, tagged(doc, "H1"));
  doc.moveDown(0.2).font(BODY).fontSize(10).fillColor(MUTED).text(meta.byline, tagged(doc)).fillColor(INK);

  const cover = coverParagraphs(meta.coverText ?? "");
  if (cover.length > 0) {
    heading(doc, t.councilReport.coverTitle);
    for (const p of cover) doc.font(BODY).fontSize(10).text(p, tagged(doc)).moveDown(0.4);
  }

  heading(doc, r.summaryTitle);
  for (const p of summaryParagraphs(snapshot)) doc.font(BODY).fontSize(10).text(p, tagged(doc)).moveDown(0.4);

  heading(doc, r.areasTitle);
  table(
    doc,
    [r.areaName, r.actionsCol, r.doneCol, r.lateCol, t.readiness.current, t.readiness.secured, t.readiness.likely, t.readiness.potential, t.evaluation.max],
    [
      ...snapshot.areas.map((a) => [
        `${a.number}. ${a.name}`,
        String(a.actions),
        String(a.done),
        String(a.late),
        ...[a.current, a.secured, a.likely, a.potential, a.maxPoints].map(formatPoints),
      ]),
      [
        t.readiness.total,
        String(snapshot.areas.reduce((s, a) => s + a.actions, 0)),
        String(snapshot.areas.reduce((s, a) => s + a.done, 0)),
        String(snapshot.areas.reduce((s, a) => s + a.late, 0)),
        ...[snapshot.total.current, snapshot.total.secured, snapshot.total.likely, snapshot.total.potential, snapshot.total.maxPoints].map(formatPoints),
      ],
    ],
    [["*", "l"], ...[50, 36, 52, 34, 40, 40, 42, 34].map((width): Column => [width, "r"])],
    true,
  );

  heading(doc, r.lateTitle);
  // Six columns fit an A4 page; the status texts have their own section below (Åtgärdernas lägesbeskrivningar).
  const late = lateTable(snapshot, { withStatus: false });
  if (late.rows.length === 0) doc.font(BODY).fontSize(10).text(r.noLate, tagged(doc));
  // The owner and the narrow number headings ("Område", "Dagar försenad") get room to wrap between words only.
  else table(doc, late.head, late.rows, [[150, "l"], [40, "r"], [90, "l"], [95, "l"], [70, "l"], ["*", "r"]]);

  heading(doc, t.councilReport.statusesTitle);
  const statuses = statusTable(snapshot);
  if (statuses.rows.length === 0) doc.font(BODY).fontSize(10).text(t.councilReport.noStatuses, tagged(doc));
  else table(doc, statuses.head, statuses.rows, [[140, "l"], [40, "r"], [85, "l"], [60, "l"], ["*", "l"]]);

  heading(doc, r.projectionTitle, 230);
  areaChart(doc, snapshot);
  ensureRoom(doc, 230);
  doc.moveDown(0.5).font(BOLD).fontSize(11).text(t.readiness.progressTitle, MARGIN, undefined, tagged(doc, "H3"));
  doc.font(BODY).fontSize(10).text(t.readiness.progressSummary(snapshot.counts.byStatus.DONE, snapshot.progress.total), tagged(doc));
  progressChart(doc, snapshot.progress);
  if (snapshot.progress.dueAfterEvaluation > 0) {
    doc.fontSize(9).fillColor(MUTED).text(t.readiness.progressDueAfter(snapshot.progress.dueAfterEvaluation), tagged(doc)).fillColor(INK);
  }

  heading(doc, r.changesTitle);
  changesSection(doc, changes);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.markContent("Artifact", { type: "Pagination" });
    doc
      .font(BODY)
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${t.app.name} · ${snapshot.municipality} · ${r.pdfPage(i + 1, range.count)}`, MARGIN, doc.page.height - MARGIN + 5, {
        width: doc.page.width - 2 * MARGIN,
        align: "center",
        lineBreak: false,
      });
    doc.endMarkedContent();
  }
  root.end();
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A section heading, on a new page when less than `room` points (the section's start) are left. */
function heading(doc: Doc, text: string, room = 120) {
  ensureRoom(doc, room + 40);
  doc.moveDown(0.8).font(BOLD).fontSize(14).fillColor(INK).text(text, MARGIN, undefined, tagged(doc, "H2")).moveDown(0.3);
}

/** Columns as [width, alignment]: "*" shares the rest; numbers are right-aligned ("r"). */
type Column = [width: number | "*", align: "l" | "r"];

/** Cell padding on every side, as pdfkit's tables had it. */
const PAD = 3;

/**
 * A table with a heading row; `totalRow` sets the last row in bold (a sum under the rest).
 * Tagged as Table → TR → TH/TD like pdfkit's own tables, but drawn here: pdfkit's table measured
 * every cell four times over (and merged styles per cell), which made a plan of 300 actions
 * take most of the report's time. Each cell is measured once, only when it may wrap.
 */
function table(doc: Doc, head: string[], rows: string[][], columns: Column[], totalRow = false) {
  doc.font(BODY).fontSize(8);
  const full = doc.page.width - doc.page.margins.right - MARGIN;
  const fixed = columns.reduce((sum, [width]) => sum + (width === "*" ? 0 : width), 0);
  const stars = columns.filter(([width]) => width === "*").length;
  const widths = columns.map(([width]) => (width === "*" ? (full - fixed) / stars : width));
  const lefts = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
  const all = [
    { cells: head, bold: true, type: "TH" },
    ...rows.map((cells, i) => ({ cells, bold: totalRow && i === rows.length - 1, type: "TD" })),
  ];
  const tableElement = doc.struct("Table");
  rootOf(doc).add(tableElement);
  let y = doc.y;
  for (const row of all) {
    doc.font(row.bold ? BOLD : BODY).fontSize(8);
    const line = doc.currentLineHeight(true);
    const textHeight = Math.max(
      ...row.cells.map((text, i) => {
        const width = widths[i]! - 2 * PAD;
        return text.length > 0 && doc.widthOfString(text) <= width ? line : doc.heightOfString(text, { width });
      }),
    );
    const height = textHeight + 2 * PAD;
    if (y + height >= doc.page.height - doc.page.margins.bottom) {
      doc.continueOnNewPage();
      y = doc.page.margins.top;
    }
    const rowElement = doc.struct("TR");
    tableElement.add(rowElement);
    row.cells.forEach((text, i) => {
      const cell = doc.struct(row.type);
      rowElement.add(cell);
      cell.add(() => {
        doc.fillColor("black").text(text, lefts[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: columns[i]![1] === "r" ? "right" : "left" });
      });
      cell.end();
    });
    rowElement.end();
    // The grid as pdfkit drew it: 1 pt above and beside each cell, 0.5 pt below.
    doc.markContent("Artifact", { type: "Layout" });
    doc.save().lineWidth(1).moveTo(MARGIN, y).lineTo(MARGIN + full, y);
    for (const x of [...lefts, MARGIN + full]) doc.moveTo(x, y).lineTo(x, y + height);
    doc.stroke(LINE).lineWidth(0.5).moveTo(MARGIN, y + height).lineTo(MARGIN + full, y + height).stroke(LINE).restore();
    doc.endMarkedContent();
    y += height;
  }
  tableElement.end();
  doc.font(BODY).fillColor(INK);
  doc.x = MARGIN;
  doc.y = y;
  doc.moveDown(0.3);
}

function legend(doc: Doc, items: Array<{ label: string; color: string; dashed?: boolean }>, y: number) {
  let x = MARGIN;
  doc.font(BODY).fontSize(9);
  for (const item of items) {
    if (item.dashed) doc.save().moveTo(x, y + 4).lineTo(x + 14, y + 4).dash(3, { space: 2 }).lineWidth(2).stroke(item.color).restore();
    else doc.rect(x, y, 10, 10).fill(item.color);
    doc.fillColor(INK).text(item.label, x + 16, y, { lineBreak: false });
    x += 26 + doc.widthOfString(item.label);
  }
}

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
}

/** Drawing marked as one Figure with alternative text; its labels are part of the figure. */
function figure(doc: Doc, alt: string, draw: () => void) {
  const element = doc.struct("Figure", { alt });
  rootOf(doc).add(element);
  element.add(draw);
  element.end();
}

/** Grouped bars per area: now, likely, possible, each out of the area's max. */
function areaChart(doc: Doc, snapshot: ReportSnapshot) {
  const height = 170;
  ensureRoom(doc, height + 40);
  const series = readinessSeries(snapshot.areas, snapshot.previousEvaluation);
  const alt = `${t.readiness.chartDescription} ${snapshot.areas
    .map((a, i) => {
      const values = series.flatMap((s) => (s.values[i] === null || s.values[i] === undefined ? [] : [`${s.label.toLowerCase()} ${formatPoints(s.values[i])}`]));
      return `${t.report.areaName} ${a.number}: ${values.join(", ")} ${t.start.outOf(a.maxPoints)}.`;
    })
    .join(" ")}`;
  figure(doc, alt, () => drawAreaChart(doc, snapshot, height));
}

function drawAreaChart(doc: Doc, snapshot: ReportSnapshot, height: number) {
  const top = doc.y + 5;
  const left = MARGIN + 30;
  const width = doc.page.width - MARGIN - left;
  const max = Math.max(100, ...snapshot.areas.map((a) => a.maxPoints));
  const y = (v: number) => top + height - (v / max) * height;
  doc.font(BODY).fontSize(8).fillColor(MUTED);
  for (let tick = 0; tick <= max; tick += 25) {
    doc.moveTo(left, y(tick)).lineTo(left + width, y(tick)).lineWidth(0.5).stroke(LINE);
    doc.fillColor(MUTED).text(String(tick), MARGIN, y(tick) - 4, { width: 25, align: "right", lineBreak: false });
  }
  const group = width / snapshot.areas.length;
  const series = readinessSeries(snapshot.areas, snapshot.previousEvaluation);
  const bar = (group * 0.7) / series.length;
  snapshot.areas.forEach((a, i) => {
    const x0 = left + i * group + group * 0.15;
    series.forEach((s, j) => {
      const value = s.values[i];
      if (value === null || value === undefined) return;
      const v = Math.min(max, value);
      doc.rect(x0 + j * bar, y(v), bar - 1, top + height - y(v)).fill(s.color);
    });
    doc.fillColor(INK).fontSize(8).text(`Omr. ${a.number}`, left + i * group, top + height + 4, { width: group, align: "center", lineBreak: false });
  });
  legend(doc, series, top + height + 18);
  doc.x = MARGIN;
  doc.y = top + height + 36;
}

/** Done actions per month (solid) against the plan (dashed steps) up to the evaluation. */
function progressChart(doc: Doc, progress: ProgressSeries) {
  const last = progress.points.filter((p) => p.done !== null).at(-1);
  const end = progress.points.at(-1);
  const alt = [
    t.readiness.progressDescription,
    last ? `${formatMonth(last.month)}: ${t.readiness.progressDone.toLowerCase()} ${last.done}, ${t.readiness.progressPlanned.toLowerCase()} ${last.planned}.` : "",
    end ? `${formatMonth(end.month)}: ${t.readiness.progressPlanned.toLowerCase()} ${end.planned}.` : "",
  ].join(" ");
  figure(doc, alt, () => drawProgressChart(doc, progress));
}

function drawProgressChart(doc: Doc, progress: ProgressSeries) {
  const height = 150;
  const top = doc.y + 8;
  const left = MARGIN + 30;
  const width = doc.page.width - MARGIN - left - 10;
  const max = Math.max(4, progress.total);
  const n = progress.points.length;
  const x = (i: number) => left + (n === 1 ? width / 2 : (i / (n - 1)) * width);
  const y = (v: number) => top + height - (v / max) * height;
  const step = Math.max(1, Math.ceil(max / 5));
  doc.font(BODY).fontSize(8);
  for (let tick = 0; tick <= max; tick += step) {
    doc.moveTo(left, y(tick)).lineTo(left + width, y(tick)).lineWidth(0.5).stroke(LINE);
    doc.fillColor(MUTED).text(String(tick), MARGIN, y(tick) - 4, { width: 25, align: "right", lineBreak: false });
  }
  doc.save().lineWidth(2).dash(5, { space: 3 }).strokeColor(CHART_COLORS.planned);
  progress.points.forEach((p, i) => {
    if (i === 0) doc.moveTo(x(i), y(p.planned));
    else doc.lineTo(x(i), y(progress.points[i - 1]!.planned)).lineTo(x(i), y(p.planned));
  });
  doc.stroke().restore();
  const done = progress.points.map((p, i) => ({ i, v: p.done })).filter((p): p is { i: number; v: number } => p.v !== null);
  if (done.length > 0) {
    doc.save().lineWidth(2.5).strokeColor(CHART_COLORS.done);
    done.forEach((p, k) => (k === 0 ? doc.moveTo(x(p.i), y(p.v)) : doc.lineTo(x(p.i), y(p.v))));
    doc.stroke();
    for (const p of done) doc.circle(x(p.i), y(p.v), 2.5).fill(CHART_COLORS.done);
    doc.restore();
  }
  const every = Math.max(1, Math.ceil(n / 8));
  doc.fillColor(INK).fontSize(7);
  progress.points.forEach((p, i) => {
    if (i % every === 0) doc.text(formatMonth(p.month), x(i) - 30, top + height + 4, { width: 60, align: "center", lineBreak: false });
  });
  legend(
    doc,
    [
      { label: t.readiness.progressPlanned, color: CHART_COLORS.planned, dashed: true },
      { label: t.readiness.progressDone, color: CHART_COLORS.done },
    ],
    top + height + 18,
  );
  doc.x = MARGIN;
  doc.y = top + height + 36;
}

function changesSection(doc: Doc, changes: ReportChanges | null) {
  const r = t.report;
  doc.font(BODY).fontSize(10);
  if (changes === null) {
    doc.text(r.firstReport, tagged(doc));
    return;
  }
  doc.text(r.changesSince(formatDate(changes.previousAsOf)), tagged(doc)).moveDown(0.3);
  if (!changes.sameEvaluation) doc.text(r.otherEvaluation, tagged(doc)).moveDown(0.3);
  if (!hasChanges(changes)) {
    doc.text(r.noChanges, tagged(doc));
    return;
  }
  if (changes.sameEvaluation) {
    const change = changeTable(changes);
    table(doc, change.head, change.rows, [[240, "l"], ["*", "r"], ["*", "r"], ["*", "r"]], change.totalRow);
  }
  for (const { title, items } of changeLists(changes)) {
    if (items.length === 0) continue;
    ensureRoom(doc, 40);
    doc.moveDown(0.4).font(BOLD).fontSize(11).text(`${title} (${items.length})`, MARGIN, undefined, tagged(doc, "H3"));
    const list = doc.struct("L");
    rootOf(doc).add(list);
    doc.font(BODY).fontSize(10).list(items, { bulletRadius: 1.5, structParent: list });
    list.end();
  }
}
