import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";

/** Every loader and action checks role and municipality on the server. */
let home: Tenant;
let other: Tenant;
const as = async (email: string) => {
  const http = new HttpClient();
  expect((await http.signIn(email, PASSWORD)).status).toBe(302);
  return http;
};

beforeAll(async () => {
  [home, other] = await Promise.all([createTenant("home"), createTenant("other")]);
});

describe("tenancy", () => {
  const pages = (t: Tenant) => [
    `/k/${t.municipality.slug}`,
    `/k/${t.municipality.slug}/utvarderingar`,
    `/k/${t.municipality.slug}/utvarderingar/${t.evaluationId}`,
  ];

  it("lets every role of the municipality read its pages", async () => {
    for (const user of [home.coordinator, home.owner, home.viewer]) {
      const http = await as(user.email);
      for (const page of pages(home)) expect((await http.get(page)).status, `${user.email} ${page}`).toBe(200);
    }
  });

  it("answers 403 in Swedish, never data, for another municipality's pages", async () => {
    const http = await as(home.coordinator.email);
    for (const page of pages(other)) {
      const res = await http.get(page);
      expect(res.status, page).toBe(403);
      const html = await res.text();
      expect(html).toContain("Åtkomst nekad");
      expect(html).not.toContain(other.municipality.name);
    }
  });

  it("does not reveal another municipality's evaluation under one's own slug", async () => {
    const http = await as(home.coordinator.email);
    const res = await http.get(`/k/${home.municipality.slug}/utvarderingar/${other.evaluationId}`);
    expect(res.status).toBe(404);
  });

  it("sends a visitor who is not signed in to the sign-in page", async () => {
    const res = await new HttpClient().get(pages(home)[2]!);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/logga-in?redirectTo=");
  });
});

describe("roles", () => {
  it("refuses a council viewer who tries to delete an evaluation", async () => {
    const http = await as(home.viewer.email);
    const res = await http.post(`/k/${home.municipality.slug}/utvarderingar/${home.evaluationId}`, { intent: "delete", confirmed: "yes" });
    expect(res.status).toBe(403);
    expect(await getDb().evaluation.count({ where: { id: home.evaluationId } })).toBe(1);
  });

  it("refuses an action owner and a viewer the user administration, read and write", async () => {
    for (const user of [home.owner, home.viewer]) {
      const http = await as(user.email);
      expect((await http.get(`/k/${home.municipality.slug}/anvandare`)).status).toBe(403);
      const res = await http.post(`/k/${home.municipality.slug}/anvandare`, {
        intent: "change-role",
        userId: user.id,
        role: "COORDINATOR",
      });
      expect(res.status).toBe(403);
    }
    const membership = await getDb().membership.findFirstOrThrow({ where: { userId: home.viewer.id } });
    expect(membership.role).toBe("VIEWER");
  });

  it("refuses a coordinator of one municipality to change users of another", async () => {
    const http = await as(home.coordinator.email);
    const res = await http.post(`/k/${other.municipality.slug}/anvandare`, {
      intent: "remove", confirmed: "yes",
      userId: other.viewer.id,
    });
    expect(res.status).toBe(403);
    expect(await getDb().membership.count({ where: { userId: other.viewer.id } })).toBe(1);
  });
});

describe("operator", () => {
  it("spans municipalities: lists them all and opens any of them", async () => {
    const { createUserWithPassword } = await import("~/models/user.server.ts");
    const operator = await createUserWithPassword({
      email: `drift-${home.municipality.slug}@test.kompassplan.se`,
      name: "Drift",
      password: PASSWORD,
      isOperator: true,
    });
    const http = new HttpClient();
    const signedIn = await http.signIn(operator.email, PASSWORD);
    // Operators set up two-step sign-in before anything else, then go on to the list.
    expect(signedIn.headers.get("location")).toBe("/konto/tvastegsinloggning?redirectTo=%2Fkommuner");
    await setUpTwoStep(http);
    const list = await (await http.get("/kommuner")).text();
    expect(list).toContain(home.municipality.name);
    expect(list).toContain(other.municipality.name);
    expect((await http.get(`/k/${other.municipality.slug}/anvandare`)).status).toBe(200);
    expect((await http.get(`/k/${home.municipality.slug}/utvarderingar/${home.evaluationId}`)).status).toBe(200);
  });

  it("a member of one municipality sees only that one in the list", async () => {
    const http = await as(home.viewer.email);
    const list = await (await http.get("/kommuner")).text();
    expect(list).toContain(home.municipality.name);
    expect(list).not.toContain(other.municipality.name);
  });
});
