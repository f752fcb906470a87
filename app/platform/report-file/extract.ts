import { createRequire } from "node:module";
import path from "node:path";
import { constants, inflateRawSync, inflateSync } from "node:zlib";
import { Unzip, UnzipPassThrough, unzipSync, zipSync, type UnzipDecoder, type AsyncFlateStreamHandler } from "fflate";

/**
 * Turns a report (PDF, Word .docx or plain text) into text for the report reader, within the
 * reading budget (docs/decisions/0008-input-limits.md). This module runs inside the reader's
 * worker thread (see ../report-file.server.ts), which also bounds its time and memory; here
 * are the limits only the content can tell: unpacked size, pages and text length.
 * The type is decided by the file's content, not its name. Tables become tab-separated rows,
 * as the reader expects. Imports are relative: the worker loads this file without the app's
 * path aliases.
 */

export type ExtractFailure =
  | "too-large"
  | "too-large-unpacked"
  | "too-many-pages"
  | "too-much-text"
  | "timeout"
  | "busy"
  | "unsupported"
  | "unreadable";
export type ExtractResult = { ok: true; text: string; kind: "pdf" | "docx" | "text" } | { ok: false; reason: ExtractFailure };

/** The part of the budget enforced while reading the content. */
export interface ContentLimits {
  maxUnpackedBytes: number;
  maxZipEntries: number;
  maxPages: number;
  maxTextChars: number;
}

/** Thrown to end a reading with a given failure. */
class Refused extends Error {
  constructor(readonly reason: ExtractFailure) {
    super(reason);
  }
}

const startsWith = (bytes: Uint8Array, signature: string) =>
  bytes.length >= signature.length && [...signature].every((c, i) => bytes[i] === c.charCodeAt(0));

export async function extractWithin(bytes: Uint8Array, limits: ContentLimits, libraries: Libraries): Promise<ExtractResult> {
  try {
    const result = await extract(bytes, limits, libraries);
    if (result.ok && result.text.length > limits.maxTextChars) return { ok: false, reason: "too-much-text" };
    return result;
  } catch (error) {
    return { ok: false, reason: error instanceof Refused ? error.reason : "unreadable" };
  }
}

/**
 * The PDF and Word libraries. The reading process loads them itself, by Node's own loader:
 * through tsx's they would be transformed again, at twice the memory and several times the time.
 */
export interface Libraries {
  pdfjs: typeof import("pdfjs-dist/legacy/build/pdf.mjs");
  mammoth: typeof import("mammoth");
}

async function extract(bytes: Uint8Array, limits: ContentLimits, libraries: Libraries): Promise<ExtractResult> {
  if (startsWith(bytes, "%PDF-")) return { ok: true, kind: "pdf", text: await pdfToText(bytes, limits, libraries.pdfjs) };
  if (startsWith(bytes, "PK\u0003\u0004")) return { ok: true, kind: "docx", text: await docxToText(bytes, limits, libraries.mammoth) };
  const text = decodeText(bytes);
  return text === null ? { ok: false, reason: "unsupported" } : { ok: true, kind: "text", text };
}

/** UTF-8 (with or without BOM), else Windows-1252 as older Swedish documents use; null for binary. */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

const tooLarge = (error: unknown) => error instanceof RangeError && (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";

// --- Word ------------------------------------------------------------------------------------

/**
 * Unpacks a .docx (or an .xlsx, for the plan import) within the budget and packs it again,
 * uncompressed, for mammoth (or ExcelJS): the library then sees only content whose size was checked. First the archive's own table of contents (the
 * central directory): entries and their declared sizes, nothing inflated. Then each entry is
 * inflated by zlib with a ceiling just above what is left of the budget, so a lying archive is
 * stopped as soon as its actual content passes its declared size or the budget.
 */
export function unpackZipWithin(bytes: Uint8Array, limits: Pick<ContentLimits, "maxUnpackedBytes" | "maxZipEntries">): Uint8Array {
  const declared = new Map<string, number>();
  let declaredTotal = 0;
  unzipSync(bytes, {
    filter: (file) => {
      declared.set(file.name, file.originalSize);
      declaredTotal += file.originalSize;
      return false;
    },
  });
  if (declared.size > limits.maxZipEntries || declaredTotal > limits.maxUnpackedBytes) throw new Refused("too-large-unpacked");

  let actualTotal = 0;
  const files: Record<string, Uint8Array> = {};
  const take = (name: string, content: Uint8Array) => {
    actualTotal += content.length;
    const expected = declared.get(name);
    if (actualTotal > limits.maxUnpackedBytes || (expected !== undefined && content.length > expected)) throw new Refused("too-large-unpacked");
    files[name] = content;
  };
  const left = () => limits.maxUnpackedBytes - actualTotal;

  class BoundedInflate implements UnzipDecoder {
    static compression = 8;
    ondata: AsyncFlateStreamHandler = () => {};
    private chunks: Uint8Array[] = [];
    constructor(readonly name: string) {}
    push(data: Uint8Array, final: boolean) {
      this.chunks.push(data);
      if (!final) return;
      let content: Buffer;
      try {
        content = inflateRawSync(Buffer.concat(this.chunks), { maxOutputLength: Math.max(1, left() + 1) });
      } catch (error) {
        throw tooLarge(error) ? new Refused("too-large-unpacked") : error;
      }
      this.chunks = [];
      this.ondata(null, content as Uint8Array<ArrayBuffer>, true);
    }
  }

  const unzip = new Unzip((file) => {
    if (file.name.endsWith("/")) return;
    const parts: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      parts.push(chunk);
      if (final) take(file.name, parts.length === 1 ? parts[0]! : new Uint8Array(Buffer.concat(parts)));
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  unzip.register(BoundedInflate);
  unzip.push(bytes, true);
  return zipSync(files, { level: 0 });
}

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

const inner = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, "")).replace(/\n+/g, " ");

async function docxToText(bytes: Uint8Array, limits: ContentLimits, mammoth: Libraries["mammoth"]): Promise<string> {
  const checked = unpackZipWithin(bytes, limits);
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) },
    // Pictures are not read at all: the reader needs only the text.
    { ignoreEmptyParagraphs: false, convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
  );
  // Mammoth's HTML is flat and regular: paragraphs, headings, lists and tables.
  return html
    .replace(/<table>[\s\S]*?<\/table>/g, (table) =>
      [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
        .map(([, row]) => [...row!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map(([, cell]) => inner(cell!).trim()).join("\t"))
        .join("\n") + "\n",
    )
    .replace(/<li>([\s\S]*?)<\/li>/g, (_m, item: string) => `• ${inner(item)}\n`)
    .replace(/<\/(?:p|h[1-6])>/g, "\n")
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<p><\/p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .split("\n")
    .map(decodeEntities)
    .join("\n");
}

// --- PDF -------------------------------------------------------------------------------------

/** pdf.js reads the 14 standard PDF fonts' metrics from files it ships. */
export function standardFontDataUrl(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;
}

/**
 * pdf.js inflates streams in JavaScript without any ceiling, so before it opens the file every
 * Flate-compressed stream is inflated here by zlib with a ceiling of what is left of the budget
 * (the output is thrown away). Streams are found by their keywords, which is enough for a
 * ceiling: a stream missed here is still bounded by the worker's memory and time limits.
 */
function checkPdfStreams(pdf: Buffer, limits: ContentLimits) {
  let total = 0;
  let at = 0;
  for (;;) {
    const keyword = pdf.indexOf("stream", at, "latin1");
    if (keyword === -1) return;
    at = keyword + 6;
    if (pdf.toString("latin1", keyword - 3, keyword) === "end") continue;
    let start = at;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf("endstream", start, "latin1");
    if (end === -1) return;
    at = end + 9;
    // The stream's dictionary: from the last "obj" before the keyword.
    const before = pdf.toString("latin1", Math.max(0, keyword - 2048), keyword);
    const dictionary = before.slice(before.lastIndexOf("obj") + 1);
    const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)?.[1] ?? "";
    const filters = filter.match(/\/[A-Za-z0-9]+/g) ?? [];
    let data: Buffer = pdf.subarray(start, end);
    let size = data.length;
    // Inflate as long as the filters (a chain is allowed) are Flate.
    for (const name of filters) {
      if (name !== "/FlateDecode" && name !== "/Fl") break;
      try {
        data = inflateSync(data, { maxOutputLength: Math.max(1, limits.maxUnpackedBytes - total + 1), finishFlush: constants.Z_SYNC_FLUSH });
      } catch (error) {
        if (tooLarge(error)) throw new Refused("too-large-unpacked");
        break; // damaged: pdf.js decides what to make of it
      }
      size = data.length;
    }
    total += size;
    if (total > limits.maxUnpackedBytes) throw new Refused("too-large-unpacked");
  }
}

interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function pdfToText(bytes: Uint8Array, limits: ContentLimits, pdfjs: Libraries["pdfjs"]): Promise<string> {
  checkPdfStreams(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    standardFontDataUrl: standardFontDataUrl(),
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  let length = 0;
  try {
    if (doc.numPages > limits.maxPages) throw new Refused("too-many-pages");
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const item of content.items) {
        // Whitespace items are pdf.js's own guesses at gaps; the positions tell us better.
        if (!("str" in item) || item.str.trim() === "") continue;
        items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height || 10 });
      }
      page.cleanup();
      const text = itemsToLines(items);
      length += text.length + 1;
      if (length > limits.maxTextChars + 1) throw new Refused("too-much-text");
      pages.push(text);
    }
  } finally {
    await doc.destroy();
  }
  return pages.join("\n");
}

/** Rebuilds lines from positioned text: wide gaps become tabs (table cells), tall gaps blank lines. */
function itemsToLines(items: PdfItem[]): string {
  const rows = new Map<number, PdfItem[]>();
  for (const item of items) {
    const key = Math.round(item.y);
    const row = rows.get(key) ?? rows.get(key - 1) ?? rows.get(key + 1);
    if (row) row.push(item);
    else rows.set(key, [item]);
  }
  const ys = [...rows.keys()].sort((a, b) => b - a);
  const heights = items.map((i) => i.height).sort((a, b) => a - b);
  const lineHeight = (heights[Math.floor(heights.length / 2)] ?? 10) * 1.2;
  const out: string[] = [];
  let previousY: number | null = null;
  for (const y of ys) {
    if (previousY !== null && previousY - y > lineHeight * 1.6) out.push("");
    const row = rows.get(y)!.sort((a, b) => a.x - b.x);
    let line = "";
    let end: number | null = null;
    for (const item of row) {
      if (end !== null) {
        const gap = item.x - end;
        line += gap > item.height * 1.5 ? "\t" : gap > item.height * 0.15 && !line.endsWith(" ") && !item.str.startsWith(" ") ? " " : "";
      }
      line += item.str;
      end = item.x + item.width;
    }
    out.push(line);
    previousY = y;
  }
  return out.join("\n");
}
