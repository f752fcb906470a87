import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { addEvidence, changeStatus } from "~/models/action.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { reportForView } from "~/workflows/follow-up-report.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #14, item 9: the report's Excel sheet Förändringar has one table per header row. */

let tenant: Tenant;
let base: string;
const as = async (email: string) => {
  const http = new HttpClient();
  expect((await http.signIn(email, PASSWORD)).status).toBe(302);
  return http;
};

async function saveReport(http: HttpClient, title: string): Promise<string> {
  const res = await http.post(`${base}/rapporter`, { title });
  expect(res.status).toBe(302);
  return res.headers.get("location")!.split("/").at(-1)!.split("?")[0]!;
}

async function changesSheet(http: HttpClient, id: string) {
  const res = await http.get(`${base}/rapporter/${id}/excel`);
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook.getWorksheet("Förändringar")!;
}

/** A table's range as row and column numbers, from its stored ref such as "A4:E13". */
function range(ref: string) {
  const [, c1, r1, c2, r2] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref)!;
  const col = (c: string) => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(r1), bottom: Number(r2), left: col(c1!), right: col(c2!) };
}

function cells(ws: ExcelJS.Worksheet, row: number, from: number, to: number): unknown[] {
  const out: unknown[] = [];
  for (let c = from; c <= to; c++) out.push(ws.getRow(row).getCell(c).value ?? null);
  return out;
}

beforeAll(async () => {
  tenant = await createTenant("xlsx-tabeller");
  base = `/k/${tenant.municipality.slug}`;
});

describe("the report's Excel sheet Förändringar", () => {
  it("starts a named table at every header row, each under its own title and an empty row, with the values of the changes", async () => {
    const coordinator = await as(tenant.coordinator.email);
    const moved = await createTestAction(tenant, tenant.owner.id, "2027-03-01", "Flyttat slutdatum");
    const first = await saveReport(coordinator, "Första rapporten");
    const firstSheet = await changesSheet(coordinator, first);
    expect(firstSheet.getRow(1).getCell(1).value).toBe("Det här är den första rapporten, så det finns inget att jämföra med.");
    expect(firstSheet.getTables()).toHaveLength(0);

    const done = await createTestAction(tenant, tenant.owner.id, "2027-05-01", "Klar sedan förra rapporten");
    await addEvidence(tenant.municipality.id, done.id, { kind: "LINK", title: "Beslut", url: "https://example.se/beslut", evidenceDate: "2026-11-20" }, tenant.owner.id);
    await changeStatus(tenant.municipality.id, done.id, 1, "DONE", null, tenant.owner.id);
    await getDb().action.update({ where: { id: moved.id }, data: { deadline: new Date("2027-09-30T00:00:00Z") } });
    const second = await saveReport(coordinator, "Andra rapporten");

    const ws = await changesSheet(await as(tenant.viewer.email), second);
    const tables = ws.getTables().map((t) => {
      const model = (t as unknown as { table: { name: string; tableRef?: string; ref: string; columns: Array<{ name: string }> } }).table;
      return { name: model.name, ...range(model.tableRef ?? model.ref), columns: model.columns.map((c) => c.name) };
    });
    expect(tables.map((t) => t.name)).toEqual(["Förändrade_poäng", "Förändrade_åtgärder"]);

    // Each table's first row is its header, under a title row and an empty row.
    const titles = ["Förändrade poäng per område", "Förändrade åtgärder"];
    for (const [i, table] of tables.entries()) {
      expect(cells(ws, table.top, table.left, table.right), table.name).toEqual(table.columns);
      expect(cells(ws, table.top - 1, 1, 5), table.name).toEqual([titles[i], null, null, null, null]);
      expect(cells(ws, table.top - 2, 1, 5), table.name).toEqual([null, null, null, null, null]);
    }
    // No row with more than one value lies outside a table: no header row without its own table.
    for (let row = 1; row <= ws.rowCount; row++) {
      const filled = cells(ws, row, 1, 10).filter((v) => v !== null).length;
      if (filled > 1) expect(tables.some((t) => row >= t.top && row <= t.bottom), `row ${row}`).toBe(true);
    }

    // The values are those of the changes, as the report page shows them.
    const changes = (await reportForView(tenant.municipality.id, second, new Date()))!.changes!;
    const [figures, actions] = tables as [(typeof tables)[0], (typeof tables)[0]];
    expect(figures.columns).toEqual(["Område", "Namn", "Säkrat", "Troligt", "Möjligt"]);
    const figureRows = [
      ...changes.areas.map((a) => [a.number, a.name, a.secured, a.likely, a.potential]),
      [null, "Totalt", changes.total.secured, changes.total.likely, changes.total.potential],
    ];
    expect(figures.bottom - figures.top).toBe(figureRows.length);
    for (const [i, expected] of figureRows.entries()) expect(cells(ws, figures.top + 1 + i, 1, 5)).toEqual(expected);
    expect(changes.total.secured).toBe(2);
    expect(ws.getRow(figures.top + 1).getCell(3).numFmt).toContain('"+"');

    expect(actions.columns).toEqual(["Förändring", "Åtgärd", "Ansvarig", "Slutdatum"]);
    const actionRows = [
      ["Blivit klara", "Klar sedan förra rapporten", tenant.owner.name, new Date("2027-05-01T00:00:00Z")],
      ["Nya åtgärder", "Klar sedan förra rapporten", tenant.owner.name, new Date("2027-05-01T00:00:00Z")],
      ["Ändrat slutdatum", "Flyttat slutdatum", tenant.owner.name, new Date("2027-09-30T00:00:00Z")],
    ];
    expect(changes.completed.map((a) => a.title)).toEqual(["Klar sedan förra rapporten"]);
    expect(actions.bottom - actions.top).toBe(actionRows.length);
    for (const [i, expected] of actionRows.entries()) expect(cells(ws, actions.top + 1 + i, 1, 4)).toEqual(expected);
    expect(ws.getRow(actions.top + 1).getCell(4).numFmt).toBe("yyyy-mm-dd");
  });
});
