import { describe, expect, it } from "vitest";
import { notice, paths, QUERY } from "~/paths.ts";

describe("paths", () => {
  it("builds the addresses the routes answer, with their query keys", () => {
    expect(paths.action("sjovik", "a1")).toBe("/k/sjovik/atgarder/a1");
    expect(paths.action("sjovik", "a1", notice("saved"))).toBe("/k/sjovik/atgarder/a1?sparad=1");
    expect(paths.newAction("sjovik", "i1")).toBe("/k/sjovik/plan/ny?punkt=i1");
    expect(paths.newAction("sjovik")).toBe("/k/sjovik/plan/ny");
    expect(paths.planExport("sjovik", "xlsx", "status=DONE")).toBe("/k/sjovik/plan.xlsx?status=DONE");
    expect(paths.planExport("sjovik", "csv", "")).toBe("/k/sjovik/plan.csv");
    expect(paths.evaluations("sjovik", notice("deleted"))).toBe("/k/sjovik/utvarderingar?borttagen=1");
    expect(paths.reportFile("sjovik", "r1", "pdf")).toBe("/k/sjovik/rapporter/r1/pdf");
    expect(QUERY.item).toBe("punkt");
    expect(paths.planImport("sjovik")).toBe("/k/sjovik/plan/importera");
    expect(paths.planImportColumns("sjovik", "i1")).toBe("/k/sjovik/plan/importera/i1");
    expect(paths.planImportPreview("sjovik", "i1")).toBe("/k/sjovik/plan/importera/i1/granska");
  });
});
