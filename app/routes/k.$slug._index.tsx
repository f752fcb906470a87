import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AreaScoreChart } from "~/components/charts/area-score-chart.tsx";
import { CHART_COLORS } from "~/components/charts/colors.ts";
import { StatusBadge } from "~/components/status-badge.tsx";
import { TrafficLight } from "~/components/traffic-light.tsx";
import { can } from "~/domain/access.ts";
import { DUE_WITHIN_DAYS, type LightReason } from "~/domain/status-overview.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { formatDate, formatPoints, formatSignedPoints } from "~/utils/format.ts";
import { targetLine } from "~/utils/report-text.ts";
import { paths, planFilterQuery } from "~/paths.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";
import { overviewPage } from "~/workflows/overview-page.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t.start.title(data.municipality.name) : t.app.name} – ${t.app.name}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  const principal = { isOperator: user.isOperator, role };
  const page = await overviewPage(municipality.id, new Date());
  return {
    municipality,
    canManageActions: can(principal, "actions:manage"),
    canManageEvaluations: can(principal, "evaluation:manage"),
    page,
  };
}

const LATEST_COLOR = CHART_COLORS.current;
const PREVIOUS_COLOR = CHART_COLORS.previous;

function reasonText(reason: LightReason): string {
  const r = t.statusPage.reasons;
  if (reason.kind === "late") return r.late(reason.count);
  if (reason.kind === "withoutOwner") return r.withoutOwner(reason.count);
  return r.gainShort(formatPoints(reason.likelyGain), formatPoints(reason.share));
}

export default function MunicipalityStart() {
  const { municipality, canManageActions, canManageEvaluations, page } = useLoaderData<typeof loader>();
  const s = t.statusPage;
  const slug = municipality.slug;
  const reportLine = page.latestReport ? (
    <p className="notice">
      {t.start.latestReport} <Link to={paths.report(slug, page.latestReport.id)}>{page.latestReport.title}</Link> (
      {t.report.asOf(formatDate(page.latestReport.asOf)).toLowerCase()})
    </p>
  ) : null;
  if (!page.evaluation) {
    return (
      <>
        <h1>{t.start.title(municipality.name)}</h1>
        {reportLine}
        <section className="card" aria-labelledby="no-evaluation-heading">
          <h2 id="no-evaluation-heading">{s.noEvaluationTitle}</h2>
          <p>{s.noEvaluation}</p>
          {canManageEvaluations ? (
            <>
              <p>{s.noEvaluationNext}</p>
              <p>
                <Link className="button" to={paths.newEvaluation(slug)}>
                  {s.addEvaluation}
                </Link>
              </p>
            </>
          ) : (
            <p>{s.noEvaluationViewer}</p>
          )}
        </section>
      </>
    );
  }
  const { evaluation, previous, figures, areas, dueSoon, itemsWithoutAction, comparison } = page;
  const series = [
    ...(previous ? [{ label: t.chart.previous(previous.year), color: PREVIOUS_COLOR, values: comparison.rows.map((r) => r.previous) }] : []),
    { label: t.chart.latest(evaluation.year), color: LATEST_COLOR, values: comparison.rows.map((r) => r.latest) },
  ];
  const countCell = (count: number, query: string, hidden: string) => (
    <td className="num">
      <Link to={paths.plan(slug, query)}>
        {count}
        <span className="visually-hidden">{hidden}</span>
      </Link>
    </td>
  );
  return (
    <>
      <h1>{t.start.title(municipality.name)}</h1>
      <p className="lead">{s.lead(evaluation.year, evaluation.version)}</p>
      {reportLine}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="visually-hidden">
          {s.figuresTitle}
        </h2>
        <div className="kpis">
          <div className="kpi">
            <div className="label" id="figure-now">
              {s.now}
            </div>
            <div className="value">
              <Link to={paths.evaluation(slug, evaluation.id)} aria-describedby="figure-now figure-now-source">
                {formatPoints(figures.now)}
              </Link>
            </div>
            <div className="label source" id="figure-now-source">
              {t.start.outOf(figures.maxPoints)} · {s.nowSource(evaluation.year)}
            </div>
          </div>
          <div className="kpi">
            <div className="label" id="figure-likely">
              {s.likely}
            </div>
            <div className="value">
              <Link to={paths.readiness(slug)} aria-describedby="figure-likely figure-likely-source">
                {formatPoints(figures.likely)}
              </Link>
            </div>
            <div className="label source" id="figure-likely-source">
              {t.start.outOf(figures.maxPoints)} · {s.likelySource}
            </div>
          </div>
          <div className="kpi">
            <div className="label" id="figure-target">
              {s.target}
            </div>
            <div className="value">
              <Link to={paths.readinessTarget(slug)} aria-describedby="figure-target figure-target-source">
                {figures.target === null ? s.noTarget : formatPoints(figures.target)}
              </Link>
            </div>
            <div className="label source" id="figure-target-source">
              {figures.target === null && canManageActions ? s.setTarget : s.targetSource}
            </div>
          </div>
        </div>
        <p>
          {figures.nextEvaluationDate ? s.evaluationDate(formatDate(figures.nextEvaluationDate)) : s.noEvaluationDate}
          {figures.target !== null ? <> {targetLine(figures.target, figures.likely)}</> : null}
        </p>
      </section>

      <section className="card" aria-labelledby="areas-heading">
        <h2 id="areas-heading">{s.areasTitle}</h2>
        <p>{s.areasIntro}</p>
        <TableFrame label={s.areasTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{s.columns.area}</th>
                <th scope="col">{s.columns.light}</th>
                <th scope="col" className="num">
                  {s.columns.done}
                </th>
                <th scope="col" className="num">
                  {s.columns.inProgress}
                </th>
                <th scope="col" className="num">
                  {s.columns.late}
                </th>
                <th scope="col" className="num">
                  {s.columns.withoutOwner}
                </th>
                <th scope="col" className="num">
                  {s.columns.points}
                </th>
              </tr>
            </thead>
            <tbody>
              {areas.map((a) => {
                const name = t.evaluation.areaHeading(a.number, a.name);
                return (
                  <tr key={a.number}>
                    <th scope="row">{name}</th>
                    <td>
                      <TrafficLight light={a.light} />
                      {a.reasons.length > 0 ? (
                        <ul className="light-reasons">
                          {a.reasons.map((r) => (
                            <li key={`${r.kind}-${r.kind === "gainShort" ? r.severity : ""}`}>{reasonText(r)}</li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    {countCell(a.counts.done, planFilterQuery({ area: a.number, status: "DONE" }), s.countLink.done(a.counts.done, name))}
                    {countCell(a.counts.inProgress, planFilterQuery({ area: a.number, status: "IN_PROGRESS" }), s.countLink.inProgress(a.counts.inProgress, name))}
                    {countCell(a.counts.late, planFilterQuery({ area: a.number, late: true }), s.countLink.late(a.counts.late, name))}
                    {countCell(a.counts.withoutOwner, planFilterQuery({ area: a.number, withoutOwner: true }), s.countLink.withoutOwner(a.counts.withoutOwner, name))}
                    <td className="num">{s.nowToLikely(formatPoints(a.current), formatPoints(a.likely), formatPoints(a.maxPoints))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableFrame>
        <h3>{s.ruleTitle}</h3>
        <ul className="status-rule">
          <li>{s.rules.red}</li>
          <li>{s.rules.yellow}</li>
          <li>{s.rules.green}</li>
        </ul>
        <p className="muted">{figures.target === null ? s.rules.noTarget : s.rules.share}</p>
      </section>

      <section className="card" aria-labelledby="due-heading">
        <h2 id="due-heading">{s.dueTitle(DUE_WITHIN_DAYS)}</h2>
        {dueSoon.length === 0 ? (
          <p>{s.dueNone(DUE_WITHIN_DAYS)}</p>
        ) : (
          <ul>
            {dueSoon.map((a) => (
              <li key={a.id}>
                <Link to={paths.action(slug, a.id)}>{a.title}</Link> <StatusBadge status={a.status} daysLate={0} />
                <br />
                <span className="muted">
                  {s.dueLine(formatDate(a.deadline), t.evaluation.areaHeading(a.area, a.areaName), a.owner ?? t.plan.unassigned)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="without-heading">
        <h2 id="without-heading">{s.withoutActionTitle(itemsWithoutAction.length)}</h2>
        {itemsWithoutAction.length === 0 ? (
          <p>{t.plan.allCovered}</p>
        ) : (
          <ul>
            {itemsWithoutAction.map((i) => (
              <li key={i.id}>
                {t.evaluation.areaHeading(i.area, i.areaName)}: {i.text}
                {canManageActions ? (
                  <>
                    {" "}
                    <Link to={paths.newAction(slug, i.id)} aria-label={s.newActionFor(i.text)}>
                      {t.plan.newAction}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t.start.chartTitle}</h2>
        <p className="muted">{s.chartIntro}</p>
        {!comparison.comparable ? <p className="notice">{t.start.versionCaveat}</p> : null}
        <AreaScoreChart
          areas={comparison.rows}
          series={series}
          title={t.start.chartTitle}
          description={t.start.chartDescription(evaluation.year, previous?.year ?? null)}
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
                <th scope="col" className="num">{t.chart.latest(evaluation.year)}</th>
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
        <Link className="button" to={paths.evaluation(slug, evaluation.id)}>
          {t.start.openEvaluation}
        </Link>
      </p>
    </>
  );
}
