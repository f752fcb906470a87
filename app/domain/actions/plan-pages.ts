/**
 * The plan page shows its actions a page at a time (ADR 0049): a plan of a few hundred actions
 * is read by filtering and paging, and printed or exported whole. Pure: takes the (filtered)
 * plan and the page asked for, returns the part to show and where it sits.
 */

/** Actions per page of the plan. */
export const PLAN_PAGE_SIZE = 50;

/** The value of the page parameter that shows every action on one page. */
export const ALL_PAGES = "alla";

/** Which page was asked for: a number from 1, or every action at once. */
export type PageRequest = number | "all";

/** Where the shown actions sit: `first`–`last` (from 1) of `total`, on page `number` of `count` pages of `size`. */
export interface PlanPageInfo {
  size: number;
  number: number;
  count: number;
  first: number;
  last: number;
  total: number;
}

/** The page parameter read leniently: "alla" is every action, a whole number from 1 a page, anything else the first page. */
export function parsePageRequest(value: string | null): PageRequest {
  if (value === ALL_PAGES) return "all";
  if (value === null || !/^\d{1,6}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 ? page : 1;
}

/** The page to show of `total` actions: a page past the last is the last; "all" is null (no paging). */
export function pageInfo(total: number, request: PageRequest, size = PLAN_PAGE_SIZE): PlanPageInfo | null {
  if (request === "all") return null;
  const count = Math.max(1, Math.ceil(total / size));
  const number = Math.min(request, count);
  const first = total === 0 ? 0 : (number - 1) * size + 1;
  return { size, number, count, first, last: Math.min(number * size, total), total };
}

interface Paged<A> {
  actions: A[];
}

/** Of a list of actions that starts at position `from` in the whole order, those on `page`. */
function onPage<A>(actions: A[], from: number, page: PlanPageInfo): A[] {
  return actions.slice(Math.max(0, page.first - 1 - from), Math.max(0, page.last - from));
}

/**
 * The plan's areas and items with only the actions of `page` (the actions counted in the order
 * shown). An item whose actions fall on two pages appears on both with its part; an item
 * without actions (shown with "Ingen åtgärd ännu") stays on the page where it falls in that
 * order, so every item is on exactly one page at least; an area stays when it has an item left.
 */
export function planPage<I extends Paged<unknown>, AR extends { items: I[] }>(areas: AR[], page: PlanPageInfo | null): AR[] {
  if (page === null) return areas;
  let position = 0;
  const pageOf = (p: number) => Math.min(Math.floor(p / page.size), page.count - 1);
  const shown: AR[] = [];
  for (const area of areas) {
    const items: I[] = [];
    for (const item of area.items) {
      const from = position;
      position += item.actions.length;
      if (item.actions.length === 0) {
        if (pageOf(from) === page.number - 1) items.push(item);
        continue;
      }
      const kept = onPage(item.actions, from, page);
      if (kept.length > 0) items.push({ ...item, actions: kept });
    }
    if (items.length > 0) shown.push({ ...area, items });
  }
  return shown;
}

/** The groups (the plan by committee) with only the actions of `page`; a group stays when it has one left. */
export function groupsPage<G extends Paged<unknown>>(groups: G[], page: PlanPageInfo | null): G[] {
  if (page === null) return groups;
  let position = 0;
  const shown: G[] = [];
  for (const group of groups) {
    const from = position;
    position += group.actions.length;
    const kept = onPage(group.actions, from, page);
    if (kept.length > 0) shown.push({ ...group, actions: kept });
  }
  return shown;
}
