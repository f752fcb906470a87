import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateError, multiLine, optionalDate, optionalPoints, parseDecimal, parseWholeNumber, requiredDate, singleLine, wholeNumber } from "~/forms/fields.ts";
import { t } from "~/i18n/sv.ts";

describe("numbers as people type them", () => {
  it("reads a decimal comma or point, and spaces as thousands separators", () => {
    expect(parseDecimal("4,5")).toBe(4.5);
    expect(parseDecimal("4.5")).toBe(4.5);
    expect(parseDecimal("612,5")).toBe(612.5);
    expect(parseDecimal("1 234,5")).toBe(1234.5);
    expect(parseDecimal("1\u00A0234")).toBe(1234);
    expect(parseDecimal("-1")).toBe(-1);
    expect(parseDecimal("0")).toBe(0);
  });

  it("refuses what Number() would read but a person does not write", () => {
    for (const s of ["0x10", "0b1", "0o7", "1e3", "1E3", "Infinity", "-Infinity", "NaN", "", " ", ".5", "5.", "4,5,6", "4.5.6", "1e308", "٤", "12abc"]) {
      expect(parseDecimal(s), s).toBeNull();
    }
  });

  it("reads whole numbers in decimal digits only", () => {
    expect(parseWholeNumber("16")).toBe(16);
    expect(parseWholeNumber(" 7 ")).toBe(7);
    for (const s of ["0x10", "1e3", "16.0", "16,0", "Infinity", "", "99999999999999999999"]) expect(parseWholeNumber(s), s).toBeNull();
  });

  it("agrees with the written number for any decimal (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(",", "."), (whole, cents, sep) => {
        const text = `${whole}${sep}${String(cents).padStart(2, "0")}`;
        const expected = Number(`${whole}.${String(cents).padStart(2, "0")}`);
        expect(parseDecimal(text)).toBe(expected);
      }),
    );
  });

  it("checks ranges in the zod fields", () => {
    const percent = wholeNumber("fel", 0, 100);
    expect(percent.safeParse("100").data).toBe(100);
    for (const s of ["101", "-1", "0x10", "1e2"]) expect(percent.safeParse(s).success, s).toBe(false);
    const points = optionalPoints("fel", 0, 800);
    expect(points.safeParse("").data).toBeNull();
    expect(points.safeParse("612,5").data).toBe(612.5);
    for (const s of ["0x10", "1e3", "Infinity", "-1", "800,5"]) expect(points.safeParse(s).success, s).toBe(false);
  });
});

describe("dates in forms", () => {
  it("gives a Swedish message for each kind of wrong date", () => {
    expect(dateError("2026-11-23", "format")).toBeNull();
    expect(dateError("2026-02-30", "format")).toBe(t.errors.dateNotInCalendar);
    expect(dateError("0000-01-01", "format")).toBe(t.errors.dateNotInCalendar);
    expect(dateError("9999-12-31", "format")).toBe("Ange ett datum mellan 1990-01-01 och 2100-12-31.");
    expect(dateError("23/11/2026", "format")).toBe("format");
  });

  it("never stores a rolled-over or far date", () => {
    expect(requiredDate("fel").safeParse("2026-02-28").data).toBe("2026-02-28");
    expect(requiredDate("fel").safeParse("2026-02-30").success).toBe(false);
    expect(optionalDate("fel").safeParse("").data).toBeNull();
    expect(optionalDate("fel").safeParse(undefined).data).toBeNull();
    expect(optionalDate("fel").safeParse("9999-12-31").success).toBe(false);
  });
});

describe("control characters in text", () => {
  it("are refused in one-line text, and in multi-line text all but line breaks and tabs", () => {
    expect(singleLine("Beslut i KS, § 12 – åäö")).toBe(true);
    for (const s of ["a\u0000b", "a\tb", "a\nb", "a\u001Bb", "a\u007Fb", "a\u0085b"]) expect(singleLine(s), JSON.stringify(s)).toBe(false);
    expect(multiLine("rad ett\r\nrad två\tmed tabb")).toBe(true);
    for (const s of ["a\u0000b", "a\u000Bb", "a\u001Bb", "a\u0008b"]) expect(multiLine(s), JSON.stringify(s)).toBe(false);
  });
});
