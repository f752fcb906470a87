import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LIKELIHOOD_RULES, whereArePoints } from "~/domain/projection.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/services/access.server.ts";
import { readinessFor } from "~/services/readiness.server.ts";
import { formatDate, formatPoints } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: `${t.readiness.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  const result = await readinessFor(municipality.id, new Date());
  if (!result) return { municipality, result: null, where: [] };
  const deadlines = new Map(result.actions.map((a) => [a.id, a.deadline]));
  return { municipality, result, where: whereArePoints(result.projection, result.nextEvaluationDate, deadlines).slice(0, 15) };
}

const ruleText = (id: string) => LIKELIHOOD_RULES.find((r) => r.id === id)?.text ?? id;

export default function Readiness() {
  const { municipality, result, where } = useLoaderData<typeof loader>();
  if (!result) {
    return (
      <>
        <h1>{t.readiness.title}</h1>
        <p className="notice">{t.readiness.noEvaluation}</p>
      </>
    );
  }
  const { projection } = result;
  const cells = (f: { current: number; secured: number; likely: number; potential: number; maxPoints: number }) => (
    <>
      <td className="num">{formatPoints(f.current)}</td>
      <td className="num">{formatPoints(f.secured)}</td>
      <td className="num">{formatPoints(f.likely)}</td>
      <td className="num">{formatPoints(f.potential)}</td>
      <td className="num">{formatPoints(f.maxPoints)}</td>
    </>
  );
  const head = (
    <tr>
      <th scope="col">{t.start.area}</th>
      <th scope="col" className="num">{t.readiness.current}</th>
      <th scope="col" className="num">{t.readiness.secured}</th>
      <th scope="col" className="num">{t.readiness.likely}</th>
      <th scope="col" className="num">{t.readiness.potential}</th>
      <th scope="col" className="num">{t.evaluation.max}</th>
    </tr>
  );
  return (
    <>
      <h1>{t.readiness.title}</h1>
      <p className="lead">{t.readiness.intro(result.nextEvaluationDate ? formatDate(result.nextEvaluationDate) : null)}</p>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t.evaluation.title(result.evaluation.year)} → {t.readiness.title.toLowerCase()}</h2>
        <table>
          <thead>{head}</thead>
          <tbody>
            {projection.areas.map((a) => (
              <tr key={a.number}>
                <th scope="row">
                  <a href={`#area-${a.number}`}>{a.number}</a>
                </th>
                {cells(a)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.readiness.total}</th>
              {cells(projection.total)}
            </tr>
          </tfoot>
        </table>
      </section>
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t.readiness.rulesTitle}</h2>
        <p>{t.readiness.rulesIntro}</p>
        <ul>
          {LIKELIHOOD_RULES.map((r) => (
            <li key={r.id}>{r.text}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="where-heading">
        <h2 id="where-heading">{t.readiness.whereTitle}</h2>
        <p>{t.readiness.whereIntro}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.evaluation.code}</th>
              <th scope="col">{t.evaluation.question}</th>
              <th scope="col" className="num">{t.readiness.open}</th>
              <th scope="col" className="num">{t.readiness.actions}</th>
              <th scope="col">
                <span className="visually-hidden">Flaggor</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {where.map((w) => (
              <tr key={w.code}>
                <td>{w.code}</td>
                <td>{w.text}</td>
                <td className="num">{formatPoints(w.open)}</td>
                <td className="num">{w.actions}</td>
                <td>
                  {w.largeGapWithoutAction ? <span className="badge late">{t.readiness.flagNoAction}</span> : null}
                  {w.actionsAfterEvaluation > 0 ? <span className="badge late">{t.readiness.flagAfter(w.actionsAfterEvaluation)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {projection.areas.map((a) => (
        <section key={a.number} id={`area-${a.number}`} className="card" aria-labelledby={`area-heading-${a.number}`}>
          <h2 id={`area-heading-${a.number}`}>
            {t.start.area} {a.number}
          </h2>
          {projection.questions
            .filter((q) => q.area === a.number)
            .map((q) => (
              <details key={q.code}>
                <summary>
                  {q.code} {q.text}: {t.readiness.current.toLowerCase()} {formatPoints(q.current)}, {t.readiness.secured.toLowerCase()}{" "}
                  {formatPoints(q.secured)}, {t.readiness.likely.toLowerCase()} {formatPoints(q.likely)}, {t.readiness.potential.toLowerCase()}{" "}
                  {formatPoints(q.potential)} {t.start.outOf(q.maxPoints)}
                </summary>
                {q.contributions.length === 0 ? (
                  <p className="muted">{t.readiness.noContributions}</p>
                ) : (
                  <ul>
                    {q.contributions.map((c) => (
                      <li key={c.actionId}>
                        <Link to={`/k/${municipality.slug}/atgarder/${c.actionId}`}>
                          {t.readiness.contribution(c.title, formatPoints(c.effect), c.weight, ruleText(c.rule))}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </details>
            ))}
        </section>
      ))}
    </>
  );
}
