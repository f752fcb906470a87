import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { runReminderTick } from "~/workflows/reminders.server.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * Issue #14, item 4 (ADR 0042): the owner's reminder mail asks for a lägesbeskrivning when the
 * action has none or the latest is older than 30 days, and does not when a recent one exists.
 * Run through the real reminder job; the stored mails are read back.
 */

const ASKS = "Åtgärden har ingen lägesbeskrivning från den senaste månaden";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("lagesparm");
});

async function note(actionId: string, createdAt: string) {
  await getDb().actionStatusNote.create({
    data: { actionId, municipalityId: tenant.municipality.id, authorId: tenant.owner.id, text: "Arbetet pågår.", createdAt: new Date(createdAt) },
  });
}

describe("the owner's reminder and the status text", () => {
  it("asks when there is none or the latest is stale, not when a recent one exists, and only the owner", async () => {
    const none = await createTestAction(tenant, tenant.owner.id, "2026-12-16", "Utan lägesbeskrivning");
    const stale = await createTestAction(tenant, tenant.owner.id, "2026-12-16", "Gammal lägesbeskrivning");
    const fresh = await createTestAction(tenant, tenant.owner.id, "2026-12-16", "Färsk lägesbeskrivning");
    // 2026-12-23 in Stockholm: 31 days after 2026-11-22, 30 after 2026-11-23.
    await note(stale.id, "2026-09-01T10:00:00Z");
    await note(stale.id, "2026-11-22T10:00:00Z");
    await note(fresh.id, "2026-09-01T10:00:00Z");
    await note(fresh.id, "2026-11-23T10:00:00Z");

    await runReminderTick(new Date("2026-12-23T08:00:00Z"), async () => {}, tenant.municipality.id);

    const late = async (actionId: string) =>
      getDb().mailMessage.findFirstOrThrow({ where: { actionId, kind: "late", recipient: tenant.owner.email } });
    const slug = tenant.municipality.slug;
    const noneMail = await late(none.id);
    expect(noneMail.text).toContain(ASKS);
    expect(noneMail.text).toContain(`/k/${slug}/atgarder/${none.id}#lagesbeskrivning`);
    const staleMail = await late(stale.id);
    expect(staleMail.text).toContain(ASKS);
    expect(staleMail.text).toContain(`/k/${slug}/atgarder/${stale.id}#lagesbeskrivning`);
    const freshMail = await late(fresh.id);
    expect(freshMail.text).not.toContain(ASKS);
    expect(freshMail.text).not.toContain("#lagesbeskrivning");
    expect(freshMail.text).toContain(`/k/${slug}/atgarder/${fresh.id}`);

    // The coordinator's escalation about the same action does not ask: the owner writes it.
    const escalation = await getDb().mailMessage.findFirstOrThrow({ where: { actionId: none.id, kind: "escalation" } });
    expect(escalation.recipient).toBe(tenant.coordinator.email);
    expect(escalation.text).not.toContain(ASKS);
  });
});

describe("the weekly digest and the status text", () => {
  let weekly: Tenant;
  beforeAll(async () => {
    weekly = await createTenant("lagesparm-vecka");
    await getDb().user.update({ where: { id: weekly.owner.id }, data: { digestPreference: "WEEKLY" } });
  });
  // Left closed, so that a worker started by a later test finds nothing of this file to send.
  afterAll(async () => {
    await getDb().action.updateMany({ where: { municipalityId: weekly.municipality.id }, data: { status: "CANCELLED" } });
    await getDb().mailMessage.updateMany({ where: { municipalityId: weekly.municipality.id, status: "PENDING" }, data: { status: "CANCELLED" } });
  });

  it("asks the owner under each action that lacks a recent one, once per action", async () => {
    const none = await createTestAction(weekly, weekly.owner.id, "2026-10-01", "Sen utan lägesbeskrivning");
    const fresh = await createTestAction(weekly, weekly.owner.id, "2026-10-01", "Sen med färsk lägesbeskrivning");
    // Late and silent (in progress, nothing new since September): listed twice in the digest, asked once.
    const twice = await createTestAction(weekly, weekly.owner.id, "2026-10-01", "Sen och tyst");
    await getDb().action.update({ where: { id: twice.id }, data: { status: "IN_PROGRESS", createdAt: new Date("2026-09-01T10:00:00Z") } });
    await getDb().actionStatusNote.create({
      data: { actionId: fresh.id, municipalityId: weekly.municipality.id, authorId: weekly.owner.id, text: "Nästan klar.", createdAt: new Date("2026-11-20T10:00:00Z") },
    });

    // Monday 2026-11-23, the default digest day.
    await runReminderTick(new Date("2026-11-23T08:00:00Z"), async () => {}, weekly.municipality.id);

    const digest = await getDb().mailMessage.findFirstOrThrow({ where: { municipalityId: weekly.municipality.id, kind: "digest", recipient: weekly.owner.email } });
    const slug = weekly.municipality.slug;
    expect(digest.text).toContain("Sen utan lägesbeskrivning");
    expect(digest.text).toContain("Sen med färsk lägesbeskrivning");
    expect(digest.text.split(`/k/${slug}/atgarder/${none.id}#lagesbeskrivning`).length - 1).toBe(1);
    expect(digest.text).not.toContain(`/k/${slug}/atgarder/${fresh.id}#lagesbeskrivning`);
    expect(digest.text).toMatch(new RegExp(`Ingen lägesbeskrivning från den senaste månaden\\. Skriv gärna en kort: \\S+/k/${slug}/atgarder/${none.id}#lagesbeskrivning`));
    expect(digest.text.split(`/k/${slug}/atgarder/${twice.id}\n`).length - 1).toBe(2);
    expect(digest.text.split(`/k/${slug}/atgarder/${twice.id}#lagesbeskrivning`).length - 1).toBe(1);
    expect(digest.text.split("Ingen lägesbeskrivning från den senaste månaden").length - 1).toBe(2);
    // The coordinator's escalations (single mails) do not ask: the owner writes it.
    const escalations = await getDb().mailMessage.findMany({ where: { municipalityId: weekly.municipality.id, kind: "escalation" } });
    expect(escalations.length).toBeGreaterThan(0);
    for (const mail of escalations) expect(mail.text).not.toContain("#lagesbeskrivning");
  });
});
