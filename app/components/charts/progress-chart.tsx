import { AxisBottom, AxisLeft } from "@visx/axis";
import { curveStepAfter } from "@visx/curve";
import { Group } from "@visx/group";
import { scalePoint, scaleLinear } from "@visx/scale";
import { LinePath } from "@visx/shape";
import { useId } from "react";
import type { ProgressSeries } from "~/domain/progress-over-time.ts";
import { t } from "~/i18n/sv.ts";
import { CHART_COLORS } from "./colors.ts";
import { formatMonth } from "~/utils/format.ts";
import { bottomTickLabel, thinningClass, TICK_FONT_SIZE, TICK_INK } from "./tick-label.tsx";
import { TableFrame } from "~/components/ui/table-frame.tsx";

const WIDTH = 760;
const HEIGHT = 300;
// Room for axis labels that grow on narrow screens (phone.css, ADR 0044).
const MARGIN = { top: 20, right: 24, bottom: 52, left: 72 };
const PLANNED_COLOR = CHART_COLORS.planned;
const DONE_COLOR = CHART_COLORS.done;

/**
 * Done actions over time (solid line) against the plan (dashed steps), month by month up to the
 * evaluation. Server-rendered SVG; the same numbers follow as a table.
 */
export function ProgressChart({ progress }: { progress: ProgressSeries }) {
  const id = useId();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const months = progress.points.map((p) => p.month);
  // Whole units, as in the area chart (ADR 0046).
  const x = scalePoint<string>({ domain: months, range: [0, innerWidth], padding: 0.3, round: true });
  const y = scaleLinear<number>({ domain: [0, Math.max(4, progress.total)], range: [innerHeight, 0], nice: true, round: true });
  // At most six month labels, so that 12 px labels never collide.
  const every = Math.max(1, Math.ceil(months.length / 6));
  const done = progress.points.filter((p) => p.done !== null);
  const last = done.at(-1);
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t.readiness.progressTitle}</title>
        <desc id={`${id}-desc`}>{t.readiness.progressDescription}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(5).map((tick) => (
            <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="#d5dbe1" />
          ))}
          <LinePath
            data={progress.points}
            x={(p) => x(p.month) ?? 0}
            y={(p) => y(p.planned)}
            curve={curveStepAfter}
            stroke={PLANNED_COLOR}
            strokeWidth={2}
            strokeDasharray="6 4"
          />
          <LinePath data={done} x={(p) => x(p.month) ?? 0} y={(p) => y(p.done ?? 0)} stroke={DONE_COLOR} strokeWidth={3} />
          {done.map((p) => (
            <circle key={p.month} cx={x(p.month) ?? 0} cy={y(p.done ?? 0)} r={4} fill={DONE_COLOR}>
              <title>{`${formatMonth(p.month)}: ${p.done} ${t.readiness.progressDone.toLowerCase()}, ${p.planned} ${t.readiness.progressPlanned.toLowerCase()}`}</title>
            </circle>
          ))}
          {last ? <line x1={x(last.month) ?? 0} x2={x(last.month) ?? 0} y1={0} y2={innerHeight} stroke="#b34700" strokeDasharray="2 3" /> : null}
          <AxisLeft scale={y} numTicks={5} tickFormat={(n) => String(n)} stroke="#4a5560" tickStroke="#4a5560" tickLabelProps={{ fill: TICK_INK, fontSize: TICK_FONT_SIZE, className: "chart-label" }} />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={months.filter((_, i) => i % every === 0)}
            tickFormat={(m) => formatMonth(m)}
            stroke="#4a5560"
            tickStroke="#4a5560"
            tickLabelProps={(_, index) => ({ fontSize: TICK_FONT_SIZE, className: thinningClass(index) })}
            tickComponent={bottomTickLabel(false)}
          />
        </Group>
      </svg>
      <figcaption>
        <ul className="legend">
          <li>
            <span className="swatch swatch-dashed" style={{ borderColor: PLANNED_COLOR }} aria-hidden="true" />
            {t.readiness.progressPlanned}
          </li>
          <li>
            <span className="swatch" style={{ background: DONE_COLOR }} aria-hidden="true" />
            {t.readiness.progressDone}
          </li>
        </ul>
        {progress.dueAfterEvaluation > 0 ? <p className="muted">{t.readiness.progressDueAfter(progress.dueAfterEvaluation)}</p> : null}
      </figcaption>
      <details>
        <summary>{t.readiness.progressTable}</summary>
        <TableFrame label={t.readiness.progressTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.readiness.progressMonth}</th>
              <th scope="col" className="num">{t.readiness.progressPlanned}</th>
              <th scope="col" className="num">{t.readiness.progressDone}</th>
            </tr>
          </thead>
          <tbody>
            {progress.points.map((p) => (
              <tr key={p.month}>
                <th scope="row">{formatMonth(p.month)}</th>
                <td className="num">{p.planned}</td>
                <td className="num">{p.done ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
      </details>
    </figure>
  );
}
