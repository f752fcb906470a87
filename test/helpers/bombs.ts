import { constants, crc32, createDeflateRaw, deflateRawSync, deflateSync } from "node:zlib";

/**
 * Small files that unpack to something huge, as an attacker would upload them: a Word file
 * whose document.xml inflates to hundreds of megabytes (a zip bomb) and a PDF with one huge
 * compressed stream. They are generated without ever holding the inflated content in memory.
 */

const MB = 1024 * 1024;

/** Deflates `head`, `size` bytes of `fill`, then `tail`, streaming, with the CRC-32 of it all. */
async function deflateHuge(head: string, fill: string, size: number, tail: string, raw: boolean) {
  const deflate = raw ? createDeflateRaw({ level: 9 }) : (await import("node:zlib")).createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  const block = Buffer.alloc(MB, fill);
  let crc = 0;
  const write = (b: Buffer) => {
    crc = crc32(b, crc);
    return deflate.write(b) ? Promise.resolve() : new Promise((r) => deflate.once("drain", r));
  };
  await write(Buffer.from(head));
  for (let left = size; left > 0; left -= MB) await write(left >= MB ? block : block.subarray(0, left));
  await write(Buffer.from(tail));
  deflate.end();
  await done;
  return { data: Buffer.concat(chunks), crc, size: Buffer.byteLength(head) + size + Buffer.byteLength(tail) };
}

type ZipEntry = { name: string; data: Buffer; crc: number; size: number; declaredSize?: number; method: 0 | 8 };

/** A plain zip archive (no data descriptors); `declaredSize` lets an entry lie about its size. */
export function zip(entries: ZipEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const declared = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, e.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + e.data.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

const stored = (name: string, text: string): ZipEntry => {
  const data = Buffer.from(text);
  return { name, data, crc: crc32(data), size: data.length, method: 0 };
};

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const docxFrame = (documentXml: ZipEntry) => [
  stored(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  ),
  stored(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  ),
  documentXml,
];

/**
 * A valid Word file whose document.xml holds one paragraph of `megabytes` MB of text. With
 * `lie`, the archive declares the document a few kilobytes large.
 */
export async function docxBomb(megabytes: number, options: { lie?: boolean } = {}): Promise<Uint8Array> {
  const head = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>`;
  const deflated = await deflateHuge(head, "A", megabytes * MB, "</w:t></w:r></w:p></w:body></w:document>", true);
  return zip(
    docxFrame({
      name: "word/document.xml",
      data: deflated.data,
      crc: deflated.crc,
      size: deflated.size,
      declaredSize: options.lie ? 4096 : undefined,
      method: 8,
    }),
  );
}

/** A small, honest Word file with the given paragraphs (deflated like Word does). */
export function docxOf(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join("");
  const xml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  return zip(docxFrame({ name: "word/document.xml", data: deflateRawSync(xml), crc: crc32(xml), size: xml.length, method: 8 }));
}

/** Assembles a PDF from object bodies (1-based), with a correct cross-reference table. */
function pdf(objects: Buffer[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    parts.push(obj);
    offset += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

const font = Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

function stream(content: Buffer, deflated: boolean): Buffer {
  const data = deflated ? deflateSync(content, { level: constants.Z_BEST_COMPRESSION }) : content;
  return Buffer.concat([Buffer.from(`<< /Length ${data.length}${deflated ? " /Filter /FlateDecode" : ""} >>\nstream\n`), data, Buffer.from("\nendstream")]);
}

/** A PDF with one page per entry of `pages`, each showing its lines of text. */
export function pdfOf(pages: string[][]): Uint8Array {
  const n = pages.length;
  // 1 catalog, 2 pages, 3 font, then page i at 4 + 2i and its content at 5 + 2i.
  const kids = pages.map((_, i) => `${4 + 2 * i} 0 R`).join(" ");
  const objects: Buffer[] = [Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"), Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${n} >>`), font];
  pages.forEach((lines, i) => {
    objects.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`));
    const ops = lines.map((line, j) => `BT /F1 10 Tf 40 ${800 - 12 * j} Td (${line.replace(/[()\\]/g, "\\$&")}) Tj ET`).join("\n");
    objects.push(stream(Buffer.from(ops, "latin1"), true));
  });
  return pdf(objects);
}

/** A one-page PDF whose content stream inflates to `megabytes` MB (spaces, then a line of text). */
export async function pdfBomb(megabytes: number): Promise<Uint8Array> {
  const deflated = await deflateHuge("", " ", megabytes * MB, "BT /F1 10 Tf 40 800 Td (Kommunkompassen) Tj ET\n", false);
  return pdf([
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [4 0 R] /Count 1 >>"),
    font,
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"),
    Buffer.concat([Buffer.from(`<< /Length ${deflated.data.length} /Filter /FlateDecode >>\nstream\n`), deflated.data, Buffer.from("\nendstream")]),
  ]);
}
