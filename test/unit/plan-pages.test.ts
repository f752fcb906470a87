import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupsPage, pageInfo, parsePageRequest, planPage, PLAN_PAGE_SIZE } from "~/domain/actions/plan-pages.ts";

/** A plan of areas and items with numbered actions, in the order the page shows them. */
function plan(itemSizes: number[][]) {
  let n = 0;
  return itemSizes.map((items, a) => ({
    number: a + 1,
    items: items.map((size, i) => ({ id: `${a + 1}.${i + 1}`, actions: Array.from({ length: size }, () => ++n) })),
  }));
}
const actionsOf = (areas: ReturnType<typeof plan>) => areas.flatMap((a) => a.items.flatMap((i) => i.actions));
const itemsOf = (areas: ReturnType<typeof plan>) => areas.flatMap((a) => a.items.map((i) => i.id));
const arbitraryPlan = fc.array(fc.array(fc.nat(12), { maxLength: 6 }), { maxLength: 8 });

describe("the plan a page at a time (ADR 0049)", () => {
  it("reads the page asked for leniently: a number from 1, alla, anything else the first page", () => {
    expect(parsePageRequest(null)).toBe(1);
    expect(parsePageRequest("3")).toBe(3);
    expect(parsePageRequest("alla")).toBe("all");
    for (const odd of ["0", "-2", "abc", "1.5", "", " 2", "9999999", "1e3"]) expect(parsePageRequest(odd)).toBe(1);
  });

  it("says which actions a page shows, and takes a page past the last as the last", () => {
    expect(pageInfo(300, 1)).toEqual({ size: PLAN_PAGE_SIZE, number: 1, count: 6, first: 1, last: 50, total: 300 });
    expect(pageInfo(120, 3)).toMatchObject({ number: 3, count: 3, first: 101, last: 120 });
    expect(pageInfo(120, 99)).toMatchObject({ number: 3, first: 101, last: 120 });
    expect(pageInfo(0, 1)).toMatchObject({ number: 1, count: 1, first: 0, last: 0 });
    expect(pageInfo(300, "all")).toBeNull();
  });

  it("shows every action on exactly one page, in order, and every item on at least one", () => {
    fc.assert(
      fc.property(arbitraryPlan, fc.integer({ min: 1, max: 7 }), (sizes, size) => {
        const areas = plan(sizes);
        const total = actionsOf(areas).length;
        const count = pageInfo(total, 1, size)!.count;
        const pages = Array.from({ length: count }, (_, i) => planPage(areas, pageInfo(total, i + 1, size)));
        // Every action once, in the order of the whole plan.
        expect(pages.flatMap(actionsOf)).toEqual(actionsOf(areas));
        // Each page holds at most `size` actions and the figures it states.
        pages.forEach((shown, i) => {
          const info = pageInfo(total, i + 1, size)!;
          expect(actionsOf(shown)).toEqual(actionsOf(areas).slice(info.first - 1, info.last));
          expect(actionsOf(shown).length).toBeLessThanOrEqual(size);
        });
        // No item is lost, an item without actions included (and that one on exactly one page); no area is left empty.
        expect(new Set(pages.flatMap(itemsOf))).toEqual(new Set(itemsOf(areas)));
        const empty = areas.flatMap((a) => a.items.filter((i) => i.actions.length === 0).map((i) => i.id));
        for (const id of empty) expect(pages.filter((shown) => itemsOf(shown).includes(id))).toHaveLength(1);
        for (const shown of pages) for (const area of shown) expect(area.items.length).toBeGreaterThan(0);
      }),
    );
  });

  it("keeps an item without actions on the page where it falls, never on two", () => {
    const areas = plan([[2, 0], [0, 3]]);
    const first = planPage(areas, pageInfo(5, 1, 2));
    const second = planPage(areas, pageInfo(5, 2, 2));
    const third = planPage(areas, pageInfo(5, 3, 2));
    expect(itemsOf(first)).toEqual(["1.1"]);
    expect(itemsOf(second)).toEqual(["1.2", "2.1", "2.2"]);
    expect(itemsOf(third)).toEqual(["2.2"]);
  });

  it("shows everything without paging", () => {
    const areas = plan([[60, 0], [40]]);
    expect(planPage(areas, null)).toBe(areas);
    expect(actionsOf(planPage(areas, pageInfo(100, 2)))).toEqual(actionsOf(areas).slice(50, 100));
  });

  it("pages the plan by committee the same way, keeping each group's place", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(9), { maxLength: 8 }), fc.integer({ min: 1, max: 6 }), (sizes, size) => {
        let n = 0;
        const groups = sizes.map((s, g) => ({ name: `g${g}`, actions: Array.from({ length: s }, () => ++n) }));
        const count = pageInfo(n, 1, size)!.count;
        const pages = Array.from({ length: count }, (_, i) => groupsPage(groups, pageInfo(n, i + 1, size)));
        expect(pages.flatMap((p) => p.flatMap((g) => g.actions))).toEqual(groups.flatMap((g) => g.actions));
        for (const p of pages) for (const g of p) expect(g.actions.length).toBeGreaterThan(0);
      }),
    );
  });
});
