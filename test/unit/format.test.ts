import { describe, expect, it } from "vitest";
import { formatDate, formatIsoDate, formatMonth, formatPoints, formatSignedPoints, formatWrittenDateTime } from "~/utils/format.ts";

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

  it("never throws on a date it cannot read (a report saved before dates had a range)", () => {
    expect(formatMonth("99985-01")).toBe("99985-01");
    expect(() => formatDate("99985-01-31")).not.toThrow();
    expect(formatDate("+275761-01-01")).toBe("+275761-01-01");
    expect(formatIsoDate("not a date")).toBe("not a date");
    expect(formatMonth("2026-11")).toBe("nov. 2026");
  });
});

describe("the action history's dates", () => {
  it("are written out as elsewhere, in Stockholm time", () => {
    expect(formatWrittenDateTime("2026-12-03T13:05:00.000Z")).toBe("3 december 2026 14:05");
    expect(formatWrittenDateTime(new Date("2026-06-30T22:30:00Z"))).toBe("1 juli 2026 00:30");
  });
});
