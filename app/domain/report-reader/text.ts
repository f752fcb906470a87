/** Text clean-up shared by the reader's parts. Pure. */

/** Normalises line ends, spaces and invisible characters; keeps tabs (they separate cells). */
export function normalizeText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\u2007\u202F]/g, " ")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/<li[^>]*>/gi, "•")
    .replace(/<\/?(?:ul|ol|li|p|span|div|br|strong|b|em|i)\b[^>]*>/gi, "");
}

export function toLines(text: string): string[] {
  return text.split("\n").map((line) => line.replace(/[ \t]+$/, ""));
}

/** "4,5" → 4.5; null when not a number. */
export function parseNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const clean = text.trim().replace(/\s/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/** Removes list markup around an item: bullets, bold markers, stray tags; keeps its words. */
export function cleanItem(text: string): string {
  return text
    .replace(/^\s*(?:[-*–•▪◦·]\s*)+/, "")
    .replace(/\*\*|__/g, "")
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Lower-case words without punctuation, for comparing texts that are worded alike. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-zåäöéü0-9]+/g, " ")
    .split(" ")
    .filter((w) => w.length > 2);
}

/** Share of words two texts have in common (0–1). */
export function similarity(a: string, b: string): number {
  const wa = new Set(words(a));
  const wb = new Set(words(b));
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / Math.max(wa.size, wb.size);
}

export const MONTHS = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
];
