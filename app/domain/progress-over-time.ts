import type { ActionStatus } from "./actions/status.ts";

/**
 * Done actions over time against the plan, month by month up to the evaluation date: how many
 * actions the plan says should be done by each month's end (by deadline), and how many were
 * done by then (by completion date). Cancelled actions are not part of the plan. Pure.
 */

export interface ProgressAction {
  status: ActionStatus;
  /** YYYY-MM-DD */
  deadline: string;
  /** YYYY-MM-DD in Stockholm, for done actions. */
  completedAt: string | null;
}

export interface ProgressPoint {
  /** The point's date: the month's last day, or the evaluation date in its month. */
  date: string;
  /** YYYY-MM */
  month: string;
  /** Actions due by `date`. */
  planned: number;
  /** Actions done by `date`; null for points after today. */
  done: number | null;
}

export interface ProgressSeries {
  points: ProgressPoint[];
  /** Actions in the plan (every action that is not cancelled). */
  total: number;
  /** Planned actions whose deadline falls after the evaluation date. */
  dueAfterEvaluation: number;
}

/** The longest series drawn; a deadline decades away must not make a chart of hundreds of months. */
export const MAX_MONTHS = 60;

const monthOf = (date: string) => date.slice(0, 7);

function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function progressOverTime(
  actions: readonly ProgressAction[],
  options: { today: string; evaluationDate: string | null },
): ProgressSeries {
  const planned = actions.filter((a) => a.status !== "CANCELLED");
  const completions = planned.flatMap((a) => (a.status === "DONE" && a.completedAt ? [a.completedAt] : []));
  const deadlines = planned.map((a) => a.deadline);
  const end = options.evaluationDate ?? [options.today, ...deadlines].reduce((a, b) => (a > b ? a : b));
  const startCandidates = [options.today, ...deadlines, ...completions].filter((d) => d <= end);
  let month = monthOf(startCandidates.length ? startCandidates.reduce((a, b) => (a < b ? a : b)) : end);
  const endMonth = monthOf(end);
  const points: ProgressPoint[] = [];
  while (month <= endMonth) {
    const date = month === endMonth ? end : lastDayOf(month);
    points.push({
      date,
      month,
      planned: deadlines.filter((d) => d <= date).length,
      done: month <= monthOf(options.today) ? completions.filter((d) => d <= date).length : null,
    });
    month = nextMonth(month);
  }
  return {
    points: points.slice(-MAX_MONTHS),
    total: planned.length,
    dueAfterEvaluation: options.evaluationDate === null ? 0 : deadlines.filter((d) => d > options.evaluationDate!).length,
  };
}
