import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";

/** Issue #14, item 9: a viewer sees no reminder settings they cannot use, and their role label once, not nested. */

let home: Tenant;
const as: Record<string, HttpClient> = {};
const base = () => `/k/${home.municipality.slug}`;

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

beforeAll(async () => {
  home = await createTenant("tittare");
  as.owner = await signedInClient(home.owner.email);
  as.viewer = await signedInClient(home.viewer.email);
});

describe("a viewer's reminder settings", () => {
  it("are not shown on Mina åtgärder, while an owner still has them", async () => {
    const owner = await (await as.owner!.get(`${base()}/mina-atgarder`)).text();
    expect(owner).toContain("Hur vill du få påminnelser?");
    expect(owner).toContain('name="digest"');

    const res = await as.viewer!.get(`${base()}/mina-atgarder`);
    expect(res.status).toBe(200);
    const viewer = await res.text();
    expect(viewer).toContain("Mina åtgärder");
    expect(viewer).not.toContain("Hur vill du få påminnelser?");
    expect(viewer).not.toContain('name="digest"');
    // Nor is the coordinator's Påminnelser page in the viewer's menu.
    expect(viewer).not.toContain(`href="${base()}/paminnelser"`);
  });

  it("cannot be changed by a viewer's post, which changes nothing", async () => {
    const before = (await getDb().user.findUniqueOrThrow({ where: { id: home.viewer.id } })).digestPreference;
    const res = await as.viewer!.post(`${base()}/mina-atgarder`, { intent: "digest", digest: before === "WEEKLY" ? "SINGLE" : "WEEKLY" });
    expect(res.status).toBe(403);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: home.viewer.id } })).digestPreference).toBe(before);
    expect((await as.viewer!.post(`${base()}/paminnelser`, { daysBefore: "3" })).status).toBe(403);
  });
});

describe("a viewer's role label", () => {
  it("appears once, as Förtroendevald (läsbehörighet), never wrapped in a second pair of parentheses", async () => {
    for (const page of [base(), `${base()}/mina-atgarder`, `${base()}/plan`]) {
      const html = await (await as.viewer!.get(page)).text();
      expect(count(html, "Förtroendevald (läsbehörighet)"), page).toBe(1);
      expect(html, page).not.toContain("(Förtroendevald (läsbehörighet))");
      expect(html, page).toContain(`Inloggad som ${home.viewer.name}`);
    }
  });
});
