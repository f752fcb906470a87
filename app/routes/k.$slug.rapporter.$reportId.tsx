import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FollowUpReportBody, ReportCommitteeFilter } from "~/components/follow-up-report.tsx";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Field } from "~/components/ui/field.tsx";
import { can } from "~/domain/access.ts";
import { PAGE_LATE_LIMIT, reportForPage } from "~/domain/follow-up-report.ts";
import { COVER_TEXT_MAX, coverTextSchema } from "~/forms/follow-up-report.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { changeCoverText } from "~/models/follow-up-report.server.ts";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { reportHeading } from "~/workflows/follow-up-report.server.ts";
import { requireReport } from "~/workflows/report-access.server.ts";
import { coverParagraphs } from "~/utils/report-tables.ts";
import { summaryParagraphs } from "~/utils/report-text.ts";
import { changedQuery, committeeQuery, paths, QUERY } from "~/paths.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? t.report.reportTitle} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, municipality, reportId, view } = await requireReport(request, params);
  const allLate = new URL(request.url).searchParams.get(REPORT_QUERY.allLate) === ALL_LATE;
  return {
    municipality,
    reportId,
    ...reportHeading(view),
    saved: view.saved !== null,
    canEditCover: view.saved !== null && can({ isOperator: user.isOperator, role }, "actions:manage"),
    // Only what the page shows of each action: the rest is in the downloads (ADR 0046); the most
    // late actions first, all of them on request (ADR 0049).
    ...reportForPage(view.snapshot, view.changes, allLate ? null : PAGE_LATE_LIMIT),
    lateLimit: allLate ? null : PAGE_LATE_LIMIT,
    // Written from the whole snapshot: the page's holds only the actions it lists.
    summary: summaryParagraphs(view.snapshot),
    committee: view.committee,
  };
}

/** `?forsenade=alla` lists every late action on the page (ADR 0049). */
const REPORT_QUERY = { allLate: "forsenade" } as const;
const ALL_LATE = "alla";

/** The address of this report with every late action, keeping its committee filter; it leads to the list. */
const allLateHref = (params: URLSearchParams) => `?${changedQuery(params, { [QUERY.saved]: null, [REPORT_QUERY.allLate]: ALL_LATE })}#late-heading`;

/** The saved notice's value after a cover text change, so the page says what was saved. */
const COVER_SAVED = "sammanfattning";

/** Only a saved report's cover text can be changed, by the coordinator; the figures stay as saved. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const id = z.uuid().safeParse(params.reportId);
  if (!id.success) throw notFound();
  const form = await request.formData();
  const parsed = parseForm(coverTextSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors, coverText: String(form.get("coverText") ?? "") }, { status: 400 });
  if (!(await changeCoverText(municipality.id, id.data, parsed.data.coverText, user.id))) throw notFound();
  return redirect(paths.report(municipality.slug, id.data, `?${QUERY.saved}=${COVER_SAVED}`));
}

export default function ReportPage() {
  const { municipality, reportId, title, byline, coverText, saved, canEditCover, snapshot, changes, lateTotal, lateLimit, summary, committee } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const cover = coverParagraphs(coverText);
  return (
    <article className="report">
      <p className="no-print">
        <Link to={paths.reports(municipality.slug)}>{t.report.backToList}</Link>
      </p>
      {params.get(QUERY.saved) ? (
        <p className="notice success no-print" role="status">
          {params.get(QUERY.saved) === COVER_SAVED ? t.councilReport.coverSaved : t.report.saved}
        </p>
      ) : null}
      <h1>{title}</h1>
      <p className="lead">{byline}</p>
      {!saved ? <p className="notice no-print">{t.report.currentIntro}</p> : null}
      <p className="inline-form no-print">
        <a href={paths.reportFile(municipality.slug, reportId, "pdf", committeeQuery(committee.filter))} className="button secondary" download>
          {t.report.downloadPdf}
        </a>
        <a href={paths.reportFile(municipality.slug, reportId, "excel", committeeQuery(committee.filter))} download>
          {t.report.downloadXlsx}
        </a>
        <a href={paths.reportFile(municipality.slug, reportId, "word", committeeQuery(committee.filter))} download>
          {t.councilReport.downloadWord}
        </a>
        <span className="muted">{t.report.printHint}</span>
      </p>
      <ReportCommitteeFilter committee={committee} />
      {cover.length > 0 ? (
        <section className="card" aria-labelledby="cover-heading">
          <h2 id="cover-heading">{t.councilReport.coverTitle}</h2>
          {cover.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ) : null}
      {canEditCover ? (
        <details className="card no-print" open={result !== undefined}>
          <summary>{t.councilReport.coverEditTitle}</summary>
          <p className="muted">{t.councilReport.coverEditIntro}</p>
          <Form method="post" className="stacked" noValidate>
            <ErrorSummary errors={result?.errors ?? {}} />
            <Field name="coverText" label={t.councilReport.coverField} hint={t.councilReport.coverHint} error={result?.errors.coverText}>
              {(control) => <textarea {...control} rows={8} maxLength={COVER_TEXT_MAX} defaultValue={result?.coverText ?? coverText} />}
            </Field>
            <div>
              <button type="submit">{t.councilReport.coverSave}</button>
            </div>
          </Form>
        </details>
      ) : null}
      <FollowUpReportBody snapshot={snapshot} changes={changes} slug={municipality.slug} lateShown={{ limit: lateLimit, total: lateTotal, allHref: allLateHref(params) }} summary={summary} />
    </article>
  );
}
