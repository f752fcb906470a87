import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge.tsx";
import { can } from "~/domain/access.ts";
import { countPlan, filterPlan, ownerChoices, parseFilters } from "~/domain/actions/plan-view.ts";
import { groupByCommittee } from "~/domain/committees.ts";
import { groupsPage, pageInfo, parsePageRequest, planPage } from "~/domain/actions/plan-pages.ts";
import { daysLate, STATUSES } from "~/domain/actions/status.ts";
import { compactStatus } from "~/domain/actions/status-note.ts";
import { t } from "~/i18n/sv.ts";
import { getPlan } from "~/models/action.server.ts";
import { committeeChoices } from "~/models/committee.server.ts";
import { listMembers } from "~/models/user.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { formatDate } from "~/utils/format.ts";
import { BY_COMMITTEE, changedQuery, COMMITTEE_QUERY, NO_COMMITTEE, paths, PLAN_QUERY } from "~/paths.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";
import { PlanPager } from "~/components/plan-pager.tsx";

export const meta: MetaFunction = () => [{ title: `${t.plan.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  const now = new Date();
  const url = new URL(request.url);
  const filters = parseFilters(url.searchParams);
  // Independent queries in one round trip instead of three in sequence.
  const [plan, committees, members] = await Promise.all([getPlan(municipality.id), committeeChoices(municipality.id), listMembers(municipality.id)]);
  const filtered = filterPlan(plan, filters, now);
  // Only what a row shows: the loader's data is written into the page, 300 rows of it (ADR 0046).
  const withLateness = {
    ...filtered,
    areas: filtered.areas.map((area) => ({
      ...area,
      items: area.items.map((item) => ({
        ...item,
        actions: item.actions.map((a) => ({
          id: a.id,
          title: a.title,
          status: a.status,
          deadline: a.deadline,
          ownerName: a.ownerName,
          committeeId: a.committeeId,
          committeeName: a.committeeName,
          decisionReference: a.decisionReference,
          latestStatus: a.latestStatus,
          daysLate: daysLate(a, now),
        })),
      })),
    })),
  };
  const byCommittee = url.searchParams.get(COMMITTEE_QUERY.view) === BY_COMMITTEE;
  const printView = url.searchParams.get("utskrift") === "1";
  // A page of the plan at a time; the print view shows every action that matches (ADR 0049).
  const shownTotal = withLateness.areas.reduce((n, area) => n + area.items.reduce((m, item) => m + item.actions.length, 0), 0);
  const page = pageInfo(shownTotal, printView ? "all" : parsePageRequest(url.searchParams.get(PLAN_QUERY.page)));
  return {
    municipality,
    // By area, a row shows the committee's name but neither its id nor the decision reference (the grouped view does, from `groups`).
    plan: {
      ...withLateness,
      areas: planPage(withLateness.areas, byCommittee ? null : page).map((area) => ({
        ...area,
        items: area.items.map((item) => ({ ...item, actions: byCommittee ? [] : item.actions.map(({ committeeId: _id, decisionReference: _reference, ...a }) => a) })),
      })),
    },
    page,
    shownTotal,
    // Issue #14, item 5: the committee filter's choices and the plan grouped by committee.
    committees,
    groups: byCommittee
      ? groupsPage(
          groupByCommittee(withLateness).map((g) => ({ ...g, total: g.actions.length })),
          page,
        ).map((g) => ({ ...g, actions: g.actions.map(({ item: _item, committeeId: _id, committeeName: _name, ...a }) => a) }))
      : null,
    counts: countPlan(plan, now),
    withoutAction: plan.areas.flatMap((a) => a.items.filter((i) => i.actions.length === 0).map((i) => ({ ...i, area: a.number }))),
    owners: ownerChoices(members, plan),
    areas: plan.areas.map((a) => ({ number: a.number, name: a.name })),
    canManage: can({ isOperator: user.isOperator, role }, "actions:manage"),
    printView,
  };
}

/** An action's title as a link, with its latest status text (lägesbeskrivning) under it. */
function ActionTitle({ slug, action }: { slug: string; action: { id: string; title: string; latestStatus: { date: string; text: string } | null } }) {
  return (
    <>
      {/* A plain link: a Remix <Link> costs a router resolution per row, 300 rows a page (ADR 0046). */}
      <a href={paths.action(slug, action.id)}>{action.title}</a>
      {action.latestStatus ? (
        <span className="muted plan-status">
          <br />
          {t.councilReport.statusDated(formatDate(action.latestStatus.date), compactStatus(action.latestStatus.text))}
        </span>
      ) : null}
    </>
  );
}

export default function PlanPage() {
  const { municipality, plan, page, shownTotal, counts, withoutAction, owners, areas, committees, groups, canManage, printView } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  if (!plan.evaluation) {
    return (
      <>
        <h1>{t.plan.title}</h1>
        <p className="notice">{t.plan.noEvaluation}</p>
      </>
    );
  }
  const query = params.toString();
  return (
    <div className={printView ? "print-view" : undefined}>
      <h1>{t.plan.title}</h1>
      <p className="lead">{t.plan.intro(plan.evaluation.year)}</p>
      <p role="status">
        {t.plan.counts({ actions: counts.actions, late: counts.late, without: counts.itemsWithoutAction })}{" "}
        {STATUSES.map((s) => `${t.statuses[s]}: ${counts.byStatus[s]}`).join(" · ")}
      </p>
      {!printView ? (
        <>
          <p className="inline-form no-print">
            <a href={paths.planExport(municipality.slug, "xlsx", query)} className="button secondary" download>
              {t.plan.exportXlsx}
            </a>
            <a href={paths.planExport(municipality.slug, "csv", query)} download>
              {t.plan.exportCsv}
            </a>
            {/* The print view: the same filters, every action (no page). */}
            <Link to={`?${changedQuery(params, { [PLAN_QUERY.page]: null, utskrift: "1" })}`}>{t.plan.print}</Link>
            {canManage ? <Link to={paths.planImport(municipality.slug)}>{t.planImport.link}</Link> : null}
            {canManage ? <Link to={paths.committees(municipality.slug)}>{t.committees.link}</Link> : null}
          </p>
          <Form method="get" className="card filters no-print" aria-labelledby="filter-heading">
            <h2 id="filter-heading">{t.plan.filters}</h2>
            <div className="form-grid">
              <div className="field">
                <label htmlFor="status">{t.plan.status}</label>
                <select id="status" name="status" defaultValue={params.get("status") ?? ""}>
                  <option value="">{t.plan.all}</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t.statuses[s]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="ansvarig">{t.plan.owner}</label>
                <select id="ansvarig" name="ansvarig" defaultValue={params.get("ansvarig") ?? ""}>
                  <option value="">{t.plan.all}</option>
                  {owners.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="omrade">{t.plan.area}</label>
                <select id="omrade" name="omrade" defaultValue={params.get("omrade") ?? ""}>
                  <option value="">{t.plan.all}</option>
                  {areas.map((a) => (
                    <option key={a.number} value={a.number}>
                      {a.number}. {a.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={COMMITTEE_QUERY.committee}>{t.committees.filter}</label>
                <select id={COMMITTEE_QUERY.committee} name={COMMITTEE_QUERY.committee} defaultValue={params.get(COMMITTEE_QUERY.committee) ?? ""}>
                  <option value="">{t.plan.all}</option>
                  {committees.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                  <option value={NO_COMMITTEE}>{t.committees.noCommittee}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={COMMITTEE_QUERY.view}>{t.committees.view}</label>
                <select id={COMMITTEE_QUERY.view} name={COMMITTEE_QUERY.view} defaultValue={params.get(COMMITTEE_QUERY.view) ?? ""}>
                  <option value="">{t.committees.viewByArea}</option>
                  <option value={BY_COMMITTEE}>{t.committees.viewByCommittee}</option>
                </select>
              </div>
            </div>
            <div className="inline-form">
              <label>
                <input type="checkbox" name="sena" value="1" defaultChecked={params.get("sena") === "1"} /> {t.plan.onlyLate}
              </label>
              <label>
                <input type="checkbox" name="utan" value="1" defaultChecked={params.get("utan") === "1"} /> {t.plan.onlyWithoutAction}
              </label>
              <label>
                <input type="checkbox" name={PLAN_QUERY.withoutOwner} value="1" defaultChecked={params.get(PLAN_QUERY.withoutOwner) === "1"} />{" "}
                {t.statusPage.onlyWithoutOwner}
              </label>
            </div>
            <div className="inline-form">
              <button type="submit">{t.plan.apply}</button>
              <Link to=".">{t.plan.clear}</Link>
            </div>
          </Form>
          <section className="card" aria-labelledby="without-heading">
            <h2 id="without-heading">
              {t.plan.withoutTitle} ({withoutAction.length})
            </h2>
            {withoutAction.length === 0 ? (
              <p>{t.plan.allCovered}</p>
            ) : (
              <ul>
                {withoutAction.map((i) => (
                  <li key={i.id}>
                    {i.area}. {i.text}
                    {canManage ? (
                      <>
                        {" "}
                        <Link to={paths.newAction(municipality.slug, i.id)}>{t.plan.newAction}</Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
      {plan.areas.length === 0 || groups?.length === 0 ? <p className="notice">{t.plan.noMatch}</p> : null}
      <PlanPager page={page} total={shownTotal} place="top" printView={printView} />
      {groups?.map((group) => {
        const headingId = `plan-committee-${group.committeeId ?? NO_COMMITTEE}`;
        return (
          <section key={group.committeeId ?? NO_COMMITTEE} className="card" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {group.name ?? t.committees.noCommittee} <span className="muted">({t.committees.groupCount(group.total)})</span>
            </h2>
            <TableFrame label={group.name ?? t.committees.noCommittee}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.action.title}</th>
                  <th scope="col">{t.plan.area}</th>
                  <th scope="col">{t.plan.owner}</th>
                  <th scope="col">{t.committees.decisionReference}</th>
                  <th scope="col">{t.plan.deadline}</th>
                  <th scope="col">{t.plan.status}</th>
                </tr>
              </thead>
              <tbody>
                {group.actions.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <ActionTitle slug={municipality.slug} action={a} />
                    </td>
                    <td>
                      {a.area}. {a.areaName}
                    </td>
                    <td>{a.ownerName ?? t.plan.unassigned}</td>
                    <td>{a.decisionReference ?? ""}</td>
                    <td>{formatDate(a.deadline)}</td>
                    <td>
                      <StatusBadge status={a.status} daysLate={a.daysLate} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </TableFrame>
          </section>
        );
      })}
      {groups ? null : plan.areas.map((area) => (
        <section key={area.number} className="card" aria-labelledby={`plan-area-${area.number}`}>
          <h2 id={`plan-area-${area.number}`}>{t.evaluation.areaHeading(area.number, area.name)}</h2>
          {area.goodExamples.length ? (
            <p className="muted">
              {t.plan.goodExamples}: {area.goodExamples.join(", ")}
            </p>
          ) : null}
          {area.items.map((item) => (
            <div key={item.id} className="plan-item">
              <h3>{item.text}</h3>
              {item.actions.length === 0 ? (
                <p className="muted">{t.plan.noActions}</p>
              ) : (
                <TableFrame label={item.text}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.action.title}</th>
                      <th scope="col">{t.plan.owner}</th>
                      <th scope="col">{t.committees.committee}</th>
                      <th scope="col">{t.plan.deadline}</th>
                      <th scope="col">{t.plan.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.actions.map((a) => (
                      <tr key={a.id}>
                        <td>
                          <ActionTitle slug={municipality.slug} action={a} />
                        </td>
                        <td>{a.ownerName ?? t.plan.unassigned}</td>
                        <td>{a.committeeName ?? ""}</td>
                        <td>{formatDate(a.deadline)}</td>
                        <td>
                          <StatusBadge status={a.status} daysLate={a.daysLate} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                </TableFrame>
              )}
              {canManage && !printView ? (
                <p className="no-print">
                  <Link to={paths.newAction(municipality.slug, item.id)}>{t.plan.newAction}</Link>
                </p>
              ) : null}
            </div>
          ))}
        </section>
      ))}
      <PlanPager page={page} total={shownTotal} place="bottom" printView={printView} />
    </div>
  );
}
