import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentOf, sumPoints, toHundredths } from "~/domain/points.ts";

describe("points", () => {
  it("reads decimal commas and points exactly", () => {
    expect(toHundredths("4,5")).toBe(450);
    expect(toHundredths("12.25")).toBe(1225);
    expect(toHundredths(7)).toBe(700);
    expect(toHundredths("-1.5")).toBe(-150);
  });

  it("refuses values with more than two decimals or no number", () => {
    expect(() => toHundredths("1.234")).toThrow(RangeError);
    expect(() => toHundredths("abc")).toThrow(RangeError);
  });

  it("reads a number as it reads the number's text, refusals included (the quick way for numbers)", () => {
    const asText = (n: number) => {
      try {
        return toHundredths(String(n));
      } catch {
        return "refused";
      }
    };
    const asNumber = (n: number) => {
      try {
        return toHundredths(n);
      } catch {
        return "refused";
      }
    };
    const twoDecimals = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((h) => h / 100);
    fc.assert(fc.property(fc.oneof(twoDecimals, fc.double({ noNaN: true }), fc.constantFrom(-0, 0.1 + 0.2, 634.35, 1e21, 1e-7, 7.5)), (n) => Object.is(asNumber(n), asText(n))), {
      numRuns: 20_000,
    });
    expect(() => toHundredths(1.234)).toThrow(RangeError);
    expect(() => toHundredths(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("sums without floating-point drift", () => {
    expect(sumPoints(["0.1", "0.2"])).toBe(0.3);
    expect(sumPoints(Array.from({ length: 1000 }, () => "0.01"))).toBe(10);
    expect(sumPoints([4.5, "3,5", 0])).toBe(8);
  });

  it("rounds percents half up and treats max 0 as 0 %", () => {
    expect(percentOf(17, 20)).toBe(85);
    expect(percentOf("4.5", 10)).toBe(45);
    expect(percentOf(1, 8)).toBe(13);
    expect(percentOf(5, 0)).toBe(0);
  });
});
