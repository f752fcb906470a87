import type { Figures } from "~/domain/projection.ts";
import { t } from "~/i18n/sv.ts";
import { formatPoints } from "~/utils/format.ts";

/** The four readiness figures and the max, as table headings and as one row's cells. */
export function FigureHeadings() {
  return (
    <>
      <th scope="col" className="num">{t.readiness.current}</th>
      <th scope="col" className="num">{t.readiness.secured}</th>
      <th scope="col" className="num">{t.readiness.likely}</th>
      <th scope="col" className="num">{t.readiness.potential}</th>
      <th scope="col" className="num">{t.evaluation.max}</th>
    </>
  );
}

export function FigureCells({ figures }: { figures: Figures }) {
  return (
    <>
      <td className="num">{formatPoints(figures.current)}</td>
      <td className="num">{formatPoints(figures.secured)}</td>
      <td className="num">{formatPoints(figures.likely)}</td>
      <td className="num">{formatPoints(figures.potential)}</td>
      <td className="num">{formatPoints(figures.maxPoints)}</td>
    </>
  );
}
