import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDate, clampDate, lastDayOfMonthIndex, MAX_DATE, MIN_DATE, monthIndex, monthOfIndex } from "~/domain/dates.ts";

describe("the accepted date range", () => {
  it("accepts real calendar dates inside the range", () => {
    for (const d of [MIN_DATE, MAX_DATE, "2024-02-29", "2026-11-23", "2000-02-29"]) expect(checkDate(d)).toBe("ok");
  });

  it("refuses days that do not exist, instead of rolling them over", () => {
    for (const d of ["2026-02-30", "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01", "0000-00-00"]) {
      expect(checkDate(d), d).toBe("calendar");
    }
  });

  it("refuses dates outside the range", () => {
    for (const d of ["9999-12-31", "1989-12-31", "2101-01-01", "0001-01-01"]) expect(checkDate(d), d).toBe("range");
  });

  it("refuses what is not YYYY-MM-DD", () => {
    for (const d of ["", "2026-2-3", "20261-01-01", "+2026-01-01", "2026-01-01T00:00", "2026/01/01", " 2026-01-01", "٢٠٢٦-٠١-٠١"]) {
      expect(checkDate(d), d).toBe("format");
    }
  });

  it("agrees with the calendar for every day of the range (property)", () => {
    const day = fc.integer({ min: -30_000, max: 60_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (d) => {
        expect(checkDate(d)).toBe(d >= MIN_DATE && d <= MAX_DATE ? "ok" : "range");
      }),
    );
  });

  it("clamps stored dates into the range", () => {
    expect(clampDate("9999-12-31")).toBe(MAX_DATE);
    expect(clampDate("0000-01-01")).toBe(MIN_DATE);
    expect(clampDate("2026-11-23")).toBe("2026-11-23");
    expect(clampDate("99985-01-01")).toBe(MAX_DATE);
  });

  it("counts months on numbers", () => {
    expect(monthIndex("2026-11-23")).toBe(2026 * 12 + 10);
    expect(monthOfIndex(monthIndex("2026-12"))).toBe("2026-12");
    expect(monthOfIndex(monthIndex("2026-12") + 1)).toBe("2027-01");
    expect(lastDayOfMonthIndex(monthIndex("2024-02"))).toBe("2024-02-29");
    expect(lastDayOfMonthIndex(monthIndex("2100-02"))).toBe("2100-02-28");
    fc.assert(
      fc.property(fc.integer({ min: 1990 * 12, max: 2100 * 12 + 11 }), (i) => {
        expect(monthIndex(monthOfIndex(i))).toBe(i);
        expect(checkDate(lastDayOfMonthIndex(i))).toBe("ok");
      }),
    );
  });
});
