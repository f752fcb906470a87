import { describe, expect, it } from "vitest";
import { carriedWhatIf, readWhatIfArea, shownWhatIfArea, whatIfAreas } from "~/domain/what-if.ts";
import { parseWhatIf } from "~/forms/what-if.ts";

/** ADR 0049: the sandbox one area at a time. */

const areas = whatIfAreas([{ area: 3 }, { area: 1 }, { area: 3 }], new Map([[1, "Ett"], [3, "Tre"]]));

describe("Tänk om by area", () => {
  it("offers the areas that have actions, in order, with their counts", () => {
    expect(areas).toEqual([
      { number: 1, name: "Ett", count: 1 },
      { number: 3, name: "Tre", count: 2 },
    ]);
  });

  it("reads only an area that has actions", () => {
    expect(readWhatIfArea("3", areas)).toBe(3);
    for (const odd of [null, "2", "0", "abc", "1.0", "", "003"]) expect(readWhatIfArea(odd, areas)).toBeNull();
  });

  it("shows the area with an unreadable effect, else the one asked for, else the one the form held, else the first", () => {
    expect(shownWhatIfArea({ asked: 3, listed: 1, unreadableArea: null, areas })).toBe(3);
    expect(shownWhatIfArea({ asked: 3, listed: 1, unreadableArea: 1, areas })).toBe(1);
    expect(shownWhatIfArea({ asked: null, listed: null, unreadableArea: 3, areas })).toBe(3);
    expect(shownWhatIfArea({ asked: null, listed: 3, unreadableArea: null, areas })).toBe(3);
    expect(shownWhatIfArea({ asked: null, listed: null, unreadableArea: null, areas })).toBe(1);
    expect(shownWhatIfArea({ asked: null, listed: null, unreadableArea: null, areas: [] })).toBeNull();
  });

  it("carries only the other areas' differences from the plan, a wholly left-out area as one value", () => {
    const actions = [
      { id: "a", area: 1, effects: [{ code: "1.1", expectedEffect: 2 }] },
      { id: "b", area: 2, effects: [{ code: "2.1", expectedEffect: 2 }, { code: "2.2", expectedEffect: 1 }] },
      { id: "c", area: 2, effects: [{ code: "2.3", expectedEffect: 1 }] },
    ];
    const whatIf = { off: new Set(["a", "c"]), effects: new Map([["a:1.1", 5], ["b:2.1", 2], ["b:2.2", 4]]) };
    expect(carriedWhatIf(actions, whatIf, 1)).toEqual({ offAreas: [], off: ["c"], offCount: 1, effects: [{ actionId: "b", code: "2.2", effect: 4 }] });
    expect(carriedWhatIf(actions, whatIf, 2)).toEqual({ offAreas: [1], off: [], offCount: 1, effects: [{ actionId: "a", code: "1.1", effect: 5 }] });
    const allOff = { off: new Set(["a", "b", "c"]), effects: new Map<string, number>() };
    expect(carriedWhatIf(actions, allOff, 1)).toEqual({ offAreas: [2], off: [], offCount: 2, effects: [] });
    expect(carriedWhatIf(actions, null, 1)).toEqual({ offAreas: [], off: [], offCount: 0, effects: [] });
  });

  it("reads the form's area by its ticks and the other areas by what was carried", () => {
    const actions = [
      { id: "a", codes: ["1.1"] },
      { id: "b", codes: ["1.2"] },
      { id: "c", codes: ["2.1"] },
      { id: "d", codes: ["2.2"] },
    ];
    const params = new URLSearchParams("tankom=1&med=a&av=c&av=b");
    // a and b were on the page: b unticked is off (carried "av" of a listed action is not what counts); c carried off, d on.
    expect([...parseWhatIf(params, actions, new Set(["a", "b"]))!.off].sort()).toEqual(["b", "c"]);
    const ticked = new URLSearchParams("tankom=1&med=a&med=b&av=b");
    expect([...parseWhatIf(ticked, actions, new Set(["a", "b"]))!.off]).toEqual([]);
  });

  it("reads a wholly left-out area, and a form whose area has no actions left by what it carried only", () => {
    const actions = [
      { id: "a", codes: ["1.1"], area: 1 },
      { id: "c", codes: ["2.1"], area: 2 },
      { id: "d", codes: ["2.2"], area: 2 },
      { id: "e", codes: ["3.1"], area: 3 },
    ];
    expect([...parseWhatIf(new URLSearchParams("tankom=1&med=a&av-omrade=2"), actions, new Set(["a"]))!.off]).toEqual(["c", "d"]);
    // The form held area 4, whose actions are gone: nothing listed, so only what was carried is off.
    expect([...parseWhatIf(new URLSearchParams("tankom=1&visat=4&av=e"), actions, new Set())!.off]).toEqual(["e"]);
  });
});
