import { beforeAll, describe, expect, it } from "vitest";
import { unknownAddressId } from "~/models/audit.server.ts";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";

/**
 * The audit log (issue #12, item 8): sign-ins (success and failure), role changes, invitations,
 * removals and settings changes are recorded; coordinators read their municipality's log and
 * operators all of it, on the page and as CSV; a coordinator never sees another municipality's events.
 */
let a: Tenant;
let b: Tenant;
let both: { id: string; email: string; name: string };
let coordinatorA: HttpClient;
let coordinatorB: HttpClient;
const log = (t: Tenant, query = "") => `/k/${t.municipality.slug}/logg${query}`;
const csv = (t: Tenant, query = "") => `/k/${t.municipality.slug}/logg.csv${query}`;
const policyForm = (overrides: Record<string, string> = {}) => ({
  daysBefore: "14, 3",
  onDeadlineDay: "on",
  lateEveryDays: "7",
  graceDays: "7",
  secondLevelDays: "14",
  silenceDays: "30",
  digestWeekday: "1",
  nextEvaluationDate: "",
  ...overrides,
});

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("logg-a"), createTenant("logg-b")]);
  both = await createUserWithPassword({ email: `bada-${a.municipality.slug}@test.se`, name: "Berit Båda", password: PASSWORD });
  await addMembership(a.municipality.id, both.id, "OWNER");
  await addMembership(b.municipality.id, both.id, "OWNER");
  coordinatorA = new HttpClient();
  coordinatorB = new HttpClient();
  await coordinatorA.signIn(a.coordinator.email, PASSWORD);
  await coordinatorB.signIn(b.coordinator.email, PASSWORD);
});

describe("what the audit log records", () => {
  it("records a successful sign-in with its method and address, without a municipality", async () => {
    const res = await new HttpClient().post("/logga-in", { email: both.email, password: PASSWORD }, { "X-Forwarded-For": "203.0.113.7" });
    expect(res.status).toBe(302);
    const row = await getDb().auditEvent.findFirstOrThrow({ where: { event: "sign-in.succeeded", entityId: both.id }, orderBy: { createdAt: "desc" } });
    expect(row).toMatchObject({ municipalityId: null, actorId: both.id, entityType: "User", reason: "password", field: "ip", newValue: "203.0.113.7" });
  });

  it("records failed sign-ins: the account tried, or only the hash of an unknown address", async () => {
    const wrong = await new HttpClient().post("/logga-in", { email: both.email, password: "fel-lösenord" }, { "X-Forwarded-For": "203.0.113.8" });
    expect(wrong.status).toBe(401);
    const failed = await getDb().auditEvent.findFirstOrThrow({ where: { event: "sign-in.failed", entityId: both.id } });
    expect(failed).toMatchObject({ municipalityId: null, actorId: null, entityType: "User", reason: "password", newValue: "203.0.113.8" });

    const unknown = `Okand-${a.municipality.slug}@Test.se`;
    expect((await new HttpClient().post("/logga-in", { email: unknown, password: "vad-som-helst" }, { "X-Forwarded-For": "203.0.113.9" })).status).toBe(401);
    const row = await getDb().auditEvent.findFirstOrThrow({ where: { event: "sign-in.failed", entityId: unknownAddressId(unknown) } });
    expect(row).toMatchObject({ municipalityId: null, actorId: null, entityType: "User" });
    expect(row.entityId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await getDb().auditEvent.count({ where: { entityId: { contains: "okand-" } } })).toBe(0);
  });

  it("records invitations, role changes and removals with who did them", async () => {
    const email = `inbjuden-${a.municipality.slug}@test.se`;
    expect((await coordinatorA.post(`/k/${a.municipality.slug}/anvandare`, { intent: "invite", name: "=HYPERLINK(\"x\")", email, role: "VIEWER" })).status).toBe(200);
    const invited = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect((await coordinatorA.post(`/k/${a.municipality.slug}/anvandare`, { intent: "change-role", userId: invited.id, role: "OWNER" })).status).toBe(200);
    expect((await coordinatorA.post(`/k/${a.municipality.slug}/anvandare`, { intent: "remove", confirmed: "yes", userId: invited.id })).status).toBe(200);
    const rows = await getDb().auditEvent.findMany({ where: { municipalityId: a.municipality.id, entityId: invited.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.event, r.entityType, r.actorId, r.oldValue, r.newValue])).toEqual([
      ["membership.invited", "User", a.coordinator.id, null, "VIEWER"],
      ["membership.role-changed", "User", a.coordinator.id, "VIEWER", "OWNER"],
      ["membership.removed", "User", a.coordinator.id, "OWNER", null],
    ]);
  });

  it("records each changed setting: the reminder policy, the next evaluation date and the target", async () => {
    expect((await coordinatorA.post(`/k/${a.municipality.slug}/paminnelser`, policyForm({ graceDays: "5", nextEvaluationDate: "2027-10-01" }))).status).toBe(200);
    expect((await coordinatorA.post(`/k/${a.municipality.slug}/infor-utvardering`, { nextEvaluationDate: "2027-11-15", targetTotal: "640" })).status).toBe(200);
    // Saving again without changes records nothing more.
    expect((await coordinatorA.post(`/k/${a.municipality.slug}/infor-utvardering`, { nextEvaluationDate: "2027-11-15", targetTotal: "640" })).status).toBe(200);
    const rows = await getDb().auditEvent.findMany({ where: { municipalityId: a.municipality.id, event: "municipality.settings-changed" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.entityType, r.entityId, r.actorId, r.field, r.oldValue, r.newValue])).toEqual([
      ["Municipality", a.municipality.id, a.coordinator.id, "graceDays", "7", "5"],
      ["Municipality", a.municipality.id, a.coordinator.id, "nextEvaluationDate", null, "2027-10-01"],
      ["Municipality", a.municipality.id, a.coordinator.id, "nextEvaluationDate", "2027-10-01", "2027-11-15"],
      ["Municipality", a.municipality.id, a.coordinator.id, "targetTotal", null, "640"],
    ]);
  });
});

describe("reading the audit log", () => {
  beforeAll(async () => {
    // B's settings change: never to be seen in A's log.
    await coordinatorB.post(`/k/${b.municipality.slug}/infor-utvardering`, { nextEvaluationDate: "2031-01-31", targetTotal: "777" });
  });

  it("a coordinator reads the municipality's log: its events and its members' sign-ins, never another's", async () => {
    const res = await coordinatorA.get(log(a));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Inloggning");
    expect(html).toContain("Misslyckad inloggning");
    expect(html).toContain("Berit Båda");
    expect(html).toContain("Ändrad roll");
    expect(html).toContain("Borttagen ur kommunen");
    expect(html).toContain("Ändrad inställning");
    expect(html).toContain("2027-11-15");
    expect(html).not.toContain("2031-01-31");
    // As the shown value: ids and times may contain the digits 777 by chance.
    expect(html).toMatch(/Målpoäng: (?:[^<]*→ )?640</);
    expect(html).not.toMatch(/Målpoäng: (?:[^<]*→ )?777</);
    expect(html).not.toContain("Okänd adress");
    // B's coordinator sees Berit's sign-ins too (she is a member of both), but not A's settings.
    const other = await (await coordinatorB.get(log(b))).text();
    expect(other).toContain("Berit Båda");
    expect(other).toContain("2031-01-31");
    expect(other).toMatch(/Målpoäng: (?:[^<]*→ )?777</);
    expect(other).not.toContain("2027-11-15");
    expect(other).not.toContain(a.coordinator.name);
  });

  it("filters by kind and date range, refusing bad filters in Swedish next to the field", async () => {
    const signIns = await (await coordinatorA.get(log(a, "?typ=sign-in"))).text();
    expect(signIns).toContain("Inloggning");
    expect(signIns).not.toContain("Ändrad inställning");
    const settings = await (await coordinatorA.get(log(a, "?typ=settings"))).text();
    expect(settings).toContain("Ändrad inställning");
    expect(settings).not.toContain("Misslyckad inloggning");
    const old = await (await coordinatorA.get(log(a, "?fran=2020-01-01&till=2020-01-31"))).text();
    expect(old).toContain("Inga händelser i urvalet.");

    for (const [query, message] of [
      ["?fran=2020-01-01&till=2026-01-01", "Välj högst 366 dagar åt gången."],
      ["?fran=2026-05-01&till=2026-04-01", "Slutdatumet kan inte vara före startdatumet."],
      ["?fran=igår", "Ange ett datum som ÅÅÅÅ-MM-DD."],
      ["?typ=%3Cscript%3E", "Välj en typ av händelse i listan."],
      ["?sida=99999", "Sidan finns inte."],
      [`?typ=${"x".repeat(5000)}`, "Välj en typ av händelse i listan."],
    ] as const) {
      const res = await coordinatorA.get(log(a, query));
      expect(res.status, query).toBe(200);
      expect(await res.text(), query).toContain(message);
    }
    expect((await coordinatorA.get(csv(a, "?fran=2020-01-01&till=2026-01-01"))).status).toBe(400);
  });

  it("exports the selection as CSV, with formulas neutralised", async () => {
    const res = await coordinatorA.get(csv(a));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("Tid;Vem;Händelse;Gäller;Fält;Före;Efter;Orsak");
    expect(text).toContain(`;${a.coordinator.name};Ändrad roll;"'=HYPERLINK(""x"") (inbjuden-${a.municipality.slug}@test.se)";Roll;Förtroendevald (läsbehörighet);Åtgärdsansvarig;`);
    expect(text).toContain(";Berit Båda;Inloggning;Berit Båda");
    expect(text).toContain(";IP-adress;;203.0.113.7;lösenord");
    expect(text).toContain(";Målpoäng;;640;");
    expect(text).not.toMatch(/(^|;)777(;|\r?$)/m);
    expect(await (await coordinatorB.get(csv(b))).text()).toMatch(/(^|;)777(;|\r?$)/m);
    const onlySettings = await (await coordinatorA.get(csv(a, "?typ=settings"))).text();
    expect(onlySettings).not.toContain("Inloggning");
  });

  it("viewers and owners get 403, a coordinator never reads another municipality's log, only operators read all", async () => {
    for (const person of [a.viewer, a.owner]) {
      const http = new HttpClient();
      await http.signIn(person.email, PASSWORD);
      expect((await http.get(log(a))).status).toBe(403);
      expect((await http.get(csv(a))).status).toBe(403);
    }
    expect((await coordinatorA.get(log(b))).status).toBe(403);
    expect((await coordinatorA.get(csv(b))).status).toBe(403);
    expect((await coordinatorA.get("/drift/logg")).status).toBe(403);
    expect((await coordinatorA.get("/drift/logg.csv")).status).toBe(403);
    expect((await new HttpClient().get(log(a))).status).toBe(302);
  });

  it("an operator reads every event, also failed sign-ins of unknown addresses, and exports them with the municipality", async () => {
    const operator = await createUserWithPassword({ email: `drift-logg-${a.municipality.slug}@test.se`, name: "Drift Logg", password: PASSWORD, isOperator: true });
    const http = new HttpClient();
    await http.signIn(operator.email, PASSWORD);
    await setUpTwoStep(http);
    const html = await (await http.get("/drift/logg?typ=sign-in")).text();
    expect(html).toContain("Okänd adress");
    const everything = await (await http.get(`/drift/logg?kommun=${b.municipality.id}`)).text();
    expect(everything).toContain("2031-01-31");
    expect(everything).not.toContain("2027-11-15");
    const file = await (await http.get(`/drift/logg.csv?kommun=${a.municipality.id}&typ=settings`)).text();
    expect(file.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("Tid;Kommun;Vem;Händelse;Gäller;Fält;Före;Efter;Orsak");
    expect(file).toContain(`;${a.municipality.name};${a.coordinator.name};Ändrad inställning;`);
    expect((await http.get("/drift/logg?kommun=inte-ett-id")).status).toBe(200);
  });
});
