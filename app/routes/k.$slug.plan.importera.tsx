import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { FieldError } from "~/components/ui/field-error.tsx";
import type { FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality, requireMunicipalityForUpload } from "~/http/access.server.ts";
import { readUploadForm } from "~/http/upload.server.ts";
import { planImportContext } from "~/models/plan-import.server.ts";
import { MAX_PLAN_BYTES } from "~/platform/plan-file.server.ts";
import { paths } from "~/paths.ts";
import { startPlanImport } from "~/workflows/plan-import.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.planImport.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const context = await planImportContext(municipality.id);
  return { municipality, hasEvaluation: context !== null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipalityForUpload(request, params.slug, "actions:manage");
  const read = await readUploadForm(request, MAX_PLAN_BYTES);
  if ("tooLarge" in read) return data({ error: t.planImport.failures["too-large"] }, { status: 413 });
  const file = read.form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return data({ error: t.planImport.noFile }, { status: 400 });
  const started = await startPlanImport(municipality.id, user.id, new Uint8Array(await file.arrayBuffer()), "name" in file ? String(file.name) : "");
  if (!started.ok) return data({ error: started.message }, { status: 422 });
  throw redirect(paths.planImportColumns(municipality.slug, started.id));
}

export default function PlanImportUpload() {
  const { municipality, hasEvaluation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result?.error ?? null;
  const errors: FieldErrors = error ? { file: error } : {};
  return (
    <>
      <h1>{t.planImport.title}</h1>
      <p className="lead">{t.planImport.intro}</p>
      {!hasEvaluation ? (
        <p className="notice">{t.planImport.noEvaluation}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stacked card">
          {/* One field, but the same pattern as every form: the summary first, the error at the field (ADR 0043). */}
          <ErrorSummary errors={errors} idFor={() => "file"} />
          <div className="field">
            <label htmlFor="file">{t.planImport.file}</label>
            <span className="hint" id="file-hint">
              {t.planImport.fileHint}
            </span>
            <input
              id="file"
              name="file"
              type="file"
              required
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "file-hint file-error" : "file-hint"}
            />
            <FieldError name="file" errors={errors} />
          </div>
          <div className="inline-form">
            <button type="submit">{t.planImport.read}</button>
            <Link to={paths.plan(municipality.slug)}>{t.plan.title}</Link>
          </div>
        </Form>
      )}
    </>
  );
}
