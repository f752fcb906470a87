import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { create, type Font, type GlyphRun } from "fontkit";

/**
 * Noto Sans for the server's PDFs, read and parsed once per process instead of per document.
 *
 * pdfkit re-reads a font named by its path in every new document and parses it again; its first
 * line of text then decodes Noto Sans's large GSUB and GPOS tables (hundreds of milliseconds on
 * a busy machine), and every distinct word is shaped again in each document. One parsed fontkit
 * font per process keeps those decoded tables, and the font's `layout` remembers the shaped runs
 * of the most recent words (a bounded cache), so a report's repeated words, dates and numbers are
 * shaped once per process. pdfkit still embeds a subset per document (only the glyphs it uses).
 */

const require = createRequire(import.meta.url);

/** Names the documents know the fonts by (`doc.font(PDF_FONTS.body)`), never a file path. */
export const PDF_FONTS = {
  body: "kompassplan-noto-sans-regular",
  bold: "kompassplan-noto-sans-bold",
} as const;

const FILES: Record<keyof typeof PDF_FONTS, string> = {
  body: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
};

/** Shaped runs kept per font; a report uses a few thousand distinct words. */
const RUNS_KEPT = 10_000;

/**
 * A copy pdfkit may change: it scales a run's positions in place (and keeps the scaled run in
 * its own per-document cache), so each caller gets fresh position objects over the shared glyphs.
 */
function copyRun(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
  copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as typeof p, p));
  copy.glyphs = [...run.glyphs];
  return copy;
}

/** Makes `font.layout(text)` (no features, script, language or direction given) remember its runs. */
export function rememberLayouts(font: Font, kept = RUNS_KEPT): Font {
  const layout = font.layout.bind(font);
  const runs = new Map<string, GlyphRun>();
  font.layout = ((text: string, ...rest: unknown[]) => {
    if (rest.some((arg) => arg !== undefined)) return (layout as (...args: unknown[]) => GlyphRun)(text, ...rest);
    let run = runs.get(text);
    if (run) {
      // Most recently used last, so the oldest is the one dropped.
      runs.delete(text);
    } else {
      run = layout(text);
    }
    runs.set(text, run);
    if (runs.size > kept) runs.delete(runs.keys().next().value!);
    return copyRun(run);
  }) as Font["layout"];
  return font;
}

let fonts: Record<keyof typeof PDF_FONTS, Font> | null = null;

function loadFonts(): Record<keyof typeof PDF_FONTS, Font> {
  fonts ??= {
    body: rememberLayouts(create(readFileSync(require.resolve(FILES.body))) as Font),
    bold: rememberLayouts(create(readFileSync(require.resolve(FILES.bold))) as Font),
  };
  return fonts;
}

/**
 * Gives a new document the process's fonts under PDF_FONTS' names. Afterwards `doc.font(name)`
 * finds them in the document's own cache (pdfkit's tables restore a cell's font by that name).
 * Leaves the body font selected.
 */
export function giveSharedFonts(doc: PDFKit.PDFDocument): void {
  const loaded = loadFonts();
  // pdfkit accepts a fontkit font as a source (anything with `layout`); @types/pdfkit does not say so.
  const open = doc.font.bind(doc) as (src: unknown, family: string) => PDFKit.PDFDocument;
  open(loaded.bold, PDF_FONTS.bold);
  open(loaded.body, PDF_FONTS.body);
}
