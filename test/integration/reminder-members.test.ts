import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { computeDue, runReminderTick } from "~/workflows/reminders.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * Reminders go only to people who are members of the municipality whose action it is: a
 * manager is set per membership, and a removed member gets nothing.
 */

let demo: Tenant;
let other: Tenant;
const tenants: Tenant[] = [];
const as: { demo?: HttpClient; other?: HttpClient } = {};
// Monday, long after a deadline of 2026-10-01: late reminder, escalations and the digest are all due.
const now = new Date("2026-11-23T08:00:00Z");

beforeAll(async () => {
  demo = await createTenant("chef-demo");
  other = await createTenant("chef-annan");
  tenants.push(demo, other);
  as.demo = new HttpClient();
  await as.demo.signIn(demo.coordinator.email, PASSWORD);
  as.other = new HttpClient();
  await as.other.signIn(other.coordinator.email, PASSWORD);
});

const setManager = (client: HttpClient, tenant: Tenant, userId: string, managerId: string) =>
  client.post(`/k/${tenant.municipality.slug}/anvandare`, { intent: "manager", userId, managerId });

describe("managers per municipality", () => {
  it("another municipality cannot make its own member the manager of this municipality's owner", async () => {
    // Demo's owner is also a member of the other municipality, whose coordinator names a manager there.
    await addMembership(other.municipality.id, demo.owner.id, "OWNER");
    expect((await setManager(as.other!, other, demo.owner.id, other.coordinator.id)).status).toBe(200);
    const late = await createTestAction(demo, demo.owner.id, "2026-10-01", "Demos försenade åtgärd");
    const due = (await computeDue(now, demo.municipality.id)).filter((n) => n.actionId === late.id);
    expect(due.map((n) => n.recipient)).not.toContain(other.coordinator.email);
    expect(due.some((n) => n.kind === "escalation-manager")).toBe(false);

    // Demo's own choice of manager applies in Demo only.
    expect((await setManager(as.demo!, demo, demo.owner.id, demo.viewer.id)).status).toBe(200);
    const again = (await computeDue(now, demo.municipality.id)).filter((n) => n.actionId === late.id);
    expect(again.filter((n) => n.kind === "escalation-manager").map((n) => n.recipient)).toEqual([demo.viewer.email]);
    const memberships = await getDb().membership.findMany({ where: { userId: demo.owner.id }, select: { municipalityId: true, managerId: true } });
    expect(Object.fromEntries(memberships.map((m) => [m.municipalityId, m.managerId]))).toEqual({
      [demo.municipality.id]: demo.viewer.id,
      [other.municipality.id]: other.coordinator.id,
    });
    // The other municipality's action of the same person escalates to its own manager.
    const theirs = await createTestAction(other, demo.owner.id, "2026-10-01", "Annans åtgärd");
    const dueOther = (await computeDue(now, other.municipality.id)).filter((n) => n.actionId === theirs.id);
    expect(dueOther.filter((n) => n.kind === "escalation-manager").map((n) => n.recipient)).toEqual([other.coordinator.email]);
  });
});

describe("removed members", () => {
  it("get no reminders, digests or escalations for the municipality they left", async () => {
    const tenant = await createTenant("lamnat");
    tenants.push(tenant);
    const coordinator = new HttpClient();
    await coordinator.signIn(tenant.coordinator.email, PASSWORD);
    const page = `/k/${tenant.municipality.slug}/anvandare`;
    // The owner reads a weekly digest; the viewer is the owner's manager.
    await getDb().user.update({ where: { id: tenant.owner.id }, data: { digestPreference: "WEEKLY" } });
    expect((await setManager(coordinator, tenant, tenant.owner.id, tenant.viewer.id)).status).toBe(200);
    const owned = await createTestAction(tenant, tenant.owner.id, "2026-10-01", "Kvar efter ansvarig");
    const before = await computeDue(now, tenant.municipality.id);
    expect(before.map((n) => `${n.kind}:${n.recipient}`).sort()).toEqual(
      [`digest:${tenant.owner.email}`, `escalation:${tenant.coordinator.email}`, `escalation-manager:${tenant.viewer.email}`].sort(),
    );

    // The manager leaves: no escalation to them any more.
    expect((await coordinator.post(page, { intent: "remove", confirmed: "yes", userId: tenant.viewer.id })).status).toBe(200);
    const afterManager = await computeDue(now, tenant.municipality.id);
    expect(afterManager.map((n) => n.recipient)).not.toContain(tenant.viewer.email);

    // Removing an owner of open actions without a new owner is refused (issue #12), so an action
    // still naming a former member comes only from data older than that rule: made here directly.
    expect((await coordinator.post(page, { intent: "remove", confirmed: "yes", userId: tenant.owner.id })).status).toBe(409);
    expect(await getDb().membership.count({ where: { municipalityId: tenant.municipality.id, userId: tenant.owner.id } })).toBe(1);
    await getDb().membership.deleteMany({ where: { municipalityId: tenant.municipality.id, userId: tenant.owner.id } });
    // The owner has left, the action still names them: nothing goes to them.
    expect((await getDb().action.findUniqueOrThrow({ where: { id: owned.id } })).ownerId).toBe(tenant.owner.id);
    const afterOwner = await computeDue(now, tenant.municipality.id);
    expect(afterOwner.map((n) => n.recipient)).not.toContain(tenant.owner.email);
    // The coordinator still hears that the action is late.
    expect(afterOwner.map((n) => `${n.kind}:${n.recipient}`)).toContain(`escalation:${tenant.coordinator.email}`);
    await runReminderTick(now, async () => {}, tenant.municipality.id);
    const stored = await getDb().mailMessage.findMany({ where: { municipalityId: tenant.municipality.id } });
    expect(stored.map((m) => m.recipient).filter((r) => r === tenant.owner.email || r === tenant.viewer.email)).toEqual([]);
  });
});

// The late actions and their mails are left behind closed, so that a worker started by a later
// test (whose reminder job runs at the real time) finds nothing of this file to send.
afterAll(async () => {
  const municipalityId = { in: tenants.map((t) => t.municipality.id) };
  await getDb().action.updateMany({ where: { municipalityId }, data: { status: "CANCELLED" } });
  await getDb().mailMessage.updateMany({ where: { municipalityId, status: "PENDING" }, data: { status: "CANCELLED" } });
});
