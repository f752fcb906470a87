import { beforeAll, describe, expect, it } from "vitest";
import { FREE_ATTEMPTS } from "~/domain/signin-throttle.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("auth");
});

describe("sign in and out", () => {
  it("signs in with e-mail and password into a session stored in PostgreSQL", async () => {
    const http = new HttpClient();
    const res = await http.signIn(tenant.coordinator.email.toUpperCase(), PASSWORD);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/k/${tenant.municipality.slug}`);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(await getDb().session.count({ where: { userId: tenant.coordinator.id } })).toBeGreaterThan(0);
    const page = await http.get(`/k/${tenant.municipality.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(tenant.municipality.name);
  });

  it("refuses a wrong password with a Swedish message and no session", async () => {
    const http = new HttpClient();
    const res = await http.signIn(tenant.viewer.email, "fel-lösenord");
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Fel e-postadress eller lösenord.");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("shows field errors in Swedish for an invalid e-mail address, not a 500", async () => {
    const res = await new HttpClient().post("/logga-in", { email: "inte-en-adress", password: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Ange en giltig e-postadress.");
    expect(html).toContain("Ange ditt lösenord.");
  });

  it("slows down repeated failed sign-ins", async () => {
    const http = new HttpClient();
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      expect((await http.signIn(tenant.owner.email, "fel")).status).toBe(401);
    }
    const throttled = await http.signIn(tenant.owner.email, PASSWORD);
    expect(throttled.status).toBe(429);
    const seconds = (await throttled.text()).match(/För många misslyckade försök\. Vänta (\d+) sekunder/);
    expect(Number(seconds?.[1])).toBeGreaterThan(0);
    // Even the right password is refused while the delay lasts: no session is started.
    expect(throttled.headers.get("set-cookie")).toBeNull();
  });

  it("signs out, deleting the session", async () => {
    const http = new HttpClient();
    await http.signIn(tenant.viewer.email, PASSWORD);
    const before = await getDb().session.count({ where: { userId: tenant.viewer.id } });
    const out = await http.post("/logga-ut", {});
    expect(out.status).toBe(302);
    expect(await getDb().session.count({ where: { userId: tenant.viewer.id } })).toBe(before - 1);
    const after = await http.get(`/k/${tenant.municipality.slug}`);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/logga-in\?redirectTo=/);
  });

  it("refuses a mutating request from another origin", async () => {
    const http = new HttpClient();
    await http.signIn(tenant.coordinator.email, PASSWORD);
    const res = await http.post(
      `/k/${tenant.municipality.slug}/anvandare`,
      { intent: "invite", name: "X", email: "x@example.se", role: "OWNER" },
      { Origin: "https://angripare.example" },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("annan webbplats");
    expect(await getDb().user.count({ where: { email: "x@example.se" } })).toBe(0);
  });

  it("does not follow a redirect to another site after sign-in", async () => {
    const http = new HttpClient();
    const res = await http.post("/logga-in", {
      email: tenant.coordinator.email,
      password: PASSWORD,
      redirectTo: "//angripare.example/",
    });
    expect(res.headers.get("location")).toBe(`/k/${tenant.municipality.slug}`);
  });
});
