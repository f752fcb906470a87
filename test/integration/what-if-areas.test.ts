import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createActionInArea, createTestAction } from "../helpers/plan.ts";

/** ADR 0049: Tänk om shows one area's actions at a time; a trial's choices in the other areas travel with the form. */

let tenant: Tenant;
let viewer: HttpClient;
let a1: { id: string };
let b1: { id: string };
let a2: { id: string };
let a2Code: string;
const page = () => `/k/${tenant.municipality.slug}/infor-utvardering/tank-om`;

async function html(query: string) {
  const res = await viewer.get(`${page()}${query}`);
  expect(res.status).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, "");
}
const rowTitles = (text: string) => [...text.matchAll(/<label for="med-\d+">([^<]+)<\/label>/g)].map((m) => m[1]!);
const result = (text: string) => text.match(/Med dina ändringar: [^<]+/)?.[0] ?? null;
const hidden = (text: string) => [...text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => `${m[1]}=${m[2]}`);

beforeAll(async () => {
  tenant = await createTenant("tankom-omraden");
  // Two actions in area 1 (on sub-question 1.5, 2 points each) and one in area 2.
  a1 = await createTestAction(tenant, tenant.owner.id, "2027-03-31", "Första i område 1");
  b1 = await createTestAction(tenant, tenant.owner.id, "2027-04-30", "Andra i område 1");
  const inArea2 = await createActionInArea(tenant, 2, "Åtgärd i område 2");
  a2 = inArea2;
  a2Code = inArea2.code;
  viewer = await signedInClient(tenant.viewer.email);
});

describe("Tänk om one area at a time", () => {
  it("shows the first area's actions, offers every area with its count, and holds which area the form shows", async () => {
    const text = await html("");
    expect(rowTitles(text)).toEqual(["Första i område 1", "Andra i område 1"]);
    expect(text).toMatch(/<option value="1" selected="">1\. [^<]+ \(2 åtgärder\)<\/option>/);
    expect(text).toMatch(/<option value="2">2\. [^<]+ \(1 åtgärd\)<\/option>/);
    expect(hidden(text)).toEqual(["tankom=1", "visat=1"]);
    expect(rowTitles(await html("?omrade=2"))).toEqual(["Åtgärd i område 2"]);
  });

  it("moves to another area keeping the trial: what was left out and the changed effects travel, the total counts them all", async () => {
    // Area 1 as the form sends it: the first action unticked, the second's effect changed to 5; the reader asks for area 2.
    const moved = await html(`?tankom=1&visat=1&med=${b1.id}&effekt.${a1.id}.1.5=2&effekt.${b1.id}.1.5=5&omrade=2`);
    expect(rowTitles(moved)).toEqual(["Åtgärd i område 2"]);
    // Only the differences travel: the first action is off, the second's effect changed; a1's unchanged effect does not.
    expect(hidden(moved)).toEqual(["tankom=1", "visat=2", `av=${a1.id}`, `effekt.${b1.id}.1.5=5`]);
    expect(moved).toContain("I andra områden har du slagit av 1 åtgärd och ändrat 1 effekt.");
    // The same trial given for every action at once (an address from before the areas) has the same total.
    const whole = await html(`?tankom=1&med=${b1.id}&med=${a2.id}&effekt.${b1.id}.1.5=5`);
    expect(result(moved)).not.toBeNull();
    expect(result(moved)).toBe(result(whole));
    // And the trial does change the figures: a plan without the trial reads otherwise.
    expect(result(moved)).not.toBe(result(await html(`?tankom=1&med=${a1.id}&med=${b1.id}&med=${a2.id}`)));

    // Back to area 1 from area 2, as that form sends it: the choices show at their fields again.
    const back = await html(`?tankom=1&visat=2&av=${a1.id}&effekt.${b1.id}.1.5=5&med=${a2.id}&effekt.${a2.id}.${a2Code}=1&omrade=1`);
    expect(rowTitles(back)).toEqual(["Första i område 1", "Andra i område 1"]);
    expect(back).toMatch(new RegExp(`<input type="checkbox" name="med" id="med-1" value="${a1.id}"/>`));
    expect(back).toMatch(new RegExp(`<input type="checkbox" name="med" id="med-2" checked="" value="${b1.id}"/>`));
    expect(back).toMatch(new RegExp(`name="effekt\\.${b1.id}\\.1\\.5"[^>]*value="5"`));
    expect(result(back)).toBe(result(whole));
  });

  it("carries an area whose actions are all left out as one value, and reads a form whose area is gone by what it carried", async () => {
    const moved = await html(`?tankom=1&visat=1&omrade=2`);
    expect(hidden(moved)).toEqual(["tankom=1", "visat=2", "av-omrade=1"]);
    expect(moved).toContain("I andra områden har du slagit av 2 åtgärder.");
    const none = await html(`?tankom=1&med=${a2.id}`);
    expect(result(moved)).toBe(result(none));
    // The form held an area without actions (its last one cancelled since, or an address edited): the other areas are not all switched off.
    const gone = await html(`?tankom=1&visat=7&av=${a1.id}`);
    expect(result(gone)).toBe(result(await html(`?tankom=1&med=${b1.id}&med=${a2.id}`)));
    expect(result(gone)).not.toBe(result(none));
  });

  it("stays in the area with an unreadable effect, so the error is shown at its field", async () => {
    const text = await html(`?tankom=1&visat=1&med=${a1.id}&med=${b1.id}&effekt.${a1.id}.1.5=fel&omrade=2`);
    expect(rowTitles(text)).toEqual(["Första i område 1", "Andra i område 1"]);
    expect(text).toContain("Ange en effekt mellan 0 och 100 poäng");
    expect(text).toMatch(/<option value="1" selected="">/);
    // And says why it did not move on.
    expect(text).toContain("Rätta effekten som är fel innan du byter område.");
    expect(await html(`?tankom=1&visat=1&med=${a1.id}&med=${b1.id}&omrade=2`)).not.toContain("Rätta effekten som är fel");
  });

  it("reads an odd area without an error: the area the form held, else the first", async () => {
    for (const odd of ["99", "abc", "", "0", "-1", "1.5", "%00"]) expect(rowTitles(await html(`?omrade=${odd}`))).toEqual(["Första i område 1", "Andra i område 1"]);
    expect(rowTitles(await html(`?tankom=1&visat=2&med=${a2.id}&omrade=x`))).toEqual(["Åtgärd i område 2"]);
  });
});
