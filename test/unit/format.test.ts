import { describe, expect, it } from "vitest";
import { formatAgainstTarget, formatDate, formatIsoDate, formatMonth, formatPoints, formatSignedPoints, formatWrittenDateTime, pointsNumberFormat } from "~/utils/format.ts";

describe("Swedish formatting", () => {
  it("prints points with a decimal comma and at most one decimal, integers without decimals", () => {
    expect(formatPoints(4.5)).toBe("4,5");
    expect(formatPoints(80)).toBe("80");
    expect(formatPoints(599)).toBe("599");
    expect(formatPoints(12.0)).toBe("12");
    expect(formatPoints(14.94)).toBe("14,9");
    expect(formatPoints(14.96)).toBe("15");
  });

  it("writes a value the same the second time, for its negative too, and after more values than it remembers", () => {
    expect([4.5, -4.5, 4.5, 1234.5, -0.04].map(formatPoints)).toEqual(["4,5", "\u22124,5", "4,5", "1\u00a0234,5", "0"]);
    for (let tenths = 0; tenths < 6_000; tenths++) formatPoints(tenths / 10);
    expect(formatPoints(-15.65)).toBe("\u221215,7");
    expect(formatPoints(599)).toBe("599");
  });

  it("rounds half away from zero to one decimal, from the hundredths points are kept in", () => {
    // 634.35 is 634.34999… in binary; rounding the double would give 634,3.
    expect(formatPoints(634.35)).toBe("634,4");
    expect(formatPoints(530.25)).toBe("530,3");
    expect(formatPoints(0.05)).toBe("0,1");
    expect(formatPoints(1.45)).toBe("1,5");
    expect(formatPoints(-15.65)).toBe("\u221215,7");
    expect(formatPoints(-0.05)).toBe("\u22120,1");
  });

  it("writes negatives with a real minus sign and never shows −0", () => {
    expect(formatPoints(-1.5)).toBe("\u22121,5");
    expect(formatPoints(-1.5)).not.toContain("-");
    expect(formatPoints(-0)).toBe("0");
    expect(formatPoints(-0.04)).toBe("0");
    expect(formatSignedPoints(-0.04)).toBe("0");
    expect(formatSignedPoints(0)).toBe("0");
    expect(formatSignedPoints(2)).toBe("+2");
    expect(formatSignedPoints(2.25)).toBe("+2,3");
    expect(formatSignedPoints(-1.5)).toBe("\u22121,5");
  });

  it("says a difference from a target in words", () => {
    expect(formatAgainstTarget(634, 650)).toBe("16 poäng under målet");
    expect(formatAgainstTarget(634.35, 650)).toBe("15,6 poäng under målet");
    expect(formatAgainstTarget(653.5, 650)).toBe("3,5 poäng över målet");
    expect(formatAgainstTarget(650, 650)).toBe("på målet");
    // What the reader sees is on target: 649,96 is shown as 650.
    expect(formatAgainstTarget(649.96, 650)).toBe("på målet");
    expect(formatAgainstTarget(612.5, 612.5)).toBe("på målet");
  });

  it("gives Excel a display format of at most one decimal with a real minus sign, per cell", () => {
    expect(pointsNumberFormat(599)).toBe('0;"\u2212"0;0');
    expect(pointsNumberFormat(634.35)).toBe('0.0;"\u2212"0.0;0');
    expect(pointsNumberFormat(2, { signed: true })).toBe('"+"0;"\u2212"0;0');
    // 14.96 is shown as 15, so without a decimal.
    expect(pointsNumberFormat(14.96)).toBe('0;"\u2212"0;0');
  });

  it("prints dates in Europe/Stockholm", () => {
    expect(formatDate(new Date("2013-03-14T00:00:00Z"))).toBe("14 mars 2013");
    // 23:30 UTC on 31 Dec is already New Year's Day in Stockholm.
    expect(formatIsoDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("writes each date it is given, also when the same text comes again or another follows (the remembered dates)", () => {
    const dates = ["2026-01-15", "2026-02-01", "2026-01-15", "2027-12-31", "2026-02-01"];
    expect(dates.map((d) => formatDate(d))).toEqual(["15 januari 2026", "1 februari 2026", "15 januari 2026", "31 december 2027", "1 februari 2026"]);
    // More dates than are remembered: the memory is emptied and the answers stay right.
    for (let day = 0; day < 6_000; day++) formatDate(new Date(Date.UTC(2000, 0, 1 + day)).toISOString().slice(0, 10));
    expect(formatDate("2026-01-15")).toBe("15 januari 2026");
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
