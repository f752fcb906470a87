import { stringify } from "csv-stringify/sync";

/**
 * Every CSV the product produces goes through here. A spreadsheet program opening a CSV treats a
 * cell that starts with = + - @ (or a tab or carriage return before one) as a formula, so a
 * title like `=HYPERLINK(…)` or a name like `=cmd|' /C calc'!A0` would run as one. Such text
 * cells get a leading apostrophe (OWASP "CSV injection"), which shows the text as written.
 * Numbers are written as numbers: they are ours, not user input.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | null | undefined;

/** Semicolon-separated with a byte order mark, as Excel in Swedish opens it directly. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  const body = stringify(rows, {
    header: true,
    columns: header.map(neutraliseCell),
    delimiter: ";",
    cast: { string: neutraliseCell },
  });
  return `\uFEFF${body}`;
}
