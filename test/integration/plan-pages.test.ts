import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/** The plan page a page at a time (ADR 0049), over HTTP against the built server. */

let home: Tenant;
let coordinator: HttpClient;
let viewer: HttpClient;
const TOTAL = 61;
const plan = (query = "") => `/k/${home.municipality.slug}/plan${query}`;

/** The actions a plan page lists, by id, in order. */
async function listed(client: HttpClient, query = "") {
  const res = await client.get(plan(query));
  expect(res.status).toBe(200);
  // React writes <!-- --> between adjacent pieces of text.
  const html = (await res.text()).replace(/<!-- -->/g, "");
  const ids = [...html.matchAll(new RegExp(`<a href="/k/${home.municipality.slug}/atgarder/([0-9a-f-]{36})">`, "g"))].map((m) => m[1]!);
  return { html, ids };
}

beforeAll(async () => {
  home = await createTenant("plan-pages");
  // 61 actions, 30 of them the owner's: two pages of the whole plan, one of the owner's.
  for (let n = 1; n <= TOTAL; n++) await createTestAction(home, n % 2 === 0 ? home.owner.id : home.coordinator.id, `2027-0${(n % 9) + 1}-10`, `Sidåtgärd ${n}`);
  [coordinator, viewer] = await Promise.all([signedInClient(home.coordinator.email), signedInClient(home.viewer.email)]);
});

describe("the plan a page at a time", () => {
  it("shows 50 actions, then the rest, each once, and says where the reader is", async () => {
    const first = await listed(coordinator);
    const second = await listed(coordinator, "?sida=2");
    expect(first.ids).toHaveLength(50);
    expect(second.ids).toHaveLength(TOTAL - 50);
    expect(new Set([...first.ids, ...second.ids]).size).toBe(TOTAL);
    expect(first.html).toContain("Visar åtgärd 1–50 av 61. Sida 1 av 2.");
    expect(second.html).toContain("Visar åtgärd 51–61 av 61. Sida 2 av 2.");
    // The counts stay the whole plan's.
    expect(first.html).toContain("61 åtgärder, varav 0 försenade.");
    // Links lead to the list, keep nothing but the page, and the first page has no way back.
    expect(first.html).toContain(`href="${plan("?sida=2")}#planens-atgarder">Nästa sida</a>`);
    expect(first.html).not.toContain("Föregående sida");
    expect(second.html).toContain(`href="${plan()}#planens-atgarder">Föregående sida</a>`);
    expect(second.html).not.toContain("Nästa sida");
    // The print view's link prints the whole plan, not "page 2".
    expect(second.html).toContain(`href="${plan("?utskrift=1")}"`);
  });

  it("shows every action on one page when asked, and in the print view", async () => {
    const all = await listed(coordinator, "?sida=alla");
    expect(all.ids).toHaveLength(TOTAL);
    expect(all.html).toContain("Visar alla 61 åtgärder på en sida.");
    expect(all.html).toContain(`href="${plan()}#planens-atgarder">Visa 50 i taget</a>`);
    const print = await listed(coordinator, "?utskrift=1&sida=2");
    expect(print.ids).toHaveLength(TOTAL);
    // The print view has nothing to page.
    expect(print.html).not.toContain("Visar alla");
    expect(print.html).not.toContain("Sidor i handlingsplanen");
  });

  it("reads an odd page number without an error: past the last is the last, anything else the first", async () => {
    expect((await listed(coordinator, "?sida=99")).ids).toEqual((await listed(coordinator, "?sida=2")).ids);
    for (const odd of ["abc", "0", "-1", "1e9", "%00"]) expect((await listed(coordinator, `?sida=${odd}`)).ids).toEqual((await listed(coordinator)).ids);
  });

  it("pages what the filter keeps, and keeps the filter in its links", async () => {
    const own = await listed(coordinator, `?ansvarig=${home.owner.id}`);
    expect(own.ids).toHaveLength(30);
    expect(own.html).not.toContain("Sidor i handlingsplanen");
    const coordinators = await listed(coordinator, `?ansvarig=${home.coordinator.id}&sida=1`);
    expect(coordinators.ids).toHaveLength(31);
    const late = await listed(coordinator, `?status=NOT_STARTED&sida=2`);
    expect(late.ids).toHaveLength(TOTAL - 50);
    expect(late.html).toContain(`href="${plan("?status=NOT_STARTED")}#planens-atgarder">Föregående sida</a>`);
  });

  it("pages the plan by committee too, each group headed with its whole count", async () => {
    const first = await listed(coordinator, "?visning=namnd");
    const second = await listed(coordinator, "?visning=namnd&sida=2");
    expect(first.ids).toHaveLength(50);
    expect(second.ids).toHaveLength(TOTAL - 50);
    expect(new Set([...first.ids, ...second.ids]).size).toBe(TOTAL);
    expect(first.html).toContain("(61 åtgärder)");
    expect(second.html).toContain("(61 åtgärder)");
  });

  it("pages the plan for a council member the same way", async () => {
    expect((await listed(viewer)).ids).toEqual((await listed(coordinator)).ids);
  });
});
