import { headerOrder } from "./score-table.ts";
import { cleanItem, parseNumber } from "./text.ts";

/**
 * Finds each area's section in the running text ("Område N Name") and reads from it the
 * strengths, the improvement items, the good examples and any stated total.
 */

export interface AreaSection {
  number: number;
  heading: string;
  start: number;
  end: number;
}

const AREA_HEADING = /^\s*Område\s*([1-8])(?![\d.])\s*[:.–-]?\s*(.*)$/i;
const TOC_ENTRY = /(\t|\.{3,}|\s{2,})\s*\d{1,3}\s*$/;
const STRENGTHS = /^(?:styrkor|starka\s+sidor)\b:?/i;
const IMPROVEMENTS = /^(?:förbättringsområden|förbättringsmöjligheter|förbättringsförslag|utvecklingsområden)\b:?/i;
const BULLET = /^\s*(?:[-*–•▪◦·]|\d+[.)])\s+/;

/** Area sections in reading order; the table of contents is skipped. */
export function findSections(lines: readonly string[], stopAt: number): AreaSection[] {
  const headings: Array<{ number: number; heading: string; line: number }> = [];
  const limit = stopAt >= 0 ? stopAt : lines.length;
  for (let i = 0; i < limit; i++) {
    const m = AREA_HEADING.exec(lines[i]!);
    if (!m || TOC_ENTRY.test(lines[i]!)) continue;
    headings.push({ number: Number(m[1]), heading: m[2]!.trim(), line: i });
  }
  // Keep the last run of headings (the body), should a summary mention them first.
  const byNumber = new Map<number, { number: number; heading: string; line: number }>();
  for (const h of headings) byNumber.set(h.number, h);
  const chosen = [...byNumber.values()].sort((a, b) => a.line - b.line);
  return chosen.map((h, i) => ({
    number: h.number,
    heading: h.heading,
    start: h.line,
    end: chosen[i + 1]?.line ?? limit,
  }));
}

export interface SectionLists {
  strengths: string[];
  improvements: string[];
  unsplit: boolean;
  found: boolean;
}

function itemsFromText(text: string): string[] {
  if (text.includes("•")) return text.split("•").map(cleanItem).filter(Boolean);
  const item = cleanItem(text);
  return item ? [item] : [];
}

/** "4. Översikt av poängfördelning", "3 Detaljerad genomgång", "2.1 Bakgrund": a numbered heading. */
/** The number of a numbered list item ("2. ", "3) "). */
const NUMBER_MARK = /^\s*\d{1,2}[.)]\s+/;
const NUMBERED = /^(\d{1,2})(?:\.\d{1,2})*[.)]?\s+[A-ZÅÄÖ]/;
/** A score-table row as text from a PDF: code, text, then two numbers (and a percent). */
const SCORE_ROW = /^[1-9]\.\d{1,2}\s+.+\s\d{1,3}(?:[.,]\d{1,2})?\s+\d{1,3}(?:[.,]\d{1,2})?(?:\s+\d{1,3}(?:[.,]\d+)?\s*%)?$/;

/**
 * True when a line that starts with a number is not the next item of the list: a numbered
 * heading or a score-table row. A numbered list counts 1, 2, 3…; any other number ends it.
 */
function endsList(trimmed: string, numbering: { last: number }, hasItems: boolean): boolean {
  if (SCORE_ROW.test(trimmed) || headerOrder(trimmed)) return true;
  const item = /^(\d{1,2})[.)]\s/.exec(trimmed);
  // "1." after items that were not numbered starts something else (a table, a chapter).
  if (item && Number(item[1]) === numbering.last + 1 && !(numbering.last === 0 && hasItems)) {
    numbering.last += 1;
    return false;
  }
  return NUMBERED.test(trimmed);
}

/**
 * Reads the bulleted (or plain) list that starts at `from`, until a blank line, a heading or
 * a score-table row. `started` says an item was already taken from the heading's own line.
 */
function readList(lines: readonly string[], from: number, end: number, started = false, firstNumber = 0): string[] {
  const items: string[] = [];
  let sawItem = started;
  let bulleted = started;
  const numbering = { last: firstNumber };
  for (let i = from; i < end; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === "") {
      if (sawItem && !BULLET.test(lines[i + 1] ?? "") && !(lines[i + 1] ?? "").includes("•")) break;
      continue;
    }
    if (STRENGTHS.test(trimmed) || IMPROVEMENTS.test(trimmed) || AREA_HEADING.test(line)) break;
    if (endsList(trimmed, numbering, sawItem && numbering.last === 0)) break;
    // A table row or a paragraph is not a list item.
    if (!BULLET.test(line) && !trimmed.includes("•") && (line.includes("\t") || trimmed.length > 400)) break;
    if (trimmed.includes("•")) {
      items.push(...itemsFromText(trimmed));
      sawItem = bulleted = true;
    } else if (BULLET.test(line)) {
      items.push(cleanItem(line.replace(NUMBER_MARK, "")));
      sawItem = bulleted = true;
    } else if (bulleted) {
      // In a bulleted list a lower-case line continues the item above (a wrapped line);
      // anything else ends the list (a page break may have eaten the blank line).
      if (!/^[a-zåäö(]/.test(trimmed) || items.length === 0) break;
      items[items.length - 1] = cleanItem(`${items[items.length - 1]} ${trimmed}`);
    } else {
      // A plain list without bullets: one item per line.
      items.push(cleanItem(trimmed));
      sawItem = true;
    }
  }
  return items.filter(Boolean);
}

/** 1 when the item glued to a heading is numbered "1.", else 0. */
const firstNumberOf = (glued: string) => (/^1[.)]\s/.test(glued) ? 1 : 0);

export function readLists(lines: readonly string[], section: AreaSection): SectionLists {
  const result: SectionLists = { strengths: [], improvements: [], unsplit: false, found: false };
  for (let i = section.start; i < section.end; i++) {
    const trimmed = lines[i]!.trim();
    const strengths = STRENGTHS.exec(trimmed);
    if (strengths) {
      const rest = trimmed.slice(strengths[0].length);
      const cells = rest.split(/\t+|\s{3,}/).map((c) => c.trim());
      if (cells.some((c) => IMPROVEMENTS.test(c))) {
        // Two columns: "Styrkor<TAB>Förbättringsmöjligheter", then rows of two cells.
        result.found = true;
        for (let j = i + 1; j < section.end; j++) {
          const row = lines[j]!;
          if (row.trim() === "") {
            if (result.strengths.length || result.improvements.length) break;
            continue;
          }
          if (AREA_HEADING.test(row)) break;
          const parts = row.split("\t").filter((p) => p.trim() !== "");
          if (parts.length >= 2) {
            result.strengths.push(...itemsFromText(parts[0]!));
            result.improvements.push(...itemsFromText(parts.slice(1).join(" ")));
          } else {
            result.unsplit = true;
            result.improvements.push(...itemsFromText(parts[0] ?? ""));
          }
        }
        continue;
      }
      result.found = true;
      const glued = rest.replace(/^[:\s]+/, "");
      if (glued) result.strengths.push(...itemsFromText(glued.replace(NUMBER_MARK, "")));
      result.strengths.push(...readList(lines, i + 1, section.end, glued !== "", firstNumberOf(glued)));
      continue;
    }
    const improvements = IMPROVEMENTS.exec(trimmed);
    if (improvements) {
      result.found = true;
      const glued = trimmed.slice(improvements[0].length).replace(/^[:\s]+/, "");
      if (glued) result.improvements.push(...itemsFromText(glued.replace(NUMBER_MARK, "")));
      result.improvements.push(...readList(lines, i + 1, section.end, glued !== "", firstNumberOf(glued)));
    }
  }
  return result;
}

const EXAMPLE_SENTENCE = /[^.!?]*\b(?:exempelvis|till exempel|t\.ex\.)\b[^.!?]*[.!?]/gi;
const WORTH_STUDYING = /intressant|studera|goda erfarenheter|förebild|gott exempel|goda exempel|inspiration/i;
const PLACE = /^[A-ZÅÄÖ][\wåäöéü-]*(?:\s+[A-ZÅÄÖ][\wåäöéü-]*)*(?:\s+(?:stad|kommun))?$/;

/** Municipalities the section names as worth studying ("Här kan exempelvis X och Y vara intressanta att studera"). */
export function readGoodExamples(lines: readonly string[], section: AreaSection): string[] {
  const text = lines.slice(section.start + 1, section.end).join(" ");
  const found: string[] = [];
  for (const [sentence] of text.matchAll(EXAMPLE_SENTENCE)) {
    if (!WORTH_STUDYING.test(sentence)) continue;
    const after = sentence.split(/\b(?:exempelvis|till exempel|t\.ex\.)\b/i)[1] ?? "";
    const names = after.split(/\s+(?:vara|är|har|som|kan|skulle)\s+/)[0] ?? "";
    for (const part of names.split(/,\s*|\s+och\s+|\s+samt\s+/)) {
      const name = part.trim();
      if (PLACE.test(name) && !found.includes(name)) found.push(name);
    }
  }
  return found;
}

const ACHIEVES = /uppnår\s+(?:kommunen|[A-ZÅÄÖ][\wåäö]+)\s+(\d{1,3}(?:[.,]\d{1,2})?)\s+poäng/i;

/** The total the section text states ("Inom området ... uppnår kommunen 57 poäng"). */
export function statedInText(lines: readonly string[], section: AreaSection): number | null {
  for (let i = section.start; i < section.end; i++) {
    const m = ACHIEVES.exec(lines[i]!);
    if (m) return parseNumber(m[1]);
  }
  return null;
}

/** The total in the 2010 layout's "Rubriker / Poäng" box at the top of a section. */
export function statedInBox(lines: readonly string[], section: AreaSection): number | null {
  for (let i = section.start + 1; i < Math.min(section.end, section.start + 8); i++) {
    if (!/^\s*Rubriker\b/i.test(lines[i]!)) continue;
    for (let j = i + 1; j < Math.min(section.end, i + 6); j++) {
      const m = /\t\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*$/.exec(lines[j]!);
      if (m) return parseNumber(m[1]);
    }
  }
  return null;
}
