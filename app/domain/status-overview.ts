import { daysBetween } from "./dates.ts";
import { isOpen, type ActionStatus } from "./actions/status.ts";
import { compareSwedish } from "./swedish-order.ts";

/**
 * The status page (*Översikt*, issue #14 item 1): per area, the counts of the plan and a traffic
 * light with a stated rule; the actions due soon. Pure: `today` (a Stockholm date) is passed in.
 * The rule and why it is this one: docs/decisions/0039-status-page-traffic-light.md.
 */

/** How far ahead *Översikt* lists the deadlines, in days. */
export const DUE_WITHIN_DAYS = 30;

export interface StatusAction {
  id: string;
  title: string;
  area: number;
  status: ActionStatus;
  /** YYYY-MM-DD */
  deadline: string;
  owner: string | null;
}

/** An area's figures from the projection the readiness page uses (sub-question points). */
export interface StatusAreaFigures {
  number: number;
  current: number;
  likely: number;
  maxPoints: number;
}

export interface AreaCounts {
  /** Every action of the area except the cancelled ones. */
  actions: number;
  done: number;
  inProgress: number;
  /** Open (not started or in progress) with the deadline passed. */
  late: number;
  /** Open (not started or in progress) without an owner. */
  withoutOwner: number;
}

export type Light = "red" | "yellow" | "green";

export type LightReason =
  | { kind: "late"; count: number }
  | { kind: "withoutOwner"; count: number }
  /** The likely gain is below half of the area's share of the gap to the target (red) or below the share (yellow). */
  | { kind: "gainShort"; severity: "red" | "yellow"; likelyGain: number; share: number };

export interface AreaStatus {
  number: number;
  counts: AreaCounts;
  current: number;
  likely: number;
  maxPoints: number;
  /** The area's share of the gap between now and the target; null without a target. */
  share: number | null;
  light: Light;
  reasons: LightReason[];
}

/** Late: not done or cancelled, and the deadline has passed (the plan's "Endast försenade"). */
export function isLateOn(action: { status: ActionStatus; deadline: string }, today: string): boolean {
  return isOpen(action.status) && action.deadline < today;
}

/** Counts of one area's actions; cancelled actions count nowhere. */
export function countActions(actions: readonly StatusAction[], today: string): AreaCounts {
  const counted = actions.filter((a) => a.status !== "CANCELLED");
  return {
    actions: counted.length,
    done: counted.filter((a) => a.status === "DONE").length,
    inProgress: counted.filter((a) => a.status === "IN_PROGRESS").length,
    late: counted.filter((a) => isLateOn(a, today)).length,
    withoutOwner: counted.filter((a) => isOpen(a.status) && a.owner === null).length,
  };
}

/**
 * Each area's share of the gap between the points now and the target: the gap spread over the
 * areas by the points still open in each. Null for every area without a target; 0 when the
 * target is reached or nothing is open.
 */
export function gapShares(areas: readonly StatusAreaFigures[], targetTotal: number | null): Map<number, number | null> {
  if (targetTotal === null) return new Map(areas.map((a) => [a.number, null]));
  const current = areas.reduce((s, a) => s + a.current, 0);
  const gap = Math.max(0, targetTotal - current);
  const open = (a: StatusAreaFigures) => Math.max(0, a.maxPoints - a.current);
  const totalOpen = areas.reduce((s, a) => s + open(a), 0);
  return new Map(areas.map((a) => [a.number, totalOpen === 0 ? 0 : Math.round(((gap * open(a)) / totalOpen) * 100) / 100]));
}

/**
 * The traffic light of an area:
 * - red: an action is late, or the likely gain is less than half of the area's share of the gap;
 * - yellow: an open action has no owner, or the likely gain is less than the area's share;
 * - green: none of these.
 * Without a target (share null) only lateness and ownership count.
 */
export function lightFor(input: { late: number; withoutOwner: number; likelyGain: number; share: number | null }): { light: Light; reasons: LightReason[] } {
  const reasons: LightReason[] = [];
  if (input.late > 0) reasons.push({ kind: "late", count: input.late });
  const gain = Math.round(input.likelyGain * 100) / 100;
  const share = input.share;
  const gainRed = share !== null && share > 0 && gain < share / 2;
  const gainYellow = share !== null && share > 0 && !gainRed && gain < share;
  if (gainRed) reasons.push({ kind: "gainShort", severity: "red", likelyGain: gain, share: share! });
  if (input.withoutOwner > 0) reasons.push({ kind: "withoutOwner", count: input.withoutOwner });
  if (gainYellow) reasons.push({ kind: "gainShort", severity: "yellow", likelyGain: gain, share: share! });
  const light: Light = input.late > 0 || gainRed ? "red" : input.withoutOwner > 0 || gainYellow ? "yellow" : "green";
  return { light, reasons };
}

/** Every area's counts and light, in area order. */
export function areaStatuses(
  areas: readonly StatusAreaFigures[],
  actions: readonly StatusAction[],
  targetTotal: number | null,
  today: string,
): AreaStatus[] {
  const shares = gapShares(areas, targetTotal);
  return [...areas]
    .sort((a, b) => a.number - b.number)
    .map((area) => {
      const counts = countActions(
        actions.filter((a) => a.area === area.number),
        today,
      );
      const share = shares.get(area.number) ?? null;
      const { light, reasons } = lightFor({ late: counts.late, withoutOwner: counts.withoutOwner, likelyGain: area.likely - area.current, share });
      return { number: area.number, counts, current: area.current, likely: area.likely, maxPoints: area.maxPoints, share, light, reasons };
    });
}

/** Open actions whose deadline is from today up to `days` days ahead, soonest first. */
export function dueWithin<A extends StatusAction>(actions: readonly A[], today: string, days = DUE_WITHIN_DAYS): A[] {
  return actions
    .filter((a) => isOpen(a.status) && a.deadline >= today && daysBetween(today, a.deadline) <= days)
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || compareSwedish(a.title, b.title));
}
