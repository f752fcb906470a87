import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AreaScoreChart } from "~/components/charts/area-score-chart.tsx";
import { compareOverTime } from "~/domain/comparison.ts";
import { scoreEvaluation } from "~/domain/scoring.ts";
import { t } from "~/i18n/sv.ts";
import { getLatestEvaluations } from "~/models/evaluation.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { formatPoints } from "~/utils/format.ts";
import { paths } from "~/paths.ts";

export const meta: MetaFunction = () => [{ title: `${t.compare.title} – ${t.app.name}` }];

const MAX_EVALUATIONS = 6;
const COLORS = ["#5f6b76", "#b34700", "#5b3f8c", "#1d6b36", "#6b5b00", "#0b4f6c"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  const evaluations = await getLatestEvaluations(municipality.id, MAX_EVALUATIONS);
  return {
    municipality,
    comparison: compareOverTime(
      evaluations.map((e) => ({
        id: e.id,
        year: e.year,
        versionKey: e.frameworkVersion.key,
        versionName: e.frameworkVersion.name,
        scored: scoreEvaluation(e.areas, e.statedTotal),
      })),
    ),
  };
}

export default function Compare() {
  const { municipality, comparison } = useLoaderData<typeof loader>();
  const { evaluations, areas, questions } = comparison;
  if (evaluations.length < 2) {
    return (
      <>
        <h1>{t.compare.title}</h1>
        <p className="notice">{t.compare.needTwo}</p>
      </>
    );
  }
  const colors = evaluations.map((_, i) => COLORS[(COLORS.length - evaluations.length + i) % COLORS.length]!);
  const label = (e: (typeof evaluations)[number]) => `${e.year} (${e.versionName})`;
  return (
    <>
      <h1>{t.compare.title}</h1>
      <p className="lead">{t.compare.intro}</p>
      {!comparison.comparable ? (
        <p className="notice" role="note">
          {t.compare.caveat}
        </p>
      ) : null}
      <section className="card" aria-labelledby="area-heading">
        <h2 id="area-heading">{t.compare.perArea}</h2>
        <AreaScoreChart
          areas={areas}
          series={evaluations.map((e, i) => ({ label: label(e), color: colors[i]!, values: areas.map((a) => a.values[i] ?? null) }))}
          title={t.compare.perArea}
          description={`${t.compare.perArea}: ${evaluations.map((e) => e.year).join(", ")}`}
        />
        <table>
          <thead>
            <tr>
              <th scope="col">{t.start.area}</th>
              {evaluations.map((e) => (
                <th key={e.id} scope="col" className="num">
                  <Link to={paths.evaluation(municipality.slug, e.id)}>{e.year}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.number}>
                <th scope="row">{t.evaluation.areaHeading(a.number, a.name)}</th>
                {a.values.map((v, i) => (
                  <td key={i} className="num">
                    {v === null ? "–" : formatPoints(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.compare.total}</th>
              {evaluations.map((e) => (
                <td key={e.id} className="num">
                  {formatPoints(e.total)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </section>
      {questions.evaluationIndexes.length > 1 ? (
        <section className="card" aria-labelledby="question-heading">
          <h2 id="question-heading">{t.compare.perQuestion(questions.versionName)}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.evaluation.code}</th>
                <th scope="col">{t.evaluation.question}</th>
                {questions.evaluationIndexes.map((i) => (
                  <th key={i} scope="col" className="num">
                    {evaluations[i]!.year}
                  </th>
                ))}
                <th scope="col" className="num">{t.evaluation.max}</th>
              </tr>
            </thead>
            <tbody>
              {questions.rows.map((q) => (
                <tr key={q.code}>
                  <td>{q.code}</td>
                  <td>{q.text}</td>
                  {q.values.map((v, i) => (
                    <td key={i} className="num">
                      {v === null ? "–" : formatPoints(v)}
                    </td>
                  ))}
                  <td className="num">{formatPoints(q.maxPoints)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
