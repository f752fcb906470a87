import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import { hasChanges, type ReportChanges, type ReportSnapshot } from "~/domain/follow-up-report.ts";
import { t } from "~/i18n/sv.ts";
import { formatDate } from "~/utils/format.ts";
import { changeLists, summaryParagraphs } from "~/utils/report-text.ts";
import {
  areaTable,
  changeTable,
  coverParagraphs,
  lateTable,
  progressTable,
  projectionTable,
  statusTable,
  type TextTable,
} from "~/utils/report-tables.ts";

/**
 * The follow-up report as a Word document (.docx) for the council's formal memo
 * (tjänsteskrivelse): the PDF's sections in the same order, with real Heading 1/2/3 styles,
 * real tables whose heading row repeats on every page, the document language Swedish and the
 * title and author in the file's properties. The two charts are given as tables of the same
 * numbers, with a sentence saying so (ADR 0042).
 */

const LANGUAGE = "sv-SE";
const FONT = "Calibri";

export interface DocxMeta {
  title: string;
  byline: string;
  coverText: string;
}

export async function reportToDocx(snapshot: ReportSnapshot, changes: ReportChanges | null, meta: DocxMeta): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new Document({
    title: meta.title,
    subject: t.report.reportTitle,
    creator: snapshot.municipality,
    lastModifiedBy: t.app.name,
    description: meta.byline,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: { value: LANGUAGE } } },
      },
    },
    sections: [
      {
        footers: { default: pageFooter(snapshot) },
        children: reportBody(snapshot, changes, meta),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Everything in the document, top to bottom. */
function reportBody(snapshot: ReportSnapshot, changes: ReportChanges | null, meta: DocxMeta): Array<Paragraph | Table> {
  const r = t.report;
  const cover = coverParagraphs(meta.coverText);
  return [
    heading(meta.title, HeadingLevel.HEADING_1),
    paragraph(meta.byline),
    ...(cover.length > 0 ? [heading(t.councilReport.coverTitle, HeadingLevel.HEADING_2), ...cover.map((p) => paragraph(p))] : []),

    heading(r.summaryTitle, HeadingLevel.HEADING_2),
    ...summaryParagraphs(snapshot).map((p) => paragraph(p)),

    heading(r.areasTitle, HeadingLevel.HEADING_2),
    table(areaTable(snapshot)),

    heading(r.lateTitle, HeadingLevel.HEADING_2),
    ...tableOrText(lateTable(snapshot), r.noLate),

    heading(t.councilReport.statusesTitle, HeadingLevel.HEADING_2),
    ...tableOrText(statusTable(snapshot), t.councilReport.noStatuses),

    heading(r.projectionTitle, HeadingLevel.HEADING_2),
    paragraph(t.councilReport.wordChartsNote),
    paragraph(t.readiness.chartTitle, { bold: true }),
    table(projectionTable(snapshot)),
    heading(t.readiness.progressTitle, HeadingLevel.HEADING_3),
    paragraph(t.readiness.progressSummary(snapshot.counts.byStatus.DONE, snapshot.progress.total)),
    ...(snapshot.progress.points.length > 0 ? [table(progressTable(snapshot.progress))] : []),
    ...(snapshot.progress.dueAfterEvaluation > 0 ? [paragraph(t.readiness.progressDueAfter(snapshot.progress.dueAfterEvaluation))] : []),

    heading(r.changesTitle, HeadingLevel.HEADING_2),
    ...changesSection(changes),
  ];
}

function changesSection(changes: ReportChanges | null): Array<Paragraph | Table> {
  const r = t.report;
  if (changes === null) return [paragraph(r.firstReport)];
  const out: Array<Paragraph | Table> = [paragraph(r.changesSince(formatDate(changes.previousAsOf)))];
  if (!changes.sameEvaluation) out.push(paragraph(r.otherEvaluation));
  if (!hasChanges(changes)) return [...out, paragraph(r.noChanges)];
  if (changes.sameEvaluation) out.push(table(changeTable(changes)));
  for (const { title, items } of changeLists(changes)) {
    if (items.length === 0) continue;
    out.push(heading(`${title} (${items.length})`, HeadingLevel.HEADING_3));
    for (const item of items) out.push(new Paragraph({ children: [new TextRun(item)], bullet: { level: 0 } }));
  }
  return out;
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, children: [new TextRun(text)], keepNext: true });
}

function paragraph(text: string, options: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: options.bold === true })], spacing: { after: 120 } });
}

function tableOrText(rows: TextTable, empty: string): Array<Paragraph | Table> {
  return rows.rows.length === 0 ? [paragraph(empty)] : [table(rows)];
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: "D5DBE1" };

/** A full-width table whose first row is a heading row repeated on each page. */
function table({ head, numeric, rows, totalRow }: TextTable): Table {
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold, size: 18 })],
        }),
      ],
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, i, true)) }),
      ...rows.map((row, k) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, totalRow && k === rows.length - 1)) })),
    ],
  });
}

function pageFooter(snapshot: ReportSnapshot): Footer {
  const children: ParagraphChild[] = [new TextRun(`${t.app.name} · ${snapshot.municipality} · `), new TextRun({ children: [PageNumber.CURRENT] })];
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children })] });
}
