import type { TickRendererProps } from "@visx/axis";

/**
 * Axis labels that stay readable when the chart is scaled down to a phone's width (ADR 0044):
 * the `chart-label` class lets phone.css grow their font in user units, and the label is placed
 * below its tick in `em`, so it moves down as it grows instead of running into the axis.
 */
export const TICK_FONT_SIZE = 12;
export const TICK_INK = "#1b1f24";

/** Classes that let narrow screens thin out labels that would collide: every 2nd is hidden there. */
export function thinningClass(index: number): string {
  return index % 2 ? "chart-label tick-minor" : "chart-label";
}

/** A bottom-axis label; with `shortenable`, all but its last word may be hidden on narrow screens ("Omr. 3" → "3"). */
export function bottomTickLabel(shortenable: boolean) {
  // visx puts `y` one font size below the tick's end; the label is placed from the tick's end instead.
  return function BottomTickLabel({ x, y, formattedValue, className, fontSize }: TickRendererProps) {
    const text = formattedValue ?? "";
    const cut = shortenable ? text.lastIndexOf(" ") : -1;
    return (
      <text x={x} y={y - Math.max(10, Number(fontSize ?? 0) || 0)} dy="1.05em" textAnchor="middle" fill={TICK_INK} fontSize={TICK_FONT_SIZE} className={className ?? "chart-label"}>
        {cut > 0 ? (
          <>
            <tspan className="tick-prefix">{text.slice(0, cut + 1)}</tspan>
            {text.slice(cut + 1)}
          </>
        ) : (
          text
        )}
      </text>
    );
  };
}
