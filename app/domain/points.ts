/**
 * Exact arithmetic on points. Points are printed with at most two decimals (usually halves),
 * so we compute in integer hundredths and never accumulate binary floating-point error.
 */

export type PointsInput = number | string | { toString(): string };

export function toHundredths(value: PointsInput): number {
  // A number (below 10^12, where its hundredths stay exact) whose hundredths give it back exactly
  // is one String() writes with at most two decimals: the same answer as reading its text,
  // without the text (a projection asks ~10,000 times a page). Anything else is read as text,
  // and refused there.
  if (typeof value === "number" && Math.abs(value) < 1e12) {
    const hundredths = Math.round(value * 100);
    if (hundredths / 100 === value) return hundredths + 0;
  }
  const text = String(value).trim().replace(",", ".");
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) {
    throw new RangeError(`Not a points value with at most two decimals: ${text}`);
  }
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return negative ? -hundredths : hundredths;
}

export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

export function sumPoints(values: readonly PointsInput[]): number {
  return fromHundredths(values.reduce<number>((acc, v) => acc + toHundredths(v), 0));
}

/** A computed figure (a weighted sum, a difference) rounded to the hundredths points are kept in. */
export function roundPoints(value: number): number {
  return Math.round(value * 100) / 100;
}

export function toPoints(value: PointsInput): number {
  return fromHundredths(toHundredths(value));
}

/** Whole-number percent of max, rounded half up, as the reports print it. */
export function percentOf(points: PointsInput, maxPoints: PointsInput): number {
  const max = toHundredths(maxPoints);
  if (max <= 0) return 0;
  return Math.round((toHundredths(points) * 100) / max);
}
