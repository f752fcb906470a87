import { PLAN_QUERY } from "~/paths.ts";
import { matchesCommittee, parseCommitteeFilter, type CommitteeFilter } from "../committees.ts";
import { isLate, isOpen, STATUSES, type ActionStatus } from "./status.ts";
import { compareSwedish } from "../swedish-order.ts";

/** Filtering and counting the plan for the plan page and the exports. Pure. */

export interface PlanFilters {
  status: ActionStatus | null;
  ownerId: string | null;
  area: number | null;
  late: boolean;
  noAction: boolean;
  /** Only open (not started or in progress) actions without an owner. */
  withoutOwner: boolean;
  /** A committee's id, NO_COMMITTEE, or null for all (issue #14, item 5). */
  committee: CommitteeFilter;
}

interface ActionLike {
  status: ActionStatus;
  deadline: string;
  ownerId: string | null;
  committeeId?: string | null;
}

interface PlanLike<A extends ActionLike> {
  areas: Array<{ number: number; items: Array<{ id: string; text: string; actions: A[] }> }>;
}

export interface PlanCounts {
  items: number;
  actions: number;
  byStatus: Record<ActionStatus, number>;
  late: number;
  itemsWithoutAction: number;
}

export function countPlan<A extends ActionLike>(plan: PlanLike<A>, now: Date): PlanCounts {
  const items = plan.areas.flatMap((a) => a.items);
  const actions = items.flatMap((i) => i.actions);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  for (const a of actions) byStatus[a.status]++;
  return {
    items: items.length,
    actions: actions.length,
    byStatus,
    late: actions.filter((a) => isLate(a, now)).length,
    itemsWithoutAction: items.filter((i) => i.actions.length === 0).length,
  };
}

/** Keeps the areas, items and actions that match; an item stays when one of its actions does. */
export function filterPlan<A extends ActionLike, P extends PlanLike<A>>(plan: P, filters: PlanFilters, now: Date): P {
  const actionMatches = (a: A) =>
    (filters.status === null || a.status === filters.status) &&
    (filters.ownerId === null || a.ownerId === filters.ownerId) &&
    (!filters.late || isLate(a, now)) &&
    (!filters.withoutOwner || (a.ownerId === null && isOpen(a.status))) &&
    matchesCommittee(a.committeeId, filters.committee);
  const actionFilterActive =
    filters.status !== null || filters.ownerId !== null || filters.late || filters.withoutOwner || filters.committee !== null;
  const areas = plan.areas
    .filter((area) => filters.area === null || area.number === filters.area)
    .map((area) => ({
      ...area,
      items: area.items
        .map((item) => ({ ...item, actions: item.actions.filter(actionMatches) }))
        .filter((item, index) => {
          const original = area.items[index]!;
          if (filters.noAction) return original.actions.length === 0;
          return !actionFilterActive || item.actions.length > 0;
        }),
    }))
    .filter((area) => area.items.length > 0);
  return { ...plan, areas };
}

export function parseFilters(params: URLSearchParams): PlanFilters {
  const status = params.get(PLAN_QUERY.status);
  const area = Number(params.get(PLAN_QUERY.area));
  return {
    status: STATUSES.includes(status as ActionStatus) ? (status as ActionStatus) : null,
    ownerId: params.get(PLAN_QUERY.owner) || null,
    area: Number.isInteger(area) && area >= 1 && area <= 8 ? area : null,
    late: params.get(PLAN_QUERY.late) === "1",
    noAction: params.get(PLAN_QUERY.noAction) === "1",
    withoutOwner: params.get(PLAN_QUERY.withoutOwner) === "1",
    committee: parseCommitteeFilter(params),
  };
}

/**
 * The people the plan's owner filter offers: the members, and anyone who owns an action in the
 * plan without being a member (any more), so that no owner ever disappears from the filter.
 * Sorted by name.
 */
export function ownerChoices(
  members: ReadonlyArray<{ id: string; name: string }>,
  plan: { areas: ReadonlyArray<{ items: ReadonlyArray<{ actions: ReadonlyArray<{ ownerId: string | null; ownerName: string | null }> }> }> },
): Array<{ id: string; name: string }> {
  const choices = new Map(members.map((m) => [m.id, { id: m.id, name: m.name }]));
  for (const area of plan.areas)
    for (const item of area.items)
      for (const a of item.actions) if (a.ownerId && !choices.has(a.ownerId)) choices.set(a.ownerId, { id: a.ownerId, name: a.ownerName ?? a.ownerId });
  return [...choices.values()].sort((a, b) => compareSwedish(a.name, b.name));
}
