import { beforeAll, describe, expect, inject, it } from "vitest";
import { createQueue, createWorker, QUEUES } from "../../jobs/queues.ts";
import { waitFor } from "../helpers/wait.ts";
import { getDb } from "~/platform/db.server.ts";
import { computeDue } from "~/workflows/reminders.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";
import { createTestAction } from "../helpers/plan.ts";
import { createUserWithPassword } from "~/models/user.server.ts";

let tenant: Tenant;
const as: Record<string, HttpClient> = {};
const base = () => `/k/${tenant.municipality.slug}`;

beforeAll(async () => {
  tenant = await createTenant("pages");
  for (const [who, email] of [["coordinator", tenant.coordinator.email], ["owner", tenant.owner.email], ["viewer", tenant.viewer.email]] as const) {
    as[who] = new HttpClient();
    await as[who]!.signIn(email, PASSWORD);
  }
});

describe("the municipality's reminder policy", () => {
  it("is set by coordinators with Swedish errors for bad values, and the policy follows it", async () => {
    const bad = await as.coordinator!.post(`${base()}/paminnelser`, {
      daysBefore: "14, tre", lateEveryDays: "0", graceDays: "7", secondLevelDays: "14", silenceDays: "30", digestWeekday: "1",
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Ange högst fem dagar");
    expect(html).toContain("Ange ett antal dagar mellan 1 och 365.");
    const ok = await as.coordinator!.post(`${base()}/paminnelser`, {
      daysBefore: "10", onDeadlineDay: "on", lateEveryDays: "3", graceDays: "2", secondLevelDays: "5", silenceDays: "20", digestWeekday: "3",
      nextEvaluationDate: "2027-05-03",
    });
    expect(ok.status).toBe(200);
    // 90 days before 3 May 2027 is 2 Feb; the coordinators get a readiness summary then.
    const readiness = await computeDue(new Date("2027-02-02T08:00:00Z"), tenant.municipality.id);
    expect(readiness.filter((n) => n.kind === "readiness").map((n) => n.recipient)).toEqual([tenant.coordinator.email]);
    const saved = await getDb().reminderPolicy.findUniqueOrThrow({ where: { municipalityId: tenant.municipality.id } });
    expect(saved).toMatchObject({ daysBefore: [10], lateEveryDays: 3, graceDays: 2, digestWeekday: 3 });
    const action = await createTestAction(tenant, tenant.owner.id, "2027-02-01", "Tio dagar före");
    const due = await computeDue(new Date("2027-01-22T08:00:00Z"), tenant.municipality.id);
    expect(due.filter((n) => n.actionId === action.id).map((n) => n.kind)).toEqual(["before"]);
    expect(await computeDue(new Date("2027-01-21T08:00:00Z"), tenant.municipality.id).then((d) => d.filter((n) => n.actionId === action.id))).toEqual([]);
  });

  it("is refused to owners and viewers", async () => {
    for (const who of ["owner", "viewer"]) {
      expect((await as[who]!.get(`${base()}/paminnelser`)).status).toBe(403);
      expect((await as[who]!.post(`${base()}/paminnelser`, { daysBefore: "1" })).status).toBe(403);
      expect((await as[who]!.get(`${base()}/utkorg`)).status).toBe(403);
    }
  });
});

describe("people's choices", () => {
  it("an owner chooses the weekly digest; escalations to a manager set by the coordinator still arrive", async () => {
    const res = await as.owner!.post(`${base()}/mina-atgarder`, { intent: "digest", digest: "WEEKLY" });
    expect(res.status).toBe(200);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: tenant.owner.id } })).digestPreference).toBe("WEEKLY");
    const manager = await as.coordinator!.post(`${base()}/anvandare`, { intent: "manager", userId: tenant.owner.id, managerId: tenant.viewer.id });
    expect(manager.status).toBe(200);
    const membership = await getDb().membership.findFirstOrThrow({ where: { userId: tenant.owner.id, municipalityId: tenant.municipality.id } });
    expect(membership.managerId).toBe(tenant.viewer.id);
    const late = await createTestAction(tenant, tenant.owner.id, "2026-10-01", "Länge försenad");
    const due = await computeDue(new Date("2026-11-23T08:00:00Z"), tenant.municipality.id);
    const forLate = due.filter((n) => n.actionId === late.id).map((n) => `${n.kind}:${n.recipient}`);
    expect(forLate).toContain(`escalation-manager:${tenant.viewer.email}`);
    expect(forLate.some((k) => k.startsWith("late:"))).toBe(false); // in the owner's digest instead
    const digest = due.find((n) => n.kind === "digest" && n.recipient === tenant.owner.email);
    expect(digest?.items?.map((i) => i.actionId)).toContain(late.id);
  });

  it("refuses a manager from another municipality", async () => {
    const other = await createTenant("pages-other");
    const res = await as.coordinator!.post(`${base()}/anvandare`, { intent: "manager", userId: tenant.owner.id, managerId: other.coordinator.id });
    expect(res.status).toBe(400);
  });
});

describe("outbox and operations", () => {
  it("shows the municipality's mail to its coordinators", async () => {
    const html = await (await as.coordinator!.get(`${base()}/utkorg`)).text();
    expect(html).toContain("Utkorg");
  });

  it("shows queue health to operators only, with failed jobs and retry", async () => {
    const operator = await createUserWithPassword({ email: `drift-${tenant.municipality.slug}@test.se`, name: "Drift", password: PASSWORD, isOperator: true });
    const http = new HttpClient();
    await http.signIn(operator.email, PASSWORD);
    await setUpTwoStep(http); // operators use two-step sign-in
    const html = await (await http.get("/drift")).text();
    expect(html).toContain("Köernas hälsa");
    // Each queue by its Swedish name (issue #14, item 9).
    for (const name of ["E-post", "Underhåll", "Påminnelser"]) expect(html).toContain(`>${name}<`);
    expect((await as.coordinator!.get("/drift")).status).toBe(403);
    expect((await http.post("/drift", { queue: "mail", jobId: "finns-inte" })).status).toBe(404);
  });

  it("lets an operator retry a job that really failed, and shows why it failed", async () => {
    const operator = await createUserWithPassword({ email: `drift2-${tenant.municipality.slug}@test.se`, name: "Drift", password: PASSWORD, isOperator: true });
    const http = new HttpClient();
    await http.signIn(operator.email, PASSWORD);
    await setUpTwoStep(http); // operators use two-step sign-in
    // The test web server's queues (see test/helpers/global-server.ts); no worker runs there.
    const config = { redisUrl: process.env.REDIS_URL, databaseUrl: process.env.DATABASE_URL!, prefix: `test_${new URL(inject("baseUrl")).port}` };
    const queue = createQueue<{ probe: string }>(QUEUES.maintenance, config);
    const job = await queue.add("probe", { probe: "retry" }, { attempts: 1 });
    const worker = createWorker<{ probe: string }>(
      QUEUES.maintenance,
      async (j) => {
        if (j.name === "probe") throw new Error("Sonden misslyckades med flit");
      },
      config,
      1,
    );
    try {
      await waitFor(async () => (await queue.getJob(job.id!))?.isFailed());
      await worker.close();
      const html = await (await http.get("/drift")).text();
      expect(html).toContain("Sonden misslyckades med flit");
      const retried = await http.post("/drift", { queue: QUEUES.maintenance, jobId: job.id! });
      expect(retried.status).toBe(200);
      expect(await (await queue.getJob(job.id!))!.getState()).toBe("waiting");
      // Only a failed job can be retried: the same job again is refused.
      expect((await http.post("/drift", { queue: QUEUES.maintenance, jobId: job.id! })).status).toBe(404);
    } finally {
      await worker.close();
      await (await queue.getJob(job.id!))?.remove();
      await queue.close();
    }
  });
});
