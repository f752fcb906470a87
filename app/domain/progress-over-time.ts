import type { ActionStatus } from "./actions/status.ts";
import { clampDate, lastDayOfMonthIndex, monthIndex, monthOfIndex } from "./dates.ts";

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

export function progressOverTime(
  actions: readonly ProgressAction[],
  options: { today: string; evaluationDate: string | null },
): ProgressSeries {
  // Dates stored before the accepted range existed (a deadline of 9999-12-31) are read as the
  // range's edge, so the series stays within MIN_DATE..MAX_DATE and its months format.
  const today = clampDate(options.today);
  const evaluationDate = options.evaluationDate === null ? null : clampDate(options.evaluationDate);
  const planned = actions.filter((a) => a.status !== "CANCELLED");
  const completions = planned.flatMap((a) => (a.status === "DONE" && a.completedAt ? [clampDate(a.completedAt)] : []));
  const deadlines = planned.map((a) => clampDate(a.deadline));
  const end = evaluationDate ?? [today, ...deadlines].reduce((a, b) => (a > b ? a : b));
  const startCandidates = [today, ...deadlines, ...completions].filter((d) => d <= end);
  const endMonth = monthIndex(end);
  const firstMonth = monthIndex(startCandidates.length ? startCandidates.reduce((a, b) => (a < b ? a : b)) : end);
  // Only the last MAX_MONTHS months are drawn, so only those are computed: at most MAX_MONTHS
  // iterations whatever the dates, on month numbers (year × 12 + month), never on Date objects.
  const startMonth = Math.max(firstMonth, endMonth - MAX_MONTHS + 1);
  const todayMonth = monthIndex(today);
  const points: ProgressPoint[] = [];
  for (let month = startMonth; month <= endMonth; month++) {
    const date = month === endMonth ? end : lastDayOfMonthIndex(month);
    points.push({
      date,
      month: monthOfIndex(month),
      planned: deadlines.filter((d) => d <= date).length,
      done: month <= todayMonth ? completions.filter((d) => d <= date).length : null,
    });
  }
  return {
    points,
    total: planned.length,
    dueAfterEvaluation: evaluationDate === null ? 0 : deadlines.filter((d) => d > evaluationDate).length,
  };
}
