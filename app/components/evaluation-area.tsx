import type { ScoredArea } from "~/domain/scoring.ts";
import { t } from "~/i18n/sv.ts";
import { formatPoints } from "~/utils/format.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

interface Props {
  area: ScoredArea;
  lists: { headings: string[]; strengths: string[]; improvements: string[]; goodExamples: string[] };
}

/** One area of an evaluation: the score table, the stated-vs-summed difference, and the lists. */
export function EvaluationAreaSection({ area, lists }: Props) {
  const headingId = `area-${area.number}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.evaluation.areaHeading(area.number, area.name)}</h2>
      <TableFrame label={t.evaluation.areaHeading(area.number, area.name)}>
      <table>
        <caption className="visually-hidden">{t.evaluation.areaHeading(area.number, area.name)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.evaluation.code}</th>
            <th scope="col">{t.evaluation.question}</th>
            <th scope="col" className="num">{t.evaluation.points}</th>
            <th scope="col" className="num">{t.evaluation.max}</th>
            <th scope="col" className="num">{t.evaluation.percent}</th>
          </tr>
        </thead>
        <tbody>
          {area.questions.map((q) => (
            <tr key={q.code}>
              <td>{q.code}</td>
              <td>{q.text}</td>
              <td className="num">{q.points === null ? t.evaluation.missing : formatPoints(q.points)}</td>
              <td className="num">{formatPoints(q.maxPoints)}</td>
              <td className="num">
                {q.percent === null ? "–" : `${q.percent} %`}
                {q.printedPercentDiffers && q.printedPercent !== null ? (
                  <>
                    <br />
                    <small className="muted">{t.evaluation.printedPercent(q.printedPercent)}</small>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>{t.evaluation.areaTotal}</td>
            <td className="num">{formatPoints(area.points)}</td>
            <td className="num">{formatPoints(area.maxPoints)}</td>
            <td className="num">{area.percent} %</td>
          </tr>
        </tfoot>
      </table>
      </TableFrame>
      {area.statedPoints !== null && area.difference !== 0 ? (
        <p className="notice" data-testid={`area-${area.number}-difference`}>
          {t.evaluation.statedAreaTotal(formatPoints(area.statedPoints), formatPoints(area.computedPoints))}
        </p>
      ) : null}
      <div className="lists">
        <ItemList title={t.evaluation.strengths} items={lists.strengths} />
        <ItemList title={t.evaluation.improvements} items={lists.improvements} />
      </div>
      {lists.goodExamples.length ? (
        <p>
          <strong>{t.evaluation.goodExamples}:</strong> {lists.goodExamples.join(", ")}
        </p>
      ) : null}
    </section>
  );
}

function ItemList({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      <h3>{title}</h3>
      {items.length ? (
        <ul>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.evaluation.none}</p>
      )}
    </div>
  );
}
