import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { OutcomeRow } from "~/domain/outcome.ts";
import { roundPoints } from "~/domain/points.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { outcomePage } from "~/workflows/outcome.server.ts";
import { formatDate, formatPoints, formatSignedPoints } from "~/utils/format.ts";
import { paths } from "~/paths.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export const meta: MetaFunction = () => [{ title: `${t.outcome.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  return { municipality, page: await outcomePage(municipality.id) };
}

function RowList({ id, title, rows }: { id: string; title: string; rows: OutcomeRow[] }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t.outcome.none}</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.code}>
              {r.code} {r.text}: {formatPoints(r.before)} → {formatPoints(r.actual)} ({formatSignedPoints(r.rise)})
              {r.actions.length > 0 ? ` – ${r.actions.map((a) => a.title).join(", ")}` : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function Outcome() {
  const { municipality, page } = useLoaderData<typeof loader>();
  if (page.state === "one-round") {
    return (
      <>
        <h1>{t.outcome.title}</h1>
        <p className="notice">{t.outcome.oneRound}</p>
      </>
    );
  }
  const carry = (
    <section className="card" aria-labelledby="carried-heading">
      <h2 id="carried-heading">{t.outcome.carriedTitle}</h2>
      <p>{t.outcome.carriedCount(page.carry.count)}</p>
      {page.carry.withoutCounterpart.length > 0 ? (
        <>
          <p>{t.outcome.carriedLost}</p>
          <ul>
            {page.carry.withoutCounterpart.map((a) => (
              <li key={a.actionId}>
                <Link to={paths.action(municipality.slug, a.actionId)}>{a.title}</Link> ({t.outcome.carriedLostCodes(a.codes.join(", "))})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
  if (page.state === "no-snapshot") {
    return (
      <>
        <h1>{t.outcome.title}</h1>
        <p className="notice">{t.outcome.noSnapshot(page.previous.year, page.next.year)}</p>
        {carry}
      </>
    );
  }
  const { outcome, snapshot, previous, next } = page;
  return (
    <>
      <h1>{t.outcome.title}</h1>
      <p className="lead">{t.outcome.intro(previous.year, next.year, formatDate(snapshot.plannedDate))}</p>
      <p className="notice" role="note">
        {snapshot.savedAtImport ? t.outcome.savedAtImport(formatDate(snapshot.plannedDate)) : t.outcome.savedOnDate(formatDate(snapshot.plannedDate))}
        {snapshot.weights === "own" ? ` ${t.outcome.ownWeightsUsed}` : null}
      </p>
      {page.versionChanged ? (
        <section className="card" aria-labelledby="version-heading">
          <h2 id="version-heading">{t.outcome.withoutCounterpartTitle}</h2>
          <p>{t.outcome.versionChanged(previous.version, next.version)}</p>
          {outcome.withoutCounterpart.length > 0 ? <p>{t.outcome.withoutCounterpart(outcome.withoutCounterpart.join(", "))}</p> : null}
          {outcome.notCompared.length > 0 ? <p>{t.outcome.notCompared(outcome.notCompared.join(", "))}</p> : null}
        </section>
      ) : null}
      {carry}
      <RowList id="done-rose-heading" title={t.outcome.doneRoseTitle} rows={outcome.doneRose} />
      <RowList id="rose-without-heading" title={t.outcome.roseWithoutActionTitle} rows={outcome.roseWithoutAction} />
      <RowList id="done-no-rise-heading" title={t.outcome.doneNoRiseTitle} rows={outcome.doneNoRise} />
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t.outcome.rulesTitle}</h2>
        <p>{t.outcome.rulesIntro}</p>
        <TableFrame label={t.outcome.rulesTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.outcome.rule}</th>
              <th scope="col" className="num">{t.outcome.count}</th>
              <th scope="col" className="num">{t.outcome.meanProjected}</th>
              <th scope="col" className="num">{t.outcome.meanActual}</th>
              <th scope="col" className="num">{t.outcome.difference}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.rules.map((r) => (
              <tr key={r.rule}>
                <th scope="row">{t.outcome.ruleNames[r.rule] ?? r.rule}</th>
                <td className="num">{r.count}</td>
                <td className="num">{formatPoints(r.meanProjected)}</td>
                <td className="num">{formatPoints(r.meanActual)}</td>
                <td className="num">{formatSignedPoints(r.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
      </section>
      <section className="card" aria-labelledby="rows-heading">
        <h2 id="rows-heading">{t.outcome.rowsTitle}</h2>
        <TableFrame label={t.outcome.rowsTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.outcome.question}</th>
              <th scope="col" className="num">{t.outcome.before}</th>
              <th scope="col" className="num">{t.outcome.projected}</th>
              <th scope="col" className="num">{t.outcome.actual}</th>
              <th scope="col" className="num">{t.outcome.rise}</th>
              <th scope="col">{t.outcome.actions}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.code} {r.text}</th>
                <td className="num">{formatPoints(r.before)}</td>
                <td className="num">{formatPoints(r.likely)}</td>
                <td className="num">{formatPoints(r.actual)}</td>
                <td className="num">{formatSignedPoints(r.rise)}</td>
                <td>
                  {r.actions
                    .map((a) => `${a.title} (${t.outcome.ruleNames[a.rule] ?? a.rule}; ${a.done ? t.outcome.actionDone : t.outcome.actionOpen})`)
                    .join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.outcome.total}</th>
              <td className="num">{formatPoints(outcome.total.before)}</td>
              <td className="num">{formatPoints(outcome.total.likely)}</td>
              <td className="num">{formatPoints(outcome.total.actual)}</td>
              <td className="num">{formatSignedPoints(roundPoints(outcome.total.actual - outcome.total.before))}</td>
              <td />
            </tr>
          </tfoot>
        </table>
        </TableFrame>
      </section>
    </>
  );
}
