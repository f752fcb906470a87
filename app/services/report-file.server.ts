import { createRequire } from "node:module";
import path from "node:path";
import mammoth from "mammoth";

/**
 * Turns an uploaded report (PDF, Word .docx or plain text) into text for the report reader.
 * The type is decided by the file's content, not its name. Tables become tab-separated rows,
 * as the reader expects.
 */

export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

export type ExtractFailure = "too-large" | "unsupported" | "unreadable";
export type ExtractResult = { ok: true; text: string; kind: "pdf" | "docx" | "text" } | { ok: false; reason: ExtractFailure };

const startsWith = (bytes: Uint8Array, signature: string) =>
  bytes.length >= signature.length && [...signature].every((c, i) => bytes[i] === c.charCodeAt(0));

export async function extractReportText(bytes: Uint8Array): Promise<ExtractResult> {
  if (bytes.byteLength > MAX_REPORT_BYTES) return { ok: false, reason: "too-large" };
  try {
    if (startsWith(bytes, "%PDF-")) return { ok: true, kind: "pdf", text: await pdfToText(bytes) };
    if (startsWith(bytes, "PK\u0003\u0004")) return { ok: true, kind: "docx", text: await docxToText(bytes) };
    const text = decodeText(bytes);
    return text === null ? { ok: false, reason: "unsupported" } : { ok: true, kind: "text", text };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
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

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

const inner = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, "")).replace(/\n+/g, " ");

async function docxToText(bytes: Uint8Array): Promise<string> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false });
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

/** pdf.js reads the 14 standard PDF fonts' metrics from files it ships. */
export function standardFontDataUrl(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;
}

interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    standardFontDataUrl: standardFontDataUrl(),
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const item of content.items) {
        // Whitespace items are pdf.js's own guesses at gaps; the positions tell us better.
        if (!("str" in item) || item.str.trim() === "") continue;
        items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height || 10 });
      }
      pages.push(itemsToLines(items));
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
