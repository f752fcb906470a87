import { describe, expect, it } from "vitest";
import { formatDate, formatIsoDate, formatPoints, formatSignedPoints } from "~/utils/format.ts";

describe("Swedish formatting", () => {
  it("prints points with a decimal comma", () => {
    expect(formatPoints(4.5)).toBe("4,5");
    expect(formatPoints(80)).toBe("80");
    expect(formatSignedPoints(2)).toBe("+2");
    expect(formatSignedPoints(-1.5)).toBe("-1,5");
  });

  it("prints dates in Europe/Stockholm", () => {
    expect(formatDate(new Date("2013-03-14T00:00:00Z"))).toBe("14 mars 2013");
    // 23:30 UTC on 31 Dec is already New Year's Day in Stockholm.
    expect(formatIsoDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});
