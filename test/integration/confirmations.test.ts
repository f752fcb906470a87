import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { hasCalendarToken } from "~/models/calendar.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { textToPdf } from "../helpers/documents.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * No one-click loss (issue #14 item 6, ADR 0043): each destructive post without the confirmation
 * field changes nothing and is answered with the confirmation page saying what will be lost; with
 * it the step happens; a viewer and another municipality are still refused.
 */
let home: Tenant;
let other: Tenant;
const as: Record<"coordinator" | "owner" | "viewer" | "stranger", HttpClient> = {} as never;
const base = () => `/k/${home.municipality.slug}`;

beforeAll(async () => {
  [home, other] = await Promise.all([createTenant("bekrafta"), createTenant("bekrafta-annan")]);
  as.coordinator = await signedInClient(home.coordinator.email);
  as.owner = await signedInClient(home.owner.email);
  as.viewer = await signedInClient(home.viewer.email);
  as.stranger = await signedInClient(other.coordinator.email);
});

/** The confirmation page's form: it posts the same fields again with the confirmation. */
function confirmationForm(html: string): string {
  const form = /<form[^>]*>([\s\S]*?)<\/form>/g;
  for (const match of html.matchAll(form)) if (match[1]!.includes('name="confirmed" value="yes"')) return match[0];
  throw new Error("no confirmation form on the page");
}

describe("deleting an evaluation", () => {
  it("asks first, saying how many sub-questions and improvement items go; refuses a viewer and another municipality", async () => {
    const tenant = await createTenant("bekrafta-utv");
    const coordinator = await signedInClient(tenant.coordinator.email);
    const page = `/k/${tenant.municipality.slug}/utvarderingar/${tenant.evaluationId}`;
    const evaluation = await getDb().evaluation.findUniqueOrThrow({ where: { id: tenant.evaluationId } });
    const questions = await getDb().questionScore.count({ where: { evaluationId: tenant.evaluationId } });
    const items = await getDb().improvementItem.count({ where: { evaluationArea: { evaluationId: tenant.evaluationId } } });

    const asked = await coordinator.post(page, { intent: "delete" });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain(`Utvärderingen ${evaluation.year} med ${questions} delfrågor och ${items} förbättringsområden tas bort.`);
    expect(confirmationForm(html)).toContain('name="intent" value="delete"');
    expect(await getDb().evaluation.count({ where: { id: tenant.evaluationId } })).toBe(1);

    const viewer = await signedInClient(tenant.viewer.email);
    expect((await viewer.post(page, { intent: "delete", confirmed: "yes" })).status).toBe(403);
    expect((await as.stranger.post(page, { intent: "delete", confirmed: "yes" })).status).toBe(403);
    expect(await getDb().evaluation.count({ where: { id: tenant.evaluationId } })).toBe(1);

    const done = await coordinator.post(page, { intent: "delete", confirmed: "yes" });
    expect(done.status).toBe(302);
    expect(await getDb().evaluation.count({ where: { id: tenant.evaluationId } })).toBe(0);
  });

  it("is refused with the reason when actions are linked, naming and linking them, even when confirmed", async () => {
    const action = await createTestAction(home, home.owner.id, "2027-06-30", "Kopplad åtgärd");
    const page = `${base()}/utvarderingar/${home.evaluationId}`;
    const shown = await (await as.coordinator.get(page)).text();
    expect(shown).toMatch(/Utvärderingen \d{4} kan inte tas bort: 1 åtgärd är kopplad till dess förbättringsområden\./);
    expect(shown).toContain(`href="${base()}/atgarder/${action.id}"`);
    expect(shown).not.toContain('name="intent" value="delete"');
    for (const fields of [{ intent: "delete" }, { intent: "delete", confirmed: "yes" }] as Array<Record<string, string>>) {
      const res = await as.coordinator.post(page, fields);
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain("1 åtgärd är kopplad");
      expect(html).toContain(`href="${base()}/atgarder/${action.id}"`);
    }
    expect(await getDb().evaluation.count({ where: { id: home.evaluationId } })).toBe(1);
    await getDb().action.delete({ where: { id: action.id } });
  });
});

describe("removing evidence", () => {
  it("asks first naming the file and its size, then removes the entry and the stored file; refuses a viewer and another municipality", async () => {
    const action = await createTestAction(home, home.owner.id, "2027-05-01", "Med underlag");
    const page = `${base()}/atgarder/${action.id}`;
    const pdf = await textToPdf("Protokoll från kommunstyrelsen");
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "evidence", kind: "FILE", title: "Protokoll KS", evidenceDate: "2026-11-20" })) form.set(k, v);
    form.set("file", new Blob([new Uint8Array(pdf)]), "protokoll.pdf");
    expect((await as.owner.request(page, { method: "POST", body: form })).status).toBe(302);
    const evidence = await getDb().evidence.findFirstOrThrow({ where: { actionId: action.id } });
    expect(readdirSync(inject("uploadDir"))).toContain(evidence.storageKey);

    // The action page offers the removal with the same words the dialog uses.
    expect(await (await as.owner.get(page)).text()).toContain("Filen protokoll.pdf (");

    const asked = await as.owner.post(page, { intent: "remove-evidence", evidenceId: evidence.id });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toMatch(/Filen protokoll\.pdf \(\d+ kB\) tas bort från åtgärden\./);
    expect(confirmationForm(html)).toContain(`name="evidenceId" value="${evidence.id}"`);
    expect(await getDb().evidence.count({ where: { id: evidence.id } })).toBe(1);

    expect((await as.viewer.post(page, { intent: "remove-evidence", evidenceId: evidence.id, confirmed: "yes" })).status).toBe(403);
    expect((await as.stranger.post(page, { intent: "remove-evidence", evidenceId: evidence.id, confirmed: "yes" })).status).toBe(403);
    expect(await getDb().evidence.count({ where: { id: evidence.id } })).toBe(1);

    const done = await as.owner.post(page, { intent: "remove-evidence", evidenceId: evidence.id, confirmed: "yes" });
    expect(done.status).toBe(302);
    expect(await getDb().evidence.count({ where: { id: evidence.id } })).toBe(0);
    expect(readdirSync(inject("uploadDir"))).not.toContain(evidence.storageKey);
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { entityId: action.id, event: "evidence-removed" } });
    expect(audit).toMatchObject({ actorId: home.owner.id, oldValue: "Protokoll KS" });
    expect(await (await as.owner.get(page)).text()).toContain("tog bort underlag: Protokoll KS");
  });

  it("only removes evidence of this action", async () => {
    const [first, second] = await Promise.all([createTestAction(home, home.owner.id), createTestAction(home, home.owner.id)]);
    const evidence = await getDb().evidence.create({
      data: { actionId: second.id, kind: "LINK", title: "Webbsida", url: "https://example.se", evidenceDate: new Date("2026-11-01"), addedById: home.owner.id },
    });
    const res = await as.owner.post(`${base()}/atgarder/${first.id}`, { intent: "remove-evidence", evidenceId: evidence.id, confirmed: "yes" });
    expect(res.status).toBe(404);
    expect(await getDb().evidence.count({ where: { id: evidence.id } })).toBe(1);
  });
});

describe("cancelling an action", () => {
  it("asks first, saying a reason is kept and reminders are withdrawn; the confirmed post cancels", async () => {
    const action = await createTestAction(home, home.owner.id, "2027-04-01", "Att avbryta");
    const page = `${base()}/atgarder/${action.id}`;
    const fields = { intent: "status", version: "1", status: "CANCELLED", reason: "Ersatt av annan åtgärd" };
    const asked = await as.owner.post(page, fields);
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain("En avbruten åtgärd behöver ett skäl");
    expect(html).toContain("Väntande påminnelser om åtgärden dras tillbaka");
    expect(confirmationForm(html)).toContain('value="Ersatt av annan åtgärd"');
    expect((await getDb().action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("NOT_STARTED");

    expect((await as.viewer.post(page, { ...fields, confirmed: "yes" })).status).toBe(403);
    expect((await as.stranger.post(page, { ...fields, confirmed: "yes" })).status).toBe(403);
    expect((await getDb().action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("NOT_STARTED");

    expect((await as.owner.post(page, { ...fields, confirmed: "yes" })).status).toBe(302);
    expect(await getDb().action.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({ status: "CANCELLED", cancelReason: "Ersatt av annan åtgärd" });
  });

  it("does not ask for other status changes", async () => {
    const action = await createTestAction(home, home.owner.id);
    const res = await as.owner.post(`${base()}/atgarder/${action.id}`, { intent: "status", version: "1", status: "IN_PROGRESS", reason: "" });
    expect(res.status).toBe(302);
  });
});

describe("renewing the calendar address", () => {
  it("creates the first address at once, asks before renewing, and the old address keeps working until confirmed", async () => {
    const page = `${base()}/mina-atgarder`;
    const first = await (await as.coordinator.post(page, { intent: "calendar" })).text();
    const url = new URL(first.match(/value="(http[^"]+\.ics)"/)![1]!);
    expect(await hasCalendarToken(home.coordinator.id)).toBe(true);

    const asked = await as.coordinator.post(page, { intent: "calendar" });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain("Den gamla adressen slutar fungera i alla kalendrar som använder den.");
    expect(html).not.toMatch(/value="http[^"]+\.ics"/);
    expect((await new HttpClient().get(url.pathname)).status).toBe(200);

    const renewed = await (await as.coordinator.post(page, { intent: "calendar", confirmed: "yes" })).text();
    const next = new URL(renewed.match(/value="(http[^"]+\.ics)"/)![1]!);
    expect(next.pathname).not.toBe(url.pathname);
    expect((await new HttpClient().get(url.pathname)).status).toBe(404);
  });
});

describe("removing a member", () => {
  it("a removal posted without the confirmation page's mark shows that page and removes nothing", async () => {
    const tenant = await createTenant("bekrafta-medlem");
    const coordinator = await signedInClient(tenant.coordinator.email);
    const page = `/k/${tenant.municipality.slug}/anvandare`;
    const asked = await coordinator.post(page, { intent: "remove", userId: tenant.viewer.id });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain(`${tenant.viewer.name} kan inte längre logga in i kommunen`);
    expect(html).toContain(`${tenant.viewer.name} äger inga öppna åtgärder.`);
    expect(confirmationForm(html)).toContain(`name="userId" value="${tenant.viewer.id}"`);
    expect(await getDb().membership.count({ where: { userId: tenant.viewer.id, municipalityId: tenant.municipality.id } })).toBe(1);

    const owner = await signedInClient(tenant.owner.email);
    expect((await owner.post(page, { intent: "remove", userId: tenant.viewer.id, confirmed: "yes" })).status).toBe(403);
    expect((await as.stranger.post(page, { intent: "remove", userId: tenant.viewer.id, confirmed: "yes" })).status).toBe(403);
    expect(await getDb().membership.count({ where: { userId: tenant.viewer.id, municipalityId: tenant.municipality.id } })).toBe(1);

    expect((await coordinator.post(page, { intent: "remove", userId: tenant.viewer.id, confirmed: "yes" })).status).toBe(200);
    expect(await getDb().membership.count({ where: { userId: tenant.viewer.id, municipalityId: tenant.municipality.id } })).toBe(0);
  });
});
