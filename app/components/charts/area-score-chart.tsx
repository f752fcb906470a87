import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { useId } from "react";
import { formatPoints } from "~/utils/format.ts";
import { bottomTickLabel, TICK_FONT_SIZE, TICK_INK } from "./tick-label.tsx";

export interface ChartSeries {
  label: string;
  color: string;
  /** Points per area, in the order of `areas`; null where the series has no value. */
  values: Array<number | null>;
}

interface AreaScoreChartProps {
  areas: Array<{ number: number; name: string; maxPoints: number }>;
  series: ChartSeries[];
  title: string;
  description: string;
}

const WIDTH = 760;
const HEIGHT = 320;
// Room for axis labels that grow on narrow screens (phone.css, ADR 0044).
const MARGIN = { top: 20, right: 16, bottom: 48, left: 72 };

/**
 * Grouped bars, one group per area, scored out of the area's max. Rendered as SVG on the
 * server, so it shows without JavaScript; the caller offers the same numbers as a table.
 */
export function AreaScoreChart({ areas, series, title, description }: AreaScoreChartProps) {
  const id = useId();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(100, ...areas.map((a) => a.maxPoints));
  // Whole units (`round`): full-precision coordinates ("201.60000000000002") were a third of the
  // chart's markup, written, compressed and sent on every page that shows it (ADR 0046); in a
  // 760-unit drawing a whole unit is finer than a screen pixel at most widths.
  const x = scaleBand<number>({ domain: areas.map((a) => a.number), range: [0, innerWidth], padding: 0.25, round: true });
  const inner = scaleBand<number>({ domain: series.map((_, i) => i), range: [0, x.bandwidth()], padding: 0.1, round: true });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true, round: true });
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(5).map((tick) => (
            <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="#d5dbe1" />
          ))}
          {areas.map((area, areaIndex) => (
            <Group key={area.number} left={x(area.number) ?? 0}>
              {series.map((s, i) => {
                const value = s.values[areaIndex];
                if (value === null || value === undefined) return null;
                const barY = y(value);
                return (
                  <Bar
                    key={s.label}
                    x={inner(i) ?? 0}
                    y={barY}
                    width={inner.bandwidth()}
                    height={innerHeight - barY}
                    fill={s.color}
                  >
                    <title>{`${area.number}. ${area.name}, ${s.label}: ${formatPoints(value)} av ${formatPoints(area.maxPoints)}`}</title>
                  </Bar>
                );
              })}
            </Group>
          ))}
          <AxisLeft scale={y} numTicks={5} stroke="#4a5560" tickStroke="#4a5560" tickLabelProps={{ fill: TICK_INK, fontSize: TICK_FONT_SIZE, className: "chart-label" }} />
          <AxisBottom
            top={innerHeight}
            scale={x}
            stroke="#4a5560"
            tickStroke="#4a5560"
            tickFormat={(n) => `Omr. ${n}`}
            tickLabelProps={{ fontSize: TICK_FONT_SIZE }}
            tickComponent={bottomTickLabel(true)}
          />
        </Group>
      </svg>
      <figcaption>
        <ul className="legend">
          {series.map((s) => (
            <li key={s.label}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
