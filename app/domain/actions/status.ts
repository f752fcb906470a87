import { daysBetween, stockholmDate } from "../dates.ts";
import { compareSwedish } from "../swedish-order.ts";

/** Action statuses and what may change them. Late is derived from the deadline, never stored. */

export type ActionStatus = "NOT_STARTED" | "IN_PROGRESS" | "DONE" | "CANCELLED";
export const STATUSES: readonly ActionStatus[] = ["NOT_STARTED", "IN_PROGRESS", "DONE", "CANCELLED"];

export function isOpen(status: ActionStatus): boolean {
  return status === "NOT_STARTED" || status === "IN_PROGRESS";
}

/** Days past the deadline (YYYY-MM-DD) on the Stockholm date `today`; 0 when not late or closed. */
export function daysLateOn(action: { status: ActionStatus; deadline: string }, today: string): number {
  if (!isOpen(action.status)) return 0;
  return Math.max(0, daysBetween(action.deadline, today));
}

/** Days past the deadline at `now` in Stockholm; 0 when not late or closed. */
export function daysLate(action: { status: ActionStatus; deadline: string }, now: Date): number {
  return daysLateOn(action, stockholmDate(now));
}

export function isLate(action: { status: ActionStatus; deadline: string }, now: Date): boolean {
  return daysLate(action, now) > 0;
}

/** "Mina åtgärder": late first (most late first), then open by deadline, then closed. */
export function compareForOwner(now: Date) {
  return (a: { status: ActionStatus; deadline: string; title: string }, b: { status: ActionStatus; deadline: string; title: string }) => {
    const rank = (x: typeof a) => (isLate(x, now) ? 0 : isOpen(x.status) ? 1 : 2);
    return rank(a) - rank(b) || a.deadline.localeCompare(b.deadline) || compareSwedish(a.title, b.title);
  };
}

export type StatusChangeError = "reason-required" | "evidence-required" | "unchanged";

/**
 * Whether a status change is allowed: done needs at least one note or piece of evidence,
 * cancelled needs a reason.
 */
export function checkStatusChange(
  from: ActionStatus,
  to: ActionStatus,
  context: { notesAndEvidence: number; reason: string | null },
): StatusChangeError | null {
  if (from === to) return "unchanged";
  if (to === "DONE" && context.notesAndEvidence === 0) return "evidence-required";
  if (to === "CANCELLED" && !context.reason?.trim()) return "reason-required";
  return null;
}
