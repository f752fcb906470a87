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

  it("shows the area asked for, else the one the form held, else the first; an unreadable effect keeps the form's area", () => {
    expect(shownWhatIfArea({ asked: 3, listed: 1, unreadableInListed: false, areas })).toBe(3);
    expect(shownWhatIfArea({ asked: 3, listed: 1, unreadableInListed: true, areas })).toBe(1);
    expect(shownWhatIfArea({ asked: null, listed: 3, unreadableInListed: false, areas })).toBe(3);
    expect(shownWhatIfArea({ asked: null, listed: null, unreadableInListed: false, areas })).toBe(1);
    expect(shownWhatIfArea({ asked: null, listed: null, unreadableInListed: false, areas: [] })).toBeNull();
  });

  it("carries only the other areas' differences from the plan", () => {
    const actions = [
      { id: "a", area: 1, effects: [{ code: "1.1", expectedEffect: 2 }] },
      { id: "b", area: 2, effects: [{ code: "2.1", expectedEffect: 2 }, { code: "2.2", expectedEffect: 1 }] },
      { id: "c", area: 2, effects: [{ code: "2.3", expectedEffect: 1 }] },
    ];
    const whatIf = { off: new Set(["a", "c"]), effects: new Map([["a:1.1", 5], ["b:2.1", 2], ["b:2.2", 4]]) };
    expect(carriedWhatIf(actions, whatIf, 1)).toEqual({ off: ["c"], effects: [{ actionId: "b", code: "2.2", effect: 4 }] });
    expect(carriedWhatIf(actions, whatIf, 2)).toEqual({ off: ["a"], effects: [{ actionId: "a", code: "1.1", effect: 5 }] });
    expect(carriedWhatIf(actions, null, 1)).toEqual({ off: [], effects: [] });
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
});
