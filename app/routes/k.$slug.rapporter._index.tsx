import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { can } from "~/domain/access.ts";
import { stockholmDate } from "~/domain/dates.ts";
import { CURRENT_REPORT } from "~/domain/follow-up-report.ts";
import { COVER_TEXT_MAX, saveReportSchema } from "~/forms/follow-up-report.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { listEvaluations } from "~/models/evaluation.server.ts";
import { listReports, saveReport } from "~/models/follow-up-report.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { currentReport } from "~/workflows/readiness.server.ts";
import { formatDate } from "~/utils/format.ts";
import { SubmissionKey } from "~/components/submission-key.tsx";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { notice, paths } from "~/paths.ts";

export const meta: MetaFunction = () => [{ title: `${t.report.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  const [reports, evaluations] = await Promise.all([listReports(municipality.id), listEvaluations(municipality.id)]);
  return {
    submissionKey: newSubmissionKey(),
    municipality,
    hasEvaluation: evaluations.length > 0,
    reports: reports.map((r) => ({ id: r.id, title: r.title, asOf: r.asOf.toISOString().slice(0, 10), by: r.createdBy?.name ?? null })),
    canManage: can({ isOperator: user.isOperator, role }, "actions:manage"),
    defaultTitle: t.report.defaultTitle(formatDate(stockholmDate(new Date()))),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const form = await request.formData();
  return oncePerSubmission(request, form, user.id, async () => {
    const parsed = parseForm(saveReportSchema, form);
    const values = { title: String(form.get("title") ?? ""), coverText: String(form.get("coverText") ?? "") };
    if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors, values }, { status: 400 });
    const snapshot = await currentReport(municipality.id, new Date());
    if (!snapshot) return data({ errors: { "": t.report.errors.noEvaluation } as FieldErrors, values }, { status: 400 });
    const saved = await saveReport(municipality.id, user.id, parsed.data.title, snapshot, undefined, parsed.data.coverText);
    return redirect(paths.report(municipality.slug, saved.id, notice("saved")));
  });
}

export default function Reports() {
  const { municipality, hasEvaluation, reports, canManage, defaultTitle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  return (
    <>
      <h1>{t.report.title}</h1>
      <p className="lead">{t.report.intro}</p>
      {hasEvaluation ? (
        <p>
          <Link to={paths.report(municipality.slug, CURRENT_REPORT)}>{t.report.openCurrent}</Link>
        </p>
      ) : (
        <p className="notice">{t.report.errors.noEvaluation}</p>
      )}
      {canManage && hasEvaluation ? (
        <section className="card" aria-labelledby="save-heading">
          <h2 id="save-heading">{t.report.saveTitle}</h2>
          <p>{t.report.saveIntro}</p>
          <Form method="post" className="form-grid" noValidate>
            <ErrorSummary errors={errors} />
            <SubmissionKey />
            <Field name="title" label={t.report.titleLabel} defaultValue={result?.values.title ?? defaultTitle} maxLength={120} required error={errors.title} />
            <Field name="coverText" label={t.councilReport.coverField} hint={t.councilReport.coverHint} error={errors.coverText}>
              {(control) => <textarea {...control} rows={8} maxLength={COVER_TEXT_MAX} defaultValue={result?.values.coverText ?? ""} />}
            </Field>
            <div>
              <button type="submit">{t.report.save}</button>
            </div>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="list-heading">
        <h2 id="list-heading">{t.report.list}</h2>
        {reports.length === 0 ? (
          <p>{t.report.none}</p>
        ) : (
          <ul className="report-list">
            {reports.map((r) => (
              <li key={r.id}>
                <Link to={paths.report(municipality.slug, r.id)}>{r.title}</Link>{" "}
                <span className="muted">
                  {t.report.asOf(formatDate(r.asOf))}
                  {r.by ? ` · ${r.by}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
