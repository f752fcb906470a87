import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sheetRowsToVersion, versionToSheetRows, type Cell } from "~/domain/framework-version-sheet.ts";
import { checkFrameworkVersion, maximaDiffer, versionSummary, type FrameworkVersionInput } from "~/domain/framework-version.ts";

/** Issue #13, item 1: the rules a framework version keeps, and the sheet layout read back as written. */

const catalog = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../prisma/seed/catalog.json"), "utf8")) as { versions: FrameworkVersionInput[] };

const small = (): FrameworkVersionInput => ({
  key: "prov-2030",
  name: "Påhittad provversion",
  firstYear: 2030,
  areas: [
    { number: 1, name: "Första området", maxPoints: 100, headings: [], questions: [{ code: "1.1", text: "A?", maxPoints: 60 }, { code: "1.2", text: "B?", maxPoints: 40 }] },
    { number: 2, name: "Andra området", maxPoints: 100, headings: ["Rubrik"], questions: [{ code: "2.1", text: "C?", maxPoints: 100 }] },
    { number: 3, name: "Styrning och kontroll", maxPoints: 100, headings: [], questions: [{ code: "3.1", text: "D?", maxPoints: 50 }, { code: "3.2", text: "E?", maxPoints: 45 }] },
  ],
});

const messages = (raw: unknown) => {
  const checked = checkFrameworkVersion(raw);
  return checked.ok ? [] : checked.problems.map((p) => p.message);
};

describe("checking a framework version", () => {
  it("accepts the seeded versions as they are", () => {
    for (const version of catalog.versions) expect(messages(version), version.key).toEqual([]);
  });

  it("refuses sub-question maxima that do not add up, naming the area with both sums", () => {
    expect(messages(small())).toEqual(["Område 3 Styrning och kontroll: delfrågornas maxpoäng blir 95, områdets max är 100."]);
  });

  it("allows areas without sub-questions (a skeleton), and the summary says they are missing", () => {
    const skeleton = { ...small(), areas: small().areas.map((a) => ({ ...a, questions: [] })) };
    expect(messages(skeleton)).toEqual([]);
    expect(versionSummary(skeleton)).toEqual({ areas: 3, questions: 0, totalMax: 300, questionsMissing: true });
    const full = small();
    full.areas[2]!.questions[1]!.maxPoints = 50;
    expect(versionSummary(full)).toEqual({ areas: 3, questions: 5, totalMax: 300, questionsMissing: false });
  });

  it("refuses bad codes, codes twice, area numbers that are not 1..N, and maxima that are zero, negative or have three decimals", () => {
    const v = small();
    v.areas[2]!.questions[1]!.maxPoints = 50;
    v.areas[0]!.questions[1]!.code = "2.1";
    expect(messages(v)).toEqual(["Område 1, delfråga nr 2: koden ska ha formen 1.1, 1.2 och så vidare."]);
    v.areas[0]!.questions[1]!.code = "1.1";
    expect(messages(v)).toEqual(["Koden 1.1 förekommer mer än en gång."]);
    v.areas[0]!.questions[1]!.code = "1.2";
    v.areas[2]!.number = 4;
    expect(messages(v)).toContain("Områdena ska ha numren 1 till 3, vart och ett en gång.");
    v.areas[2]!.number = 2;
    expect(messages(v)).toContain("Område 2 förekommer mer än en gång.");
    v.areas[2]!.number = 3;
    for (const bad of [0, -5, 12.125, Number.NaN, "50"]) {
      const copy = structuredClone(v);
      (copy.areas[1]!.questions[0] as { maxPoints: unknown }).maxPoints = bad;
      expect(messages(copy), String(bad)).toEqual([
        "Område 2, delfråga 2.1: maxpoängen ska vara ett tal större än 0 och högst 1 000, med högst två decimaler.",
      ]);
    }
    const halves = structuredClone(v);
    halves.areas[2]!.questions = [{ code: "3.1", text: "D?", maxPoints: 49.75 }, { code: "3.2", text: "E?", maxPoints: 50.25 }];
    expect(messages(halves)).toEqual([]);
  });

  it("bounds the sizes: areas, sub-questions per area, text lengths, the key's form and the first year", () => {
    const v = small();
    v.areas[2]!.questions[1]!.maxPoints = 50;
    expect(messages({ ...v, key: "Stora Bokstäver" })[0]).toMatch(/^Nyckeln får bara/);
    expect(messages({ ...v, name: "x".repeat(121) })).toEqual(["Ange versionens namn (högst 120 tecken, på en rad)."]);
    expect(messages({ ...v, firstYear: 1800 })).toEqual(["Ange första år som ett årtal mellan 1990 och 2100."]);
    const many = Array.from({ length: 21 }, (_, i) => ({ number: i + 1, name: `Område ${i + 1}`, maxPoints: 10, headings: [], questions: [] }));
    expect(messages({ ...v, areas: many })).toEqual(["Versionen ska ha mellan 1 och 20 områden."]);
    const crowded = structuredClone(v);
    crowded.areas[0]!.questions = Array.from({ length: 41 }, (_, i) => ({ code: `1.${i + 1}`, text: "Q", maxPoints: 1 }));
    expect(messages(crowded)).toEqual(["Område 1: högst 40 delfrågor."]);
    const long = structuredClone(v);
    long.areas[0]!.questions[0]!.text = "x".repeat(1001);
    expect(messages(long)).toEqual(["Område 1, delfråga 1.1: ange delfrågans text (högst 1 000 tecken, på en rad)."]);
    expect(messages(null)).not.toEqual([]);
    expect(messages({ versions: [] })).not.toEqual([]);
  });

  it("tells a change of maxima from a change of texts", () => {
    const v = small();
    const texts = structuredClone(v);
    texts.areas[0]!.name = "Nytt namn";
    texts.areas[0]!.questions[0]!.text = "Ny text";
    expect(maximaDiffer(v, texts)).toBe(false);
    const max = structuredClone(v);
    max.areas[0]!.questions[0]!.maxPoints = 59.5;
    expect(maximaDiffer(v, max)).toBe(true);
  });
});

/** A valid generated version: areas 1..N, each with 0..8 sub-questions whose maxima (in halves) add up to the area's. */
const validVersion = fc
  .array(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 12 })
  .chain((areas) =>
    fc.record({
      key: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
      name: fc.constantFrom("Genererad version", "Påhittad version"),
      firstYear: fc.integer({ min: 1990, max: 2100 }),
      areas: fc.constant(
        areas.map((halves, i) => ({
          number: i + 1,
          name: `Genererat område ${i + 1}`,
          maxPoints: halves.length === 0 ? 100 : halves.reduce((a, b) => a + b, 0) / 2,
          headings: [],
          questions: halves.map((h, j) => ({ code: `${i + 1}.${j + 1}`, text: `Genererad delfråga ${i + 1}.${j + 1}?`, maxPoints: h / 2 })),
        })),
      ),
    }),
  );

describe("generated versions", () => {
  it("a valid version passes; perturbing one sub-question's maximum names exactly that area", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(validVersion, fc.nat(), fc.integer({ min: 1, max: 20 }), (version, pick, delta) => {
        expect(messages(version)).toEqual([]);
        const withQuestions = version.areas.filter((a) => a.questions.length > 0);
        fc.pre(withQuestions.length > 0);
        const area = withQuestions[pick % withQuestions.length]!;
        const q = area.questions[pick % area.questions.length]!;
        const perturbed = structuredClone(version);
        perturbed.areas[area.number - 1]!.questions.find((x) => x.code === q.code)!.maxPoints = q.maxPoints + delta / 2;
        const problems = messages(perturbed);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(new RegExp(`^Område ${area.number} Genererat område ${area.number}: delfrågornas maxpoäng blir `));
      }),
      { numRuns: 200 },
    );
  });

  it("the sheet written for a version reads back as the same version", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(validVersion, (version) => {
        const read = sheetRowsToVersion(versionToSheetRows(version));
        expect(read).toEqual({ ok: true, version });
      }),
      { numRuns: 100 },
    );
    for (const version of catalog.versions) expect(sheetRowsToVersion(versionToSheetRows(version))).toEqual({ ok: true, version });
  });
});

describe("reading a sheet", () => {
  const rows = (): Cell[][] => versionToSheetRows({ ...small(), areas: small().areas.map((a) => (a.number === 3 ? { ...a, maxPoints: 95 } : a)) });

  it("names the row of every problem, and refuses a sheet without the documented labels", () => {
    const sum = rows();
    sum[sum.length - 1]![6] = 50; // 3.2 becomes 50: area 3 now adds up to 100, its max is 95; the area's first row (9) is named.
    expect(sheetRowsToVersion(sum)).toEqual({ ok: false, errors: ["Rad 9: Område 3 Styrning och kontroll: delfrågornas maxpoäng blir 100, områdets max är 95."] });
    const code = rows();
    code[6]![4] = "1.x";
    expect(sheetRowsToVersion(code)).toEqual({ ok: false, errors: ["Rad 7: Område 1, delfråga nr 2: koden ska ha formen 1.1, 1.2 och så vidare."] });
    const conflict = rows();
    conflict[6]![1] = "Annat namn";
    expect(sheetRowsToVersion(conflict)).toEqual({ ok: false, errors: ["Rad 7: områdets namn, max eller rubriker skiljer sig från rad 6."] });
    const noArea = rows();
    noArea[7]![0] = "två";
    expect(sheetRowsToVersion(noArea)).toEqual({ ok: false, errors: ["Rad 8: ange områdets nummer (ett heltal) i kolumn A."] });
    const header = rows();
    header[4]![6] = "Poäng";
    expect(sheetRowsToVersion(header)).toEqual({ ok: false, errors: ["Rad 5: kolumn G ska ha rubriken ”Maxpoäng”."] });
    expect(sheetRowsToVersion(Array.from({ length: 900 }, () => [1]))).toEqual({ ok: false, errors: ["Filen har fler än 825 rader."] });
  });

  it("reads numbers typed as text with a decimal comma", () => {
    const typed = rows();
    typed[5]![6] = "59,5";
    typed[6]![6] = "40,5";
    expect(sheetRowsToVersion(typed).ok).toBe(true);
  });
});
