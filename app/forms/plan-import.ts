import { z } from "zod";
import { IMPORT_FIELDS, mappingProblem, type ColumnMapping } from "~/domain/plan-import/columns.ts";
import { t } from "~/i18n/sv.ts";
import type { FieldErrors, ParseResult } from "./parse.ts";

/** The plan import's two forms: the columns chosen for each field, and the items chosen by hand. */

const column = z
  .string()
  .trim()
  .default("")
  .refine((s) => s === "" || /^\d{1,2}$/.test(s), { error: t.planImport.mappingErrors["no-such-column"] })
  .transform((s) => (s === "" ? null : Number(s)));

export const mappingSchema = z.object(Object.fromEntries(IMPORT_FIELDS.map((field) => [field, column])) as Record<(typeof IMPORT_FIELDS)[number], typeof column>);

/** The mapping form: one select per field; a column chosen twice or none for the title is refused. */
export function parseMappingForm(values: Record<string, string>, columnCount: number): ParseResult<ColumnMapping> {
  const parsed = mappingSchema.safeParse(values);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
    return { ok: false, errors };
  }
  const mapping = parsed.data as ColumnMapping;
  const problem = mappingProblem(mapping, columnCount);
  if (problem === "title-missing") return { ok: false, errors: { title: t.planImport.mappingErrors["title-missing"] } };
  if (problem) return { ok: false, errors: { "": t.planImport.mappingErrors[problem] } };
  return { ok: true, data: mapping };
}

/** The select for the item of one row in the preview. */
export const itemField = (line: number) => `item.${line}`;

/** The items chosen by hand in the preview: line → item id (empty selects are left out). */
export function parseItemChoices(values: Record<string, string>, lines: ReadonlySet<number>): Record<string, string> {
  const choices: Record<string, string> = {};
  const uuid = z.uuid();
  for (const [key, value] of Object.entries(values)) {
    const match = /^item\.(\d{1,7})$/.exec(key);
    if (!match || !lines.has(Number(match[1])) || !uuid.safeParse(value).success) continue;
    choices[match[1]!] = value;
  }
  return choices;
}
