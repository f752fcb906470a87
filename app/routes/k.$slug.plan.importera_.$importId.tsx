import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/ui/field.tsx";
import { IMPORT_FIELDS, type ColumnMapping } from "~/domain/plan-import/columns.ts";
import { parseMappingForm } from "~/forms/plan-import.ts";
import { type FieldErrors, textValues } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { getPlanImport, savePlanImportMapping } from "~/models/plan-import.server.ts";
import { paths } from "~/paths.ts";

export const meta: MetaFunction = () => [{ title: `${t.planImport.columnsTitle} – ${t.app.name}` }];

const SAMPLE_ROWS = 5;

async function load(request: Request, params: { slug?: string; importId?: string }) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const id = z.uuid().safeParse(params.importId);
  if (!id.success) throw notFound();
  const stored = await getPlanImport(municipality.id, id.data);
  return { user, municipality, stored };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality, stored } = await load(request, params);
  // Gone (kept one day) or never this municipality's: the same answer.
  if (!stored) return data({ municipality, gone: true as const }, { status: 404 });
  if (stored.confirmedAt) throw redirect(paths.planImportPreview(municipality.slug, stored.id));
  return {
    municipality,
    gone: false as const,
    fileName: stored.fileName,
    headings: stored.headings,
    mapping: stored.mapping,
    sample: stored.rows.slice(0, SAMPLE_ROWS),
    total: stored.rows.length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { municipality, stored } = await load(request, params);
  if (!stored) throw notFound();
  const values = textValues(await request.formData());
  const parsed = parseMappingForm(values, stored.headings.length);
  if (!parsed.ok) return data({ values, errors: parsed.errors }, { status: 400 });
  if (!(await savePlanImportMapping(municipality.id, stored.id, parsed.data))) throw redirect(paths.planImportPreview(municipality.slug, stored.id));
  throw redirect(paths.planImportPreview(municipality.slug, stored.id));
}

/** A, B, … Z, AA, AB … as spreadsheets name their columns. */
function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export default function PlanImportColumns() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (loaded.gone) {
    return (
      <>
        <h1>{t.planImport.columnsTitle}</h1>
        <p className="notice error">{t.planImport.gone}</p>
        <Link to={paths.planImport(loaded.municipality.slug)}>{t.planImport.startOver}</Link>
      </>
    );
  }
  const { municipality, fileName, headings, sample, total } = loaded;
  const mapping = (loaded.mapping ?? {}) as Partial<ColumnMapping>;
  const errors: FieldErrors = result?.errors ?? {};
  const chosen = (field: (typeof IMPORT_FIELDS)[number]) =>
    result?.values ? (result.values[field] ?? "") : mapping[field] === null || mapping[field] === undefined ? "" : String(mapping[field]);
  return (
    <>
      <h1>{t.planImport.columnsTitle}</h1>
      <p className="lead">{t.planImport.columnsIntro(fileName)}</p>
      <Form method="post" className="stacked card">
        <ErrorSummary errors={errors} />
        {IMPORT_FIELDS.map((field) => (
          <Field key={field} name={field} label={t.planImport.fields[field]} hint={t.planImport.fieldHints[field]} error={errors[field]}>
            {(control) => (
              <select {...control} defaultValue={chosen(field)}>
                <option value="">{t.planImport.noColumn}</option>
                {headings.map((heading, index) => (
                  <option key={index} value={String(index)}>
                    {t.planImport.column(columnLetter(index), heading)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
        <div className="inline-form">
          <button type="submit">{t.planImport.toPreview}</button>
          <Link to={paths.planImport(municipality.slug)}>{t.planImport.startOver}</Link>
        </div>
      </Form>
      <section className="card" aria-labelledby="sample-heading">
        <h2 id="sample-heading">{t.planImport.sample}</h2>
        <div className="table-frame" tabIndex={0} role="region" aria-labelledby="sample-heading">
          <table>
            <caption>{t.planImport.sampleCaption(sample.length, total)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.planImport.line}</th>
                {headings.map((heading, index) => (
                  <th scope="col" key={index}>
                    {t.planImport.column(columnLetter(index), heading)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sample.map((row) => (
                <tr key={row.line}>
                  <th scope="row">{row.line}</th>
                  {headings.map((_, index) => (
                    <td key={index}>{row.cells[index] ?? ""}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
