import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AreaScoreChart } from "~/components/charts/area-score-chart.tsx";
import { CHART_COLORS } from "~/components/charts/colors.ts";
import { compareAreas } from "~/domain/comparison.ts";
import { scoreEvaluation } from "~/domain/scoring.ts";
import { t } from "~/i18n/sv.ts";
import { getLatestEvaluations } from "~/models/evaluation.server.ts";
import { listReports } from "~/models/follow-up-report.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { formatDate, formatPoints, formatSignedPoints } from "~/utils/format.ts";
import { paths } from "~/paths.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t.start.title(data.municipality.name) : t.app.name} – ${t.app.name}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  const [[latest, previous], [report]] = await Promise.all([getLatestEvaluations(municipality.id, 2), listReports(municipality.id, 1)]);
  const latestReport = report ? { id: report.id, title: report.title, asOf: report.asOf.toISOString().slice(0, 10) } : null;
  if (!latest) return { municipality, latest: null, previous: null, comparison: null, maxPoints: 800, latestReport };
  const scoredLatest = scoreEvaluation(latest.areas, latest.statedTotal);
  const comparison = compareAreas(
    { versionKey: latest.frameworkVersion.key, scored: scoredLatest },
    previous
      ? { versionKey: previous.frameworkVersion.key, scored: scoreEvaluation(previous.areas, previous.statedTotal) }
      : null,
  );
  return {
    municipality,
    latest: { id: latest.id, year: latest.year, version: latest.frameworkVersion.name },
    previous: previous ? { id: previous.id, year: previous.year, version: previous.frameworkVersion.name } : null,
    comparison,
    maxPoints: scoredLatest.maxPoints,
    latestReport,
  };
}

const LATEST_COLOR = CHART_COLORS.current;
const PREVIOUS_COLOR = CHART_COLORS.previous;

export default function MunicipalityStart() {
  const { municipality, latest, previous, comparison, maxPoints, latestReport } = useLoaderData<typeof loader>();
  if (!latest || !comparison) {
    return (
      <>
        <h1>{t.start.title(municipality.name)}</h1>
        <p className="notice">{t.start.noEvaluation}</p>
      </>
    );
  }
  const series = [
    ...(previous
      ? [{ label: t.chart.previous(previous.year), color: PREVIOUS_COLOR, values: comparison.rows.map((r) => r.previous) }]
      : []),
    { label: t.chart.latest(latest.year), color: LATEST_COLOR, values: comparison.rows.map((r) => r.latest) },
  ];
  return (
    <>
      <h1>{t.start.title(municipality.name)}</h1>
      <p className="lead">
        {t.start.latest(latest.year)} · {latest.version}
      </p>
      {latestReport ? (
        <p className="notice">
          {t.start.latestReport}{" "}
          <Link to={paths.report(municipality.slug, latestReport.id)}>{latestReport.title}</Link> ({t.report.asOf(formatDate(latestReport.asOf)).toLowerCase()})
        </p>
      ) : null}
      <div className="kpis">
        <div className="kpi">
          <div className="label">{t.start.total}</div>
          <div className="value">{formatPoints(comparison.latestTotal)}</div>
          <div className="label">{t.start.outOf(maxPoints)}</div>
        </div>
        {previous && comparison.previousTotal !== null ? (
          <div className="kpi">
            <div className="label">{t.chart.previous(previous.year)}</div>
            <div className="value">{formatPoints(comparison.previousTotal)}</div>
            <div className="label">{t.start.outOf(maxPoints)}</div>
          </div>
        ) : null}
      </div>
      <section className="card" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t.start.chartTitle}</h2>
        {!comparison.comparable ? <p className="notice">{t.start.versionCaveat}</p> : null}
        <AreaScoreChart
          areas={comparison.rows}
          series={series}
          title={t.start.chartTitle}
          description={t.start.chartDescription(latest.year, previous?.year ?? null)}
        />
        <details>
          <summary>{t.start.showAsTable}</summary>
          <TableFrame label={t.start.chartTitle}>
          <table>
            <caption className="visually-hidden">{t.start.chartTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.start.area}</th>
                {previous ? <th scope="col" className="num">{t.chart.previous(previous.year)}</th> : null}
                <th scope="col" className="num">{t.chart.latest(latest.year)}</th>
                {previous ? <th scope="col" className="num">{t.start.change}</th> : null}
                <th scope="col" className="num">{t.evaluation.max}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => (
                <tr key={row.number}>
                  <th scope="row">{t.evaluation.areaHeading(row.number, row.name)}</th>
                  {previous ? <td className="num">{row.previous === null ? "–" : formatPoints(row.previous)}</td> : null}
                  <td className="num">{formatPoints(row.latest)}</td>
                  {previous ? <td className="num">{row.change === null ? "–" : formatSignedPoints(row.change)}</td> : null}
                  <td className="num">{formatPoints(row.maxPoints)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableFrame>
        </details>
      </section>
      <p>
        <Link className="button" to={paths.evaluation(municipality.slug, latest.id)}>
          {t.start.openEvaluation}
        </Link>
      </p>
    </>
  );
}
