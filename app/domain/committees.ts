import { compareSwedish } from "./swedish-order.ts";
import { COMMITTEE_QUERY, NO_COMMITTEE } from "~/paths.ts";
import { STATUSES, type ActionStatus } from "./actions/status.ts";
import { compareReports, type ReportAction, type ReportChanges, type ReportSnapshot } from "./follow-up-report.ts";
import { progressOverTime } from "./progress-over-time.ts";

/**
 * Committees and departments (nämnder och förvaltningar) that own actions (issue #14, item 5;
 * ADR 0041): the key names are unique by, the filter read from an address, the plan grouped by
 * committee and the follow-up report narrowed to one. Pure.
 */

/** The key names are unique by: trimmed, inner spaces collapsed, lower-cased by Swedish rules. */
export const committeeNameKey = (value: string) => value.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv-SE");

/** A committee filter: one committee's id, or NO_COMMITTEE for actions without one. Null: no filter. */
export type CommitteeFilter = string | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?namnd=<id>` or `?namnd=ingen`; anything else (empty, not an id) is no filter. */
export function parseCommitteeFilter(params: URLSearchParams): CommitteeFilter {
  const value = params.get(COMMITTEE_QUERY.committee)?.trim() ?? "";
  if (value === NO_COMMITTEE) return NO_COMMITTEE;
  return UUID.test(value) ? value.toLowerCase() : null;
}

/** Whether an action with this committee (null: none) passes the filter. */
export function matchesCommittee(committeeId: string | null | undefined, filter: CommitteeFilter): boolean {
  if (filter === null) return true;
  if (filter === NO_COMMITTEE) return !committeeId;
  return committeeId === filter;
}

export interface CommitteeGroup<A> {
  /** Null for the group of actions without a committee ("Ingen nämnd angiven"). */
  committeeId: string | null;
  name: string | null;
  actions: Array<A & { area: number; areaName: string; item: string }>;
}

interface GroupableAction {
  committeeId: string | null;
  committeeName: string | null;
  deadline: string;
  title: string;
}

/**
 * The plan's actions grouped by committee: committees by name (Swedish order), the actions
 * without one last; within a group by area, then deadline, then title. Only groups with actions.
 */
export function groupByCommittee<A extends GroupableAction>(plan: {
  areas: ReadonlyArray<{ number: number; name: string; items: ReadonlyArray<{ text: string; actions: readonly A[] }> }>;
}): Array<CommitteeGroup<A>> {
  const groups = new Map<string | null, CommitteeGroup<A>>();
  for (const area of plan.areas)
    for (const item of area.items)
      for (const a of item.actions) {
        const key = a.committeeId ?? null;
        let group = groups.get(key);
        if (!group) {
          group = { committeeId: key, name: key === null ? null : (a.committeeName ?? ""), actions: [] };
          groups.set(key, group);
        }
        group.actions.push({ ...a, area: area.number, areaName: area.name, item: item.text });
      }
  for (const group of groups.values())
    group.actions.sort((x, y) => x.area - y.area || x.deadline.localeCompare(y.deadline) || compareSwedish(x.title, y.title));
  return [...groups.values()].sort((x, y) => {
    if (x.committeeId === null) return 1;
    if (y.committeeId === null) return -1;
    return compareSwedish(x.name ?? "", y.name ?? "");
  });
}

/** The committees a report's actions name (as the snapshot recorded them), by name, and whether some have none. */
export function reportCommittees(snapshot: Pick<ReportSnapshot, "actions">): { committees: Array<{ id: string; name: string }>; withoutCommittee: boolean } {
  const committees = new Map<string, string>();
  let withoutCommittee = false;
  for (const a of snapshot.actions) {
    if (a.committeeId) committees.set(a.committeeId, a.committee ?? "");
    else withoutCommittee = true;
  }
  return {
    committees: [...committees].map(([id, name]) => ({ id, name })).sort((x, y) => compareSwedish(x.name, y.name)),
    withoutCommittee,
  };
}

/**
 * The filter a report can apply: one of the committees its actions name, or NO_COMMITTEE when
 * some have none. Any other id (a committee not in this snapshot) is no filter at all, so a
 * report never reads as empty because of a stale address.
 */
export function reportFilterFor(snapshot: Pick<ReportSnapshot, "actions">, filter: CommitteeFilter): { filter: CommitteeFilter; name: string | null } {
  if (filter === null) return { filter: null, name: null };
  const { committees, withoutCommittee } = reportCommittees(snapshot);
  if (filter === NO_COMMITTEE) return withoutCommittee ? { filter, name: null } : { filter: null, name: null };
  const found = committees.find((c) => c.id === filter);
  return found ? { filter, name: found.name } : { filter: null, name: null };
}

/**
 * A report narrowed to one committee's actions: the action lists, the counts, the per-area action
 * numbers and the progress chart follow the filter; the points (now, likely, possible) are the
 * municipality's and stay as they were, as does the number of improvement items without action
 * (they belong to no committee).
 */
export function filterReport(snapshot: ReportSnapshot, filter: CommitteeFilter): ReportSnapshot {
  if (filter === null) return snapshot;
  const actions = snapshot.actions.filter((a) => matchesCommittee(a.committeeId, filter));
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, actions.filter((a) => a.status === s).length])) as Record<ActionStatus, number>;
  return {
    ...snapshot,
    areas: snapshot.areas.map((area) => {
      const inArea = actions.filter((a) => a.area === area.number && a.status !== "CANCELLED");
      return { ...area, actions: inArea.length, done: inArea.filter((a) => a.status === "DONE").length, late: inArea.filter((a) => a.daysLate > 0).length };
    }),
    counts: { ...snapshot.counts, actions: actions.length, late: actions.filter((a) => a.daysLate > 0).length, byStatus },
    actions,
    progress: progressOverTime(actions, { today: snapshot.asOf, evaluationDate: snapshot.nextEvaluationDate }),
  };
}

/**
 * What changed since the previous report among one committee's actions (`whole` is the current
 * report before it was narrowed). The previous report is compared whole, so an action that moved
 * here from another committee is not "new", and one that moved to another committee is not
 * "removed": removed are the actions gone from the plan that were this committee's.
 */
export function changesWithin(previous: ReportSnapshot, whole: ReportSnapshot, filter: CommitteeFilter): ReportChanges {
  if (filter === null) return compareReports(previous, whole);
  const changes = compareReports(previous, filterReport(whole, filter));
  const stillThere = new Set(whole.actions.map((a) => a.id));
  return {
    ...changes,
    removed: previous.actions
      .filter((a) => !stillThere.has(a.id) && matchesCommittee(a.committeeId, filter))
      .map((a) => ({ id: a.id, title: a.title })),
  };
}

/** The committee of a report row as it reads, or null (old snapshots have no committee at all). */
export const committeeOf = (a: Pick<ReportAction, "committee">): string | null => a.committee ?? null;

