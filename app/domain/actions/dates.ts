/** Calendar dates in Europe/Stockholm, as ISO strings (YYYY-MM-DD). Pure: `now` is passed in. */

const stockholm = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date it is in Stockholm at the given instant. */
export function stockholmDate(instant: Date): string {
  return stockholm.format(instant);
}

/** A DATE column's value (midnight UTC) as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
