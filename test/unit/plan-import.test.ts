import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyMapping, guessMapping, mappingProblem, type ColumnMapping } from "~/domain/plan-import/columns.ts";
import { allRowsValid, checkRows, IMPORT_LIMITS, matchItem, ownersToInvite, type PlanContext, type RowProblem } from "~/domain/plan-import/rows.ts";
import { splitSheet } from "~/domain/plan-import/sheet.ts";
import { parseImportDate, parseImportStatus, questionCodes } from "~/domain/plan-import/values.ts";
import { guessDelimiter, readCsv } from "~/platform/plan-file.server.ts";

// A fictional plan: items, questions and members made up for the tests.
const context: PlanContext = {
  items: [
    { id: "i1", text: "Utveckla dialogen med medborgarna om kommunens budget", area: 1 },
    { id: "i2", text: "Tydligare uppföljning av nämndernas mål och resultat", area: 3 },
    { id: "i3", text: "Systematisk kompetensutveckling för alla chefer", area: 8 },
  ],
  questions: [
    { id: "q15", code: "1.5" },
    { id: "q32", code: "3.2" },
    { id: "q81", code: "8.1" },
  ],
  members: [
    { id: "u1", email: "anna@kommun.example", role: "OWNER" },
    { id: "u2", email: "samordnare@kommun.example", role: "COORDINATOR" },
    { id: "u3", email: "politiker@kommun.example", role: "VIEWER" },
  ],
  existing: [{ improvementItemId: "i2", title: "Månadsrapport till KS" }],
};

const mapping: ColumnMapping = { title: 0, item: 1, question: 2, ownerEmail: 3, deadline: 4, status: 5, note: 6 };
const row = (line: number, cells: string[]) => ({ line, cells });
const good = ["Medborgardialog om budgeten", "Utveckla dialogen med medborgarna om kommunens budget", "1.5", "anna@kommun.example", "2027-03-31", "Pågår", ""];
const kinds = (problems: RowProblem[]) => problems.map((p) => p.kind);

describe("guessing the columns from Swedish headings", () => {
  it("maps the usual headings of a municipality's plan", () => {
    expect(guessMapping(["Åtgärd", "Förbättringsområde", "Delfråga", "Ansvarig", "Klart senast", "Status", "Kommentar"])).toEqual(mapping);
    expect(guessMapping(["Nr", "Aktivitet", "Förbättringsområden", "Ansvarig (e-post)", "Slutdatum", "Status", "Kommentarer"])).toEqual({
      title: 1,
      item: 2,
      question: null,
      ownerEmail: 3,
      deadline: 4,
      status: 5,
      note: 6,
    });
  });

  it("prefers an address column to a plain 'Ansvarig' holding names, and does not take 'Klart senast' for the status", () => {
    const guess = guessMapping(["Aktivitet", "Ansvarig", "E-post", "Klart senast", "Läge"]);
    expect(guess.ownerEmail).toBe(2);
    expect(guess.deadline).toBe(3);
    expect(guess.status).toBe(4);
  });

  it("leaves fields nothing resembles empty, and uses a column once", () => {
    const guess = guessMapping(["Foo", "Bar"]);
    expect(guess).toEqual(emptyMapping());
    const twice = guessMapping(["Åtgärd", "Åtgärder"]);
    expect([twice.title, twice.item, twice.note].filter((c) => c !== null)).toEqual([0]);
  });

  it("checks a mapping: a title column, each column once, columns that exist", () => {
    expect(mappingProblem(mapping, 7)).toBeNull();
    expect(mappingProblem({ ...mapping, title: null }, 7)).toBe("title-missing");
    expect(mappingProblem({ ...mapping, note: 0 }, 7)).toBe("column-twice");
    expect(mappingProblem({ ...mapping, note: 9 }, 7)).toBe("no-such-column");
  });
});

describe("reading cells", () => {
  it("reads dates as Swedish spreadsheets hold them, within the product's range", () => {
    for (const [raw, iso] of [
      ["2026-12-31", "2026-12-31"],
      ["2026-12-31 00:00:00", "2026-12-31"],
      ["2026/1/5", "2026-01-05"],
      ["31/12/2026", "2026-12-31"],
      ["31.12.2026", "2026-12-31"],
      ["5 mars 2027", "2027-03-05"],
      ["5 dec. 2027", "2027-12-05"],
    ]) expect(parseImportDate(raw!)).toEqual({ ok: true, date: iso });
    expect(parseImportDate("nästa vår")).toEqual({ ok: false, reason: "format" });
    expect(parseImportDate("2026-02-30")).toEqual({ ok: false, reason: "calendar" });
    expect(parseImportDate("31/12/2200")).toEqual({ ok: false, reason: "range" });
  });

  it("reads Swedish status words; empty is not started", () => {
    expect(parseImportStatus("Ej påbörjad")).toBe("NOT_STARTED");
    expect(parseImportStatus("")).toBe("NOT_STARTED");
    expect(parseImportStatus("PÅGÅR")).toBe("IN_PROGRESS");
    expect(parseImportStatus("Klar")).toBe("DONE");
    expect(parseImportStatus("Genomförd.")).toBe("DONE");
    expect(parseImportStatus("Avbruten")).toBe("CANCELLED");
    expect(parseImportStatus("Kanske")).toBeNull();
  });

  it("reads sub-question codes with point or comma, with or without their text", () => {
    expect(questionCodes("1.5 Etik – hur hantera korruption?")).toEqual(["1.5"]);
    expect(questionCodes("1,5; 3.2")).toEqual(["1.5", "3.2"]);
    expect(questionCodes("")).toEqual([]);
  });
});

describe("checking rows", () => {
  it("accepts a good row: item by wording, sub-question, owner, date and status", () => {
    const [checked] = checkRows([row(2, good)], mapping, context);
    expect(checked).toMatchObject({ itemId: "i1", itemBy: "wording", questionIds: ["q15"], ownerId: "u1", deadline: "2027-03-31", status: "IN_PROGRESS", problems: [] });
    expect(allRowsValid([checked!])).toBe(true);
  });

  it("finds every kind of bad row", () => {
    const rows = [
      row(2, ["", ...good.slice(1)]),
      row(3, ["x".repeat(201), ...good.slice(1)]),
      row(4, ["Okänt område", "Något helt annat om parkering", ...good.slice(2)]),
      row(5, ["Fel delfråga", good[1]!, "9.9", ...good.slice(3)]),
      row(6, ["Fel adress", good[1]!, "", "inte-en-adress", ...good.slice(4)]),
      row(7, ["Förtroendevald ansvarig", good[1]!, "", "politiker@kommun.example", ...good.slice(4)]),
      row(8, ["Inget datum", good[1]!, "", "", "", "", ""]),
      row(9, ["Fel datum", good[1]!, "", "", "snart", "", ""]),
      row(10, ["Ogiltigt datum", good[1]!, "", "", "2027-02-30", "", ""]),
      row(11, ["För sent datum", good[1]!, "", "", "2101-01-01", "", ""]),
      row(12, ["Okänd status", good[1]!, "", "", "2027-01-01", "Snart klar", ""]),
      row(13, ["Klar utan kommentar", good[1]!, "", "", "2027-01-01", "Klar", ""]),
      row(14, ["Avbruten utan skäl", good[1]!, "", "", "2027-01-01", "Avbruten", ""]),
      row(15, ["Medborgardialog om budgeten", good[1]!, "", "", "2027-01-01", "", ""]),
      row(16, ["Månadsrapport till KS", "Tydligare uppföljning av nämndernas mål och resultat", "", "", "2027-01-01", "", ""]),
      row(17, ["Styrtecken\u0000", good[1]!, "", "", "2027-01-01", "", ""]),
      row(18, ["Lång kommentar", good[1]!, "", "", "2027-01-01", "", "x".repeat(5001)]),
      row(19, ["Många delfrågor", good[1]!, Array.from({ length: 11 }, () => "1.5").join(";"), "", "2027-01-01", "", ""]),
    ];
    const checked = checkRows([row(1, good), ...rows], mapping, context).slice(1);
    expect(checked.map((c) => [c.line, kinds(c.problems)])).toEqual([
      [2, ["title-missing"]],
      [3, ["title-too-long"]],
      [4, ["item-unmatched"]],
      [5, ["question-unknown"]],
      [6, ["owner-email-invalid"]],
      [7, ["owner-viewer"]],
      [8, ["deadline-missing"]],
      [9, ["deadline-format"]],
      [10, ["deadline-calendar"]],
      [11, ["deadline-range"]],
      [12, ["status-unknown"]],
      [13, ["done-needs-note"]],
      [14, ["cancelled-needs-note"]],
      [15, ["duplicate-in-file"]],
      [16, ["duplicate-in-plan"]],
      [17, ["control-characters"]],
      [18, ["note-too-long"]],
      [19, ["too-many-questions"]],
    ]);
    expect(checked.find((c) => c.line === 15)!.problems[0]).toEqual({ kind: "duplicate-in-file", line: 1 });
    expect(allRowsValid(checked)).toBe(false);
  });

  it("invites an unknown owner without stopping the import, each address once", () => {
    const unknown = [...good.slice(0, 3), "Ny.Person@Kommun.Example", ...good.slice(4)];
    const checked = checkRows([row(2, unknown), row(3, ["Annan åtgärd", ...unknown.slice(1)])], mapping, context);
    expect(checked.map((c) => kinds(c.problems))).toEqual([["owner-unknown"], ["owner-unknown"]]);
    expect(checked[0]).toMatchObject({ invite: true, ownerId: null, ownerEmail: "ny.person@kommun.example" });
    expect(allRowsValid(checked)).toBe(true);
    expect(ownersToInvite(checked)).toEqual(["ny.person@kommun.example"]);
  });

  it("attaches a row by hand, and a choice by hand wins over the wording", () => {
    const unmatched = ["Okänt område", "Parkering", ...good.slice(2)];
    const checked = checkRows([row(2, unmatched), row(3, good)], mapping, context, new Map([[2, "i3"], [3, "i2"]]));
    expect(checked.map((c) => [c.itemId, c.itemBy, kinds(c.problems)])).toEqual([
      ["i3", "hand", []],
      ["i2", "hand", []],
    ]);
    // A chosen id that is not the plan's is ignored.
    expect(checkRows([row(2, unmatched)], mapping, context, new Map([[2, "other"]]))[0]!.itemId).toBeNull();
  });

  it("matches items by wording, not only by identical text", () => {
    expect(matchItem("utveckla dialogen med medborgarna om budget", context.items)?.id).toBe("i1");
    expect(matchItem("Kompetensutveckling för alla chefer, systematisk", context.items)?.id).toBe("i3");
    expect(matchItem("Bättre vägar", context.items)).toBeNull();
  });

  it("property: generated valid rows always validate", () => {
    // eslint-disable-next-line no-control-regex -- generated text is kept free of control characters
    const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
    const title = fc.string({ minLength: 1, maxLength: 60 }).map((s) => s.replace(CONTROL, "x").trim()).filter((s) => s !== "");
    const date = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true });
    const validRow = fc.record({
      title,
      item: fc.constantFrom(...context.items.map((i) => i.text)),
      question: fc.subarray(context.questions.map((q) => q.code), { maxLength: 3 }),
      owner: fc.constantFrom("", "anna@kommun.example", "samordnare@kommun.example", "ny@kommun.example"),
      date,
      format: fc.constantFrom("iso", "slash", "dots"),
      status: fc.constantFrom("", "Ej påbörjad", "Pågår", "Klar", "Avbruten", "pågår"),
      note: fc.string({ maxLength: 40 }).map((s) => `Kommentar ${s.replace(CONTROL, "")}`),
    });
    fc.assert(
      fc.property(fc.array(validRow, { minLength: 1, maxLength: 30 }), (generated) => {
        // Titles made unique so that no row repeats another.
        const rows = generated.map((g, index) => {
          const iso = g.date.toISOString().slice(0, 10);
          const [y, m, d] = iso.split("-");
          const written = g.format === "iso" ? iso : g.format === "slash" ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
          return row(index + 2, [`${index}: ${g.title}`, g.item, g.question.join(";"), g.owner, written, g.status, g.note]);
        });
        const checked = checkRows(rows, mapping, context);
        expect(checked.flatMap((c) => c.problems.filter((p) => p.kind !== "owner-unknown"))).toEqual([]);
        expect(allRowsValid(checked)).toBe(true);
        expect(checked.map((c) => c.deadline)).toEqual(generated.map((g) => g.date.toISOString().slice(0, 10)));
      }),
    );
  });
});

describe("the sheet and the CSV file", () => {
  it("takes the first row with text as headings, skips empty rows and keeps line numbers", () => {
    const split = splitSheet([[], ["Åtgärd", "Status", ""], ["A", "Klar"], ["", ""], ["B"]]);
    expect(split).toEqual({ ok: true, sheet: { headings: ["Åtgärd", "Status"], rows: [row(3, ["A", "Klar"]), row(5, ["B"])] } });
  });

  it("refuses what is over the limits", () => {
    const heading = ["Åtgärd"];
    expect(splitSheet([heading, ...Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, () => ["x"])])).toMatchObject({ ok: false, reason: "too-many-rows" });
    expect(splitSheet([heading, ["x".repeat(IMPORT_LIMITS.maxCellChars + 1)]])).toEqual({ ok: false, reason: "cell-too-long", line: 2 });
    expect(splitSheet([Array.from({ length: IMPORT_LIMITS.maxColumns + 1 }, () => "h")])).toEqual({ ok: false, reason: "too-many-columns", line: 1 });
    expect(splitSheet([])).toEqual({ ok: false, reason: "empty" });
    expect(splitSheet([heading])).toEqual({ ok: false, reason: "no-rows" });
  });

  it("reads semicolon, comma and tab separated files, quotes and a BOM", () => {
    expect(guessDelimiter('Åtgärd;"Kommentar, lång";Status\n')).toBe(";");
    expect(guessDelimiter("Åtgärd,Status\n")).toBe(",");
    expect(readCsv('\uFEFFÅtgärd;Kommentar\n"Möte; med KS";"rad ett\nrad två"\n')).toEqual({
      ok: true,
      kind: "csv",
      table: [["Åtgärd", "Kommentar"], ["Möte; med KS", "rad ett\nrad två"]],
    });
  });
});
