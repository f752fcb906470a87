import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FollowUpReportBody, ReportCommitteeFilter } from "~/components/follow-up-report.tsx";
import { t } from "~/i18n/sv.ts";
import { reportHeading } from "~/workflows/follow-up-report.server.ts";
import { requireReport } from "~/workflows/report-access.server.ts";
import { committeeQuery, paths, QUERY } from "~/paths.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? t.report.reportTitle} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality, reportId, view } = await requireReport(request, params);
  return {
    municipality,
    reportId,
    ...reportHeading(view),
    saved: view.saved !== null,
    snapshot: view.snapshot,
    changes: view.changes,
    committee: view.committee,
  };
}

export default function ReportPage() {
  const { municipality, reportId, title, byline, saved, snapshot, changes, committee } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <article className="report">
      <p className="no-print">
        <Link to={paths.reports(municipality.slug)}>{t.report.backToList}</Link>
      </p>
      {params.get(QUERY.saved) ? (
        <p className="notice success no-print" role="status">
          {t.report.saved}
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
        <span className="muted">{t.report.printHint}</span>
      </p>
      <ReportCommitteeFilter committee={committee} />
      <FollowUpReportBody snapshot={snapshot} changes={changes} slug={municipality.slug} />
    </article>
  );
}
