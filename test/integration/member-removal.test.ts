import { beforeAll, describe, expect, it } from "vitest";
import { addEvidence, addNote, changeStatus } from "~/models/action.server.ts";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * Removing a member (issue #12, item 7): their open actions are handed to another member of the
 * same municipality in the same transaction, or the removal is refused; the history keeps them.
 */
let tenant: Tenant;
let other: Tenant;
let coordinator: HttpClient;
let leaver: { id: string; email: string; name: string };
let openA: { id: string };
let openB: { id: string };
let done: { id: string };
const usersPage = () => `/k/${tenant.municipality.slug}/anvandare`;
const confirmPage = () => `${usersPage()}?ta-bort=${leaver.id}`;

async function snapshot() {
  const actions = await getDb().action.findMany({ where: { id: { in: [openA.id, openB.id, done.id] } }, select: { id: true, ownerId: true, version: true } });
  return {
    actions: actions.sort((a, b) => a.id.localeCompare(b.id)),
    member: await getDb().membership.count({ where: { userId: leaver.id, municipalityId: tenant.municipality.id } }),
    audit: await getDb().auditEvent.count({ where: { municipalityId: tenant.municipality.id } }),
  };
}

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant("bort"), createTenant("bort-annan")]);
  leaver = await createUserWithPassword({ email: `olle-${tenant.municipality.slug}@test.se`, name: "Olle Avgående", password: PASSWORD });
  await addMembership(tenant.municipality.id, leaver.id, "OWNER");
  openA = await createTestAction(tenant, leaver.id, "2027-03-01", "Öppen åtgärd ett");
  openB = await createTestAction(tenant, leaver.id, "2027-04-01", "Öppen åtgärd två");
  done = await createTestAction(tenant, leaver.id, "2026-09-01", "Avslutad åtgärd");
  await addNote(tenant.municipality.id, done.id, "Olles anteckning", leaver.id);
  await addEvidence(tenant.municipality.id, done.id, { kind: "LINK", title: "Olles underlag", url: "https://example.se", evidenceDate: "2026-08-01" }, leaver.id);
  await changeStatus(tenant.municipality.id, done.id, 1, "DONE", null, leaver.id);
  await changeStatus(tenant.municipality.id, openB.id, 1, "IN_PROGRESS", null, leaver.id);
  coordinator = new HttpClient();
  await coordinator.signIn(tenant.coordinator.email, PASSWORD);
});

describe("removing a member who owns open actions", () => {
  it("the confirmation page says what will happen and lists only the open actions", async () => {
    const res = await coordinator.get(confirmPage());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Ta bort Olle Avgående");
    expect(html).toContain("Olle Avgående äger 2 öppna åtgärder.");
    expect(html).toContain("Öppen åtgärd ett");
    expect(html).toContain("Öppen åtgärd två");
    expect(html).not.toContain("Avslutad åtgärd");
    // The candidates are this municipality's coordinators and owners, never its viewers or the person.
    expect(html).toContain(`<option value="${tenant.owner.id}">`);
    expect(html).toContain(`<option value="${tenant.coordinator.id}">`);
    expect(html).not.toContain(`<option value="${tenant.viewer.id}">`);
    expect(html).not.toContain(`<option value="${leaver.id}">`);
  });

  it("refuses a removal without a new owner, naming how many open actions, and changes nothing", async () => {
    const before = await snapshot();
    const res = await coordinator.post(confirmPage(), { intent: "remove", confirmed: "yes", userId: leaver.id });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Personen äger 2 öppna åtgärder. Välj en ny ansvarig för alla innan personen tas bort.");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a new owner from another municipality, a viewer, a removed person or the person themself, changing nothing", async () => {
    const removed = await createUserWithPassword({ email: `borta-${tenant.municipality.slug}@test.se`, name: "Redan Borta", password: PASSWORD });
    await addMembership(tenant.municipality.id, removed.id, "OWNER");
    expect((await coordinator.post(usersPage(), { intent: "remove", confirmed: "yes", userId: removed.id })).status).toBe(200);
    const before = await snapshot();
    for (const newOwnerId of [other.coordinator.id, tenant.viewer.id, removed.id, leaver.id]) {
      const res = await coordinator.post(confirmPage(), { intent: "remove", confirmed: "yes", userId: leaver.id, newOwnerId });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain("Välj en samordnare eller ansvarig som är medlem i kommunen.");
    }
    // One valid choice per action and one refused: the valid one is not applied either (one transaction).
    const mixed = await coordinator.post(confirmPage(), {
      intent: "remove", confirmed: "yes",
      userId: leaver.id,
      [`owner.${openA.id}`]: tenant.owner.id,
      [`owner.${openB.id}`]: other.owner.id,
    });
    expect(mixed.status).toBe(409);
    expect(await snapshot()).toEqual(before);
    const garbage = await coordinator.post(confirmPage(), { intent: "remove", confirmed: "yes", userId: leaver.id, newOwnerId: "inte-ett-id" });
    expect(garbage.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("only a coordinator removes, and only members of their own municipality", async () => {
    const owner = new HttpClient();
    await owner.signIn(tenant.owner.email, PASSWORD);
    expect((await owner.get(confirmPage())).status).toBe(403);
    expect((await owner.post(confirmPage(), { intent: "remove", confirmed: "yes", userId: leaver.id, newOwnerId: tenant.owner.id })).status).toBe(403);
    const foreign = new HttpClient();
    await foreign.signIn(other.coordinator.email, PASSWORD);
    expect((await foreign.post(confirmPage(), { intent: "remove", confirmed: "yes", userId: leaver.id, newOwnerId: other.owner.id })).status).toBe(403);
    // A person of another municipality is not removed through this one.
    const res = await coordinator.post(usersPage(), { intent: "remove", confirmed: "yes", userId: other.owner.id });
    expect(res.status).toBe(409);
    expect(await getDb().membership.count({ where: { userId: other.owner.id } })).toBe(1);
  });

  it("hands each open action to its new owner and removes the member in one step; the history keeps their name", async () => {
    const res = await coordinator.post(confirmPage(), {
      intent: "remove", confirmed: "yes",
      userId: leaver.id,
      newOwnerId: tenant.coordinator.id,
      [`owner.${openA.id}`]: tenant.owner.id,
      [`owner.${openB.id}`]: "",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Användaren har inte längre tillgång till kommunen. 2 åtgärder har fått ny ansvarig.");
    expect(await getDb().membership.count({ where: { userId: leaver.id, municipalityId: tenant.municipality.id } })).toBe(0);
    const owners = await getDb().action.findMany({ where: { id: { in: [openA.id, openB.id, done.id] } }, select: { id: true, ownerId: true } });
    expect(Object.fromEntries(owners.map((a) => [a.id, a.ownerId]))).toEqual({
      [openA.id]: tenant.owner.id,
      [openB.id]: tenant.coordinator.id,
      // A done action keeps its owner: it is history.
      [done.id]: leaver.id,
    });
    // The change of owner is in each action's audit trail, as an edit records it.
    const ownerAudit = await getDb().auditEvent.findMany({ where: { entityType: "Action", entityId: { in: [openA.id, openB.id] }, field: "owner" } });
    expect(ownerAudit.map((a) => [a.entityId, a.oldValue, a.newValue, a.actorId]).sort()).toEqual(
      [
        [openA.id, "Olle Avgående", tenant.owner.name, tenant.coordinator.id],
        [openB.id, "Olle Avgående", tenant.coordinator.name, tenant.coordinator.id],
      ].sort(),
    );
    const removal = await getDb().auditEvent.findFirstOrThrow({ where: { municipalityId: tenant.municipality.id, event: "membership.removed", entityId: leaver.id } });
    expect(removal).toMatchObject({ entityType: "User", actorId: tenant.coordinator.id, oldValue: "OWNER" });
    // The new owners are told, as after an edit.
    expect(await getDb().mailMessage.count({ where: { actionId: openA.id, kind: "assigned", recipient: tenant.owner.email } })).toBe(1);

    // Nothing cascaded away: the account, notes, evidence and the person's audit rows stay.
    expect(await getDb().user.count({ where: { id: leaver.id } })).toBe(1);
    expect(await getDb().progressNote.count({ where: { actionId: done.id, authorId: leaver.id } })).toBe(1);
    expect(await getDb().evidence.count({ where: { actionId: done.id, addedById: leaver.id } })).toBe(1);
    expect(await getDb().auditEvent.count({ where: { actorId: leaver.id } })).toBeGreaterThanOrEqual(2);
    const page = await (await coordinator.get(`/k/${tenant.municipality.slug}/atgarder/${done.id}`)).text();
    expect(page).toContain("Olles anteckning");
    expect(page.split("Olle Avgående").length).toBeGreaterThan(2);
    // The plan's owner filter still names the owner of the done action.
    const plan = await (await coordinator.get(`/k/${tenant.municipality.slug}/plan`)).text();
    expect(plan).toContain(`<option value="${leaver.id}">Olle Avgående</option>`);
    expect((await coordinator.get(`/k/${tenant.municipality.slug}/plan?ansvarig=${leaver.id}`)).status).toBe(200);
  });

  it("removes a member without open actions directly, and the confirmation says so", async () => {
    const res = await coordinator.get(`${usersPage()}?ta-bort=${tenant.viewer.id}`);
    expect(await res.text()).toContain("äger inga öppna åtgärder.");
  });

  it("refuses to remove the last coordinator, also for an operator", async () => {
    const operator = await createUserWithPassword({ email: `drift-bort-${tenant.municipality.slug}@test.se`, name: "Drift Bort", password: PASSWORD, isOperator: true });
    const http = new HttpClient();
    await http.signIn(operator.email, PASSWORD);
    await setUpTwoStep(http);
    const preview = await http.get(`${usersPage()}?ta-bort=${tenant.coordinator.id}`);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("Kommunen måste ha minst en samordnare.");
    // The coordinator owns an open action now: even with a new owner named, the last coordinator stays.
    const res = await http.post(usersPage(), { intent: "remove", confirmed: "yes", userId: tenant.coordinator.id, newOwnerId: tenant.owner.id });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Kommunen måste ha minst en samordnare.");
    expect(await getDb().membership.count({ where: { userId: tenant.coordinator.id, municipalityId: tenant.municipality.id } })).toBe(1);
    expect(await getDb().action.findUniqueOrThrow({ where: { id: openB.id }, select: { ownerId: true } })).toEqual({ ownerId: tenant.coordinator.id });
  });
});
