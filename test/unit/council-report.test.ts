import { describe, expect, it } from "vitest";
import { STATUS_NOTE_STALE_DAYS, compactStatus, latestStatus, statusNoteDue, type StatusNoteRow } from "~/domain/actions/status-note.ts";
import type { ReportAction, ReportSnapshot } from "~/domain/follow-up-report.ts";
import { lateColumns, lateTable, statusCell, statusTable } from "~/utils/report-tables.ts";
import { t } from "~/i18n/sv.ts";

const note = (text: string, iso: string, author: string | null = "Anna"): StatusNoteRow => ({
  text,
  createdAt: new Date(iso),
  date: iso.slice(0, 10),
  author,
});

describe("latestStatus", () => {
  it("is null without status texts", () => {
    expect(latestStatus([])).toBeNull();
  });

  it("picks the newest by time, whatever the order given", () => {
    const notes = [note("mitten", "2026-10-01T08:00:00Z"), note("senast", "2026-11-20T08:00:00Z", "Bo"), note("först", "2026-09-01T08:00:00Z")];
    expect(latestStatus(notes)).toEqual({ text: "senast", date: "2026-11-20", author: "Bo" });
  });

  it("on equal times takes the last given", () => {
    const at = "2026-11-20T08:00:00Z";
    expect(latestStatus([note("a", at), note("b", at)])?.text).toBe("b");
  });
});

describe("statusNoteDue", () => {
  it("asks when there is no status text", () => {
    expect(statusNoteDue(null, "2026-12-07")).toBe(true);
  });

  it("does not ask for a recent one, nor on the threshold day itself", () => {
    expect(STATUS_NOTE_STALE_DAYS).toBe(30);
    expect(statusNoteDue("2026-12-07", "2026-12-07")).toBe(false);
    expect(statusNoteDue("2026-11-20", "2026-12-07")).toBe(false);
    expect(statusNoteDue("2026-11-07", "2026-12-07")).toBe(false); // exactly 30 days
  });

  it("asks once the latest is older than the threshold", () => {
    expect(statusNoteDue("2026-11-06", "2026-12-07")).toBe(true); // 31 days
    expect(statusNoteDue("2026-01-01", "2026-12-07")).toBe(true);
  });

  it("takes another threshold", () => {
    expect(statusNoteDue("2026-12-01", "2026-12-07", 5)).toBe(true);
    expect(statusNoteDue("2026-12-02", "2026-12-07", 5)).toBe(false);
  });
});

describe("compactStatus", () => {
  it("keeps a short text, flattening whitespace", () => {
    expect(compactStatus("  Två\n\nrader  ")).toBe("Två rader");
  });

  it("cuts a long text at a word with an ellipsis", () => {
    const out = compactStatus("ord ".repeat(100), 20);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out.endsWith("…")).toBe(true);
    expect(out).not.toMatch(/\s…$/);
  });
});

function action(over: Partial<ReportAction>): ReportAction {
  return {
    id: "a",
    title: "Åtgärd",
    area: 1,
    item: "1.1",
    owner: "Anna Ägare",
    status: "IN_PROGRESS",
    deadline: "2026-10-01",
    completedAt: null,
    daysLate: 0,
    ...over,
  };
}

const snapshot = (actions: ReportAction[]) => ({ actions }) as unknown as ReportSnapshot;

describe("report table rows", () => {
  it("the late table carries the committee and the latest status, most late first", () => {
    const table = lateTable(
      snapshot([
        action({ id: "x", title: "Inte sen", daysLate: 0 }),
        action({
          id: "l1",
          title: "Lite sen",
          daysLate: 3,
          committee: "Kommunstyrelsen",
          latestStatus: { text: "Upphandlingen är klar.", date: "2026-11-02", author: "Anna" },
        }),
        action({ id: "l2", title: "Mycket sen", daysLate: 40, owner: null, committee: "Barn- och utbildningsnämnden" }),
      ]),
    );
    expect(table.head).toEqual(lateColumns.map((c) => c.header));
    expect(table.head).toContain(t.committees.reportColumn);
    expect(table.head).toContain(t.councilReport.statusColumn);
    const committee = table.head.indexOf(t.committees.reportColumn);
    const status = table.head.indexOf(t.councilReport.statusColumn);
    expect(table.rows.map((row) => row[0])).toEqual(["Mycket sen", "Lite sen"]);
    expect(table.rows[0]?.[committee]).toBe("Barn- och utbildningsnämnden");
    expect(table.rows[0]?.[status]).toBe(t.councilReport.noStatus);
    expect(table.rows[0]?.[2]).toBe(t.report.noOwner);
    expect(table.rows[1]?.[committee]).toBe("Kommunstyrelsen");
    expect(table.rows[1]?.[status]).toBe("2 november 2026: Upphandlingen är klar.");
    expect(table.totalRow).toBe(false);
  });

  it("rows from a snapshot saved before committee and status existed render a dash and an empty cell", () => {
    const old = action({ title: "Gammal", daysLate: 5 });
    expect("committee" in old).toBe(false);
    expect("latestStatus" in old).toBe(false);
    const table = lateTable(snapshot([old]));
    expect(table.rows[0]?.[table.head.indexOf(t.committees.reportColumn)]).toBe("");
    expect(table.rows[0]?.[table.head.indexOf(t.councilReport.statusColumn)]).toBe("–");
    expect(statusCell(old)).toBe("–");
  });

  it("the status table lists only the actions with a status text", () => {
    const table = statusTable(
      snapshot([action({ title: "Utan" }), action({ title: "Med", latestStatus: { text: "Pågår enligt plan.", date: "2026-12-01", author: null } })]),
    );
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.[0]).toBe("Med");
    expect(table.rows[0]?.at(-1)).toBe("1 december 2026: Pågår enligt plan.");
  });
});
