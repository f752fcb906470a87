import { Form } from "@remix-run/react";
import { AreaScoreChart } from "~/components/charts/area-score-chart.tsx";
import { FigureCells, FigureHeadings } from "~/components/figures.tsx";
import { ProgressChart } from "~/components/charts/progress-chart.tsx";
import { readinessSeries } from "~/components/charts/readiness-series.ts";
import { actionsWithStatus, hasChanges, lateActions, statusOf, type ReportAction, type ReportActionShown, type ReportChanges, type ReportSnapshot } from "~/domain/follow-up-report.ts";
import { t } from "~/i18n/sv.ts";
import { formatDate, formatSignedPoints } from "~/utils/format.ts";
import { changedActionGroups, ownerNote, summaryParagraphs } from "~/utils/report-text.ts";
import { committeeOf, type CommitteeFilter, type reportCommittees } from "~/domain/committees.ts";
import { COMMITTEE_QUERY, NO_COMMITTEE, paths } from "~/paths.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

/** The latest status text beside an action, with its date; a dash when there is none. */
function StatusNote({ action }: { action: Pick<ReportAction, "latestStatus"> }) {
  const status = statusOf(action);
  if (!status) return <>{t.councilReport.noStatus}</>;
  return (
    <>
      <time dateTime={status.date}>{formatDate(status.date)}</time>: {status.text}
    </>
  );
}


interface Props {
  snapshot: ReportSnapshot<ReportActionShown>;
  changes: ReportChanges<ReportActionShown> | null;
  /** The municipality's slug, for links to actions. */
  slug: string;
  /**
   * The page lists the `limit` most late actions of `total` (ADR 0049), with a link to all of
   * them (`allHref`); without it, or with `limit` null, every late action in the snapshot.
   */
  lateShown?: { limit: number | null; total: number; allHref: string };
  /** The summary's sentences, when `snapshot` holds only the actions the page lists (they count all of them). */
  summary?: string[];
}

/** The council follow-up report as it reads on screen and on paper. */
export function FollowUpReportBody({ snapshot, changes, slug, lateShown, summary }: Props) {
  const r = t.report;
  const c = snapshot.counts;
  const late = lateShown?.limit ? lateActions(snapshot).slice(0, lateShown.limit) : lateActions(snapshot);
  const withStatus = actionsWithStatus(snapshot);
  // Plain links: a report lists hundreds of actions, and Remix's <Link> resolves its path through
  // the router on every render for links that need no client-side navigation (ADR 0046).
  const actionLink = (a: Pick<ReportAction, "id" | "title">) => <a href={paths.action(slug, a.id)}>{a.title}</a>;
  return (
    <>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{r.summaryTitle}</h2>
        {(summary ?? summaryParagraphs(snapshot)).map((p) => (
          <p key={p}>{p}</p>
        ))}
      </section>

      <section className="card" aria-labelledby="areas-heading">
        <h2 id="areas-heading">{r.areasTitle}</h2>
        <TableFrame label={r.areasTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{r.areaName}</th>
              <th scope="col" className="num">{r.actionsCol}</th>
              <th scope="col" className="num">{r.doneCol}</th>
              <th scope="col" className="num">{r.lateCol}</th>
              <FigureHeadings />
            </tr>
          </thead>
          <tbody>
            {snapshot.areas.map((a) => (
              <tr key={a.number}>
                <th scope="row">
                  {a.number}. {a.name}
                </th>
                <td className="num">{a.actions}</td>
                <td className="num">{a.done}</td>
                <td className="num">{a.late}</td>
                <FigureCells figures={a} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.readiness.total}</th>
              <td className="num">{snapshot.areas.reduce((s, a) => s + a.actions, 0)}</td>
              <td className="num">{snapshot.areas.reduce((s, a) => s + a.done, 0)}</td>
              <td className="num">{snapshot.areas.reduce((s, a) => s + a.late, 0)}</td>
              <FigureCells figures={snapshot.total} />
            </tr>
          </tfoot>
        </table>
        </TableFrame>
      </section>

      <section className="card" aria-labelledby="late-heading">
        <h2 id="late-heading">{r.lateTitle}</h2>
        {lateShown && lateShown.total > late.length ? (
          <p>
            {r.lateShown(late.length, lateShown.total)}{" "}
            <a href={lateShown.allHref} className="no-print">
              {r.lateShowAll(lateShown.total)}
            </a>
          </p>
        ) : null}
        {late.length === 0 ? (
          <p>{r.noLate}</p>
        ) : (
          <TableFrame label={r.lateTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{r.action}</th>
                <th scope="col">{r.areaName}</th>
                <th scope="col">{r.owner}</th>
                <th scope="col">{t.committees.reportColumn}</th>
                <th scope="col">{r.deadline}</th>
                <th scope="col" className="num">{r.daysLate}</th>
                <th scope="col">{t.councilReport.statusColumn}</th>
              </tr>
            </thead>
            <tbody>
              {late.map((a) => (
                <tr key={a.id}>
                  <td>{actionLink(a)}</td>
                  <td>{a.area}</td>
                  <td>{a.owner ?? r.noOwner}</td>
                  <td>{committeeOf(a) ?? ""}</td>
                  <td>{formatDate(a.deadline)}</td>
                  <td className="num">{a.daysLate}</td>
                  <td>
                    <StatusNote action={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableFrame>
        )}
      </section>

      <section className="card" aria-labelledby="statuses-heading">
        <h2 id="statuses-heading">{t.councilReport.statusesTitle}</h2>
        {withStatus.length === 0 ? (
          <p>{t.councilReport.noStatuses}</p>
        ) : (
          <TableFrame label={t.councilReport.statusesTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{r.action}</th>
                <th scope="col">{r.areaName}</th>
                <th scope="col">{r.owner}</th>
                <th scope="col">{r.status}</th>
                <th scope="col">{t.councilReport.statusColumn}</th>
              </tr>
            </thead>
            <tbody>
              {withStatus.map((a) => (
                <tr key={a.id}>
                  <td>{actionLink(a)}</td>
                  <td>{a.area}</td>
                  <td>{a.owner ?? r.noOwner}</td>
                  <td>{t.statuses[a.status]}</td>
                  <td>
                    <StatusNote action={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableFrame>
        )}
      </section>

      <section className="card" aria-labelledby="projection-heading">
        <h2 id="projection-heading">{r.projectionTitle}</h2>
        <AreaScoreChart
          areas={snapshot.areas.map((a) => ({ number: a.number, name: a.name, maxPoints: a.maxPoints }))}
          series={readinessSeries(snapshot.areas, snapshot.previousEvaluation)}
          title={t.readiness.chartTitle}
          description={t.readiness.chartDescription}
        />
        <h3>{t.readiness.progressTitle}</h3>
        <p>{t.readiness.progressSummary(c.byStatus.DONE, snapshot.progress.total)}</p>
        <ProgressChart progress={snapshot.progress} />
      </section>

      <section className="card" aria-labelledby="changes-heading">
        <h2 id="changes-heading">{r.changesTitle}</h2>
        {changes === null ? <p>{r.firstReport}</p> : <Changes changes={changes} actionLink={actionLink} />}
      </section>
    </>
  );
}

/**
 * Issue #14, item 5: the report narrowed to one committee, as a plain GET form, and what the
 * narrowing means. The choices are the committees the report's actions name, as recorded then.
 */
export function ReportCommitteeFilter({
  committee,
}: {
  committee: { filter: CommitteeFilter; name: string | null; choices: ReturnType<typeof reportCommittees> };
}) {
  const c = t.committees;
  const { choices, filter, name } = committee;
  if (choices.committees.length === 0 && filter === null) return null;
  return (
    <>
      <Form method="get" className="card inline-form no-print" aria-labelledby="committee-filter-heading">
        <h2 id="committee-filter-heading" className="visually-hidden">
          {c.reportFilterTitle}
        </h2>
        <label htmlFor="report-committee">{c.reportFilter}</label>
        <select id="report-committee" name={COMMITTEE_QUERY.committee} defaultValue={filter ?? ""}>
          <option value="">{c.reportAll}</option>
          {choices.committees.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name}
            </option>
          ))}
          {choices.withoutCommittee ? <option value={NO_COMMITTEE}>{c.noCommittee}</option> : null}
        </select>
        <button type="submit">{c.reportShow}</button>
      </Form>
      {filter !== null ? (
        <p className="notice" role="status">
          {filter === NO_COMMITTEE ? c.reportFilteredNone : c.reportFiltered(name ?? "")}
        </p>
      ) : null}
    </>
  );
}

function Changes({ changes, actionLink }: { changes: ReportChanges<ReportActionShown>; actionLink: (a: Pick<ReportAction, "id" | "title">) => JSX.Element }) {
  const r = t.report;
  return (
    <>
      <p>{r.changesSince(formatDate(changes.previousAsOf))}</p>
      {!changes.sameEvaluation ? <p className="notice">{r.otherEvaluation}</p> : null}
      {!hasChanges(changes) ? (
        <p>{r.noChanges}</p>
      ) : (
        <>
          {changes.sameEvaluation ? (
            <TableFrame label={r.changesTitle}>
            <table>
              <caption>{r.change}</caption>
              <thead>
                <tr>
                  <th scope="col">{r.areaName}</th>
                  <th scope="col" className="num">{t.readiness.secured}</th>
                  <th scope="col" className="num">{t.readiness.likely}</th>
                  <th scope="col" className="num">{t.readiness.potential}</th>
                </tr>
              </thead>
              <tbody>
                {changes.areas.map((a) => (
                  <tr key={a.number}>
                    <th scope="row">
                      {a.number}. {a.name}
                    </th>
                    <td className="num">{formatSignedPoints(a.secured)}</td>
                    <td className="num">{formatSignedPoints(a.likely)}</td>
                    <td className="num">{formatSignedPoints(a.potential)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t.readiness.total}</th>
                  <td className="num">{formatSignedPoints(changes.total.secured)}</td>
                  <td className="num">{formatSignedPoints(changes.total.likely)}</td>
                  <td className="num">{formatSignedPoints(changes.total.potential)}</td>
                </tr>
              </tfoot>
            </table>
            </TableFrame>
          ) : null}
          {changedActionGroups(changes).map(({ title, actions: list }) =>
            list.length > 0 ? (
              <div key={title}>
                <h3>
                  {title} ({list.length})
                </h3>
                <ul>
                  {list.map((a) => (
                    <li key={a.id}>
                      {actionLink(a)} ({ownerNote(a)})
                    </li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
          {changes.deadlineMoved.length > 0 ? (
            <div>
              <h3>
                {r.deadlineMoved} ({changes.deadlineMoved.length})
              </h3>
              <ul>
                {changes.deadlineMoved.map(({ action, from }) => (
                  <li key={action.id}>
                    {actionLink(action)}: {r.movedFrom(formatDate(from), formatDate(action.deadline))}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {changes.removed.length > 0 ? (
            <div>
              <h3>
                {r.removed} ({changes.removed.length})
              </h3>
              <ul>
                {changes.removed.map((a) => (
                  <li key={a.id}>{a.title}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
