import { describe, expect, it } from "vitest";
import { compareCodes, compareSwedish } from "~/domain/swedish-order.ts";

describe("Swedish order", () => {
  it("puts å, ä and ö after z, as a Swedish reader expects", () => {
    expect(["Örebro", "Ale", "Älvdalen", "Åre", "Zinkgruvan"].sort(compareSwedish)).toEqual(["Ale", "Zinkgruvan", "Åre", "Älvdalen", "Örebro"]);
  });

  it("orders sub-question codes by number, 1.2 before 1.10", () => {
    expect(["1.10", "2.1", "1.2", "1.1"].sort(compareCodes)).toEqual(["1.1", "1.2", "1.10", "2.1"]);
  });
});
