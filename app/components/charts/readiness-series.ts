import type { PreviousEvaluation } from "~/domain/follow-up-report.ts";
import type { Figures } from "~/domain/projection.ts";
import { t } from "~/i18n/sv.ts";
import type { ChartSeries } from "./area-score-chart.tsx";
import { CHART_COLORS } from "./colors.ts";

/**
 * The bars of the readiness chart per area: the previous evaluation (when there is one), now,
 * likely and possible. The same series on the readiness page, the report and its PDF.
 */
export function readinessSeries(areas: ReadonlyArray<Figures & { number: number }>, previous: PreviousEvaluation | null): ChartSeries[] {
  return [
    ...(previous
      ? [
          {
            label: t.chart.previous(previous.year),
            color: CHART_COLORS.previous,
            values: areas.map((a) => previous.areas.find((p) => p.number === a.number)?.points ?? null),
          },
        ]
      : []),
    { label: t.readiness.current, color: CHART_COLORS.current, values: areas.map((a) => a.current) },
    { label: t.readiness.likely, color: CHART_COLORS.likely, values: areas.map((a) => a.likely) },
    { label: t.readiness.potential, color: CHART_COLORS.potential, values: areas.map((a) => a.potential) },
  ];
}
