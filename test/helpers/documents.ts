import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from "docx";
import PDFDocument from "pdfkit";

/**
 * Makes real PDF and Word files from report text, as a municipality would receive them: table
 * rows (tab-separated lines) become cells placed apart (PDF) or Word tables (.docx).
 */

const PAGE_HEIGHT = 842;
const LINE = 12;

export function textToPdf(text: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [4000, PAGE_HEIGHT], margin: 20, compress: true });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.font("Helvetica").fontSize(10);
    let y = 20;
    for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
      if (y > PAGE_HEIGHT - 40) {
        doc.addPage();
        y = 20;
      }
      let x = 20;
      for (const cell of line.split("\t")) {
        if (cell.trim() !== "") doc.text(cell, x, y, { lineBreak: false });
        x += (cell.trim() === "" ? 0 : doc.widthOfString(cell)) + 40;
      }
      y += LINE;
    }
    doc.end();
  });
}

export async function textToDocx(text: string): Promise<Uint8Array> {
  const children = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) =>
      line.includes("\t")
        ? new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                children: line.split("\t").map((cell) => new TableCell({ children: [new Paragraph(cell)] })),
              }),
            ],
          })
        : new Paragraph(line),
    );
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
