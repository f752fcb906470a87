import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AreaScoreChart } from "~/components/charts/area-score-chart.tsx";
import type { AreaRow } from "~/domain/comparison.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { formatPoints } from "~/utils/format.ts";
import { correspondencePaths, paths } from "~/paths.ts";
import { comparisonOverTime } from "~/workflows/comparison.server.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export const meta: MetaFunction = () => [{ title: `${t.compare.title} – ${t.app.name}` }];

const MAX_EVALUATIONS = 6;
const COLORS = ["#5f6b76", "#b34700", "#5b3f8c", "#1d6b36", "#6b5b00", "#0b4f6c"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  return { municipality, comparison: await comparisonOverTime(municipality.id, MAX_EVALUATIONS) };
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
  const label = (e: { year: number; versionName: string }) => `${e.year} (${e.versionName})`;
  const mapped = new Set(questions.mappedIndexes);
  const mappedVersions = [...new Set(questions.mappedIndexes.map((i) => evaluations[i]!.versionName))];
  return (
    <>
      <h1>{t.compare.title}</h1>
      <p className="lead">{t.compare.intro}</p>
      {!comparison.comparable && comparison.areasLineUp ? (
        <p className="notice" role="note">
          {t.compare.caveat}
        </p>
      ) : null}
      {!comparison.areasLineUp ? (
        <p className="notice" role="note">
          {t.correspondence.areasDiffer}
        </p>
      ) : null}
      {mappedVersions.length > 0 ? (
        <p className="notice" role="note">
          {t.correspondence.compareCaveat(`${mappedVersions.join(", ")} → ${questions.versionName}`)}
        </p>
      ) : null}
      {!comparison.comparable ? (
        <p>
          <Link to={correspondencePaths.municipality(municipality.slug)}>{t.correspondence.link}</Link>
        </p>
      ) : null}
      {comparison.areasLineUp ? (
        <AreaTable
          headingId="area-heading"
          heading={t.compare.perArea}
          areas={areas}
          columns={evaluations.map((e, i) => ({ evaluation: e, color: colors[i]!, index: i }))}
          slug={municipality.slug}
          label={label}
        />
      ) : (
        comparison.areaGroups.map((group) => (
          <AreaTable
            key={group.versionKey}
            headingId={`area-heading-${group.versionKey}`}
            heading={t.correspondence.perVersionAreas(group.versionName)}
            areas={group.areas}
            columns={group.evaluationIndexes.map((i, n) => ({ evaluation: evaluations[i]!, color: colors[i]!, index: n }))}
            slug={municipality.slug}
            label={label}
          />
        ))
      )}
      {questions.evaluationIndexes.length > 1 ? (
        <section className="card" aria-labelledby="question-heading">
          <h2 id="question-heading">{t.compare.perQuestion(questions.versionName)}</h2>
          <TableFrame label={t.compare.perQuestion(questions.versionName)}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.evaluation.code}</th>
                <th scope="col">{t.evaluation.question}</th>
                {questions.evaluationIndexes.map((i) => (
                  <th key={i} scope="col" className="num">
                    {mapped.has(i) ? t.correspondence.mappedHeading(evaluations[i]!.year) : evaluations[i]!.year}
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
          </TableFrame>
          {mapped.size > 0 ? <p className="muted">{t.correspondence.mappedNote}</p> : null}
        </section>
      ) : null}
    </>
  );
}

interface Column {
  evaluation: { id: string; year: number; versionName: string; total: number };
  color: string;
  /** The evaluation's place among this table's values. */
  index: number;
}

/** Points per area for some evaluations (all of them, or those of one version), with a chart and the totals. */
function AreaTable({ headingId, heading, areas, columns, slug, label }: {
  headingId: string;
  heading: string;
  areas: AreaRow[];
  columns: Column[];
  slug: string;
  label: (e: Column["evaluation"]) => string;
}) {
  const values = (a: AreaRow) => columns.map((c) => a.values[c.index] ?? null);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <AreaScoreChart
        areas={areas}
        series={columns.map((c) => ({ label: label(c.evaluation), color: c.color, values: areas.map((a) => a.values[c.index] ?? null) }))}
        title={heading}
        description={`${heading}: ${columns.map((c) => c.evaluation.year).join(", ")}`}
      />
      <TableFrame label={heading}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.start.area}</th>
            {columns.map((c) => (
              <th key={c.evaluation.id} scope="col" className="num">
                <Link to={paths.evaluation(slug, c.evaluation.id)}>{c.evaluation.year}</Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {areas.map((a) => (
            <tr key={a.number}>
              <th scope="row">{t.evaluation.areaHeading(a.number, a.name)}</th>
              {values(a).map((v, i) => (
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
            {columns.map((c) => (
              <td key={c.evaluation.id} className="num">
                {formatPoints(c.evaluation.total)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      </TableFrame>
    </section>
  );
}
