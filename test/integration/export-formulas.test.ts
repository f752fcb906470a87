import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * Titles and names are user input; a spreadsheet must show them as text, never run them as
 * formulas (issue #10, item 10): CSV cells get a leading apostrophe, .xlsx cells stay strings.
 */

const HOSTILE_TITLES = [
  '=HYPERLINK("https://evil.example/phish","Öppna")',
  "+1+1",
  "-2+3",
  "@SUM(A1:A2)",
  "\t=1+1",
  "\r=1+1",
];
const HOSTILE_OWNER = "=cmd|' /C calc'!A0";

let tenant: Tenant;
let base: string;

/** RFC 4180 fields, as a spreadsheet program splits them (quotes, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string, delimiter = ";"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) endField();
    else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

beforeAll(async () => {
  tenant = await createTenant("formler");
  base = `/k/${tenant.municipality.slug}`;
  const hostile = await createUserWithPassword({ email: `formel-${tenant.municipality.slug}@test.se`, name: HOSTILE_OWNER, password: PASSWORD });
  await addMembership(tenant.municipality.id, hostile.id, "OWNER");
  for (const title of HOSTILE_TITLES) await createTestAction(tenant, hostile.id, "2027-06-30", title);
});

describe("formula injection in exports", () => {
  it("plan.csv shows hostile titles and owner names as text: no cell starts with = + - @ tab or CR", async () => {
    const viewer = await signedInClient(tenant.viewer.email);
    const res = await viewer.get(`${base}/plan.csv`);
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    const header = rows[0]!;
    const titleCol = header.indexOf("Åtgärd");
    const ownerCol = header.indexOf("Ansvarig");
    const body = rows.slice(1);
    expect(body).toHaveLength(HOSTILE_TITLES.length);
    for (const row of rows) for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    // The text is kept, behind the apostrophe a spreadsheet hides.
    expect(body.map((r) => r[titleCol]).sort()).toEqual(HOSTILE_TITLES.map((t) => `'${t}`).sort());
    for (const row of body) expect(row[ownerCol]).toBe(`'${HOSTILE_OWNER}`);
  });

  it("plan.xlsx and the follow-up report's Excel file hold formula-looking text as plain string cells", async () => {
    const coordinator = await signedInClient(tenant.coordinator.email);
    const saved = await coordinator.post(`${base}/rapporter`, { title: "=HYPERLINK(\"https://evil.example\",\"Rapport\")" });
    expect(saved.status).toBe(302);
    const reportId = saved.headers.get("location")!.split("/").at(-1)!.split("?")[0]!;

    const files = [`${base}/plan.xlsx`, `${base}/rapporter/${reportId}/excel`];
    for (const file of files) {
      const res = await coordinator.get(file);
      expect(res.status, file).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const seen = new Set<string>();
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `${file} ${sheet.name} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
            if (typeof cell.value === "string") seen.add(cell.value);
          }),
        ),
      );
      // The hostile text arrives as typed, as a string cell (XML reads a CR as a line feed).
      for (const title of HOSTILE_TITLES) expect(seen.has(title.replace(/\r/g, "\n")), `${file}: ${JSON.stringify(title)}`).toBe(true);
      expect(seen.has(HOSTILE_OWNER), file).toBe(true);
    }
  });
});
