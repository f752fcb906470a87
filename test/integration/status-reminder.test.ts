import { beforeAll, describe, expect, it } from "vitest";
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
