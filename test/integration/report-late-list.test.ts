import { beforeAll, describe, expect, it } from "vitest";
import { addStatusNote } from "~/models/status-note.server.ts";
import { extractReportText } from "~/platform/report-file.server.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/** ADR 0049: the report's page lists the 25 most late actions and links to all; the files list every one. */

let home: Tenant;
let viewer: HttpClient;
let reportId: string;
const LATE = 30;
const base = () => `/k/${home.municipality.slug}/rapporter`;
const text = async (res: Response) => {
  expect(res.status).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, "");
};
/** The rows of the page's late table, as the action titles they link. */
function lateRows(html: string): string[] {
  const table = html.slice(html.indexOf('id="late-heading"'), html.indexOf('id="statuses-heading"'));
  return [...table.matchAll(/<tr><td><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  home = await createTenant("report-late");
  // Late by 30 days down to 1 month: "Sen 1" is the most late.
  for (let n = 1; n <= LATE; n++) {
    const action = await createTestAction(home, home.owner.id, `2025-${String(Math.ceil(n / 3)).padStart(2, "0")}-${String(((n - 1) % 3) * 9 + 1).padStart(2, "0")}`, `Sen ${n}`);
    // The least late one has a status text: it is listed with its text even when the late table stops before it.
    if (n === LATE) await addStatusNote(home.municipality.id, action.id, "Väntar på upphandlingen.", home.owner.id);
  }
  const coordinator = await signedInClient(home.coordinator.email);
  const saved = await coordinator.post(base(), { title: "Rapport med många försenade", coverText: "" });
  expect(saved.status).toBe(302);
  reportId = saved.headers.get("location")!.split("/").at(-1)!.split("?")[0]!;
  viewer = await signedInClient(home.viewer.email);
});

describe("the report's late actions on its page", () => {
  it("lists the 25 most late, says how many there are and where the rest are, and links to all", async () => {
    const html = await text(await viewer.get(`${base()}/${reportId}`));
    expect(lateRows(html)).toEqual(Array.from({ length: 25 }, (_, i) => `Sen ${i + 1}`));
    // Said once, under the late table.
    const late = html.slice(html.indexOf('id="late-heading"'), html.indexOf('id="statuses-heading"'));
    expect(late).toContain(`Här visas de 25 mest försenade av ${LATE}; PDF-, Word- och Excel-filerna tar med alla.`);
    expect(html.split("mest försenade av").length).toBe(2);
    expect(html).toContain(`<a href="?forsenade=alla#late-heading" class="no-print">Visa alla ${LATE} försenade åtgärder</a>`);
    // The status texts are all there, also of an action past the 25th.
    expect(html).toContain("Väntar på upphandlingen.");
    expect(html).toContain(`Sen ${LATE}`);
  });

  it("lists every late action when asked, keeping a committee filter in the link", async () => {
    const html = await text(await viewer.get(`${base()}/${reportId}?forsenade=alla`));
    expect(lateRows(html)).toEqual(Array.from({ length: LATE }, (_, i) => `Sen ${i + 1}`));
    expect(html).not.toContain("mest försenade av");
    const filtered = await text(await viewer.get(`${base()}/${reportId}?namnd=utan`));
    expect(filtered).toContain(`href="?namnd=utan&amp;forsenade=alla#late-heading"`);
  });

  it("does the same for the current (unsaved) report", async () => {
    const html = await text(await viewer.get(`${base()}/aktuell`));
    expect(lateRows(html)).toHaveLength(25);
    expect(lateRows(await text(await viewer.get(`${base()}/aktuell?forsenade=alla`)))).toHaveLength(LATE);
  });

  it("keeps every late action in the PDF", async () => {
    const pdf = await viewer.get(`${base()}/${reportId}/pdf`);
    expect(pdf.status).toBe(200);
    const extracted = await extractReportText(new Uint8Array(await pdf.arrayBuffer()));
    expect(extracted.ok).toBe(true);
    const body = extracted.ok ? extracted.text.replace(/\s+/g, " ") : "";
    for (let n = 1; n <= LATE; n++) expect(body).toMatch(new RegExp(`Sen ${n}(?!\\d)`));
  });
});
