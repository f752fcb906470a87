import { beforeAll, describe, expect, it } from "vitest";
import { stockholmDate } from "~/domain/dates.ts";
import { changeStatus, createAction, questionsForItem } from "~/models/action.server.ts";
import { setEvaluationTarget } from "~/models/municipality.server.ts";
import { createMunicipality } from "~/models/municipality.server.ts";
import { addMembership } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatPoints } from "~/utils/format.ts";
import { readinessFor } from "~/workflows/readiness.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";

/** Issue #14, item 1: Översikt is the status page. */

let tenant: Tenant;
let other: Tenant;
const day = (offset: number) => stockholmDate(new Date(Date.now() + offset * 86_400_000));

async function as(email: string) {
  const http = new HttpClient();
  await http.signIn(email, PASSWORD);
  return http;
}
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

/** An action on the given area's first improvement item, effect 1 on that area's first open sub-question. */
async function actionIn(area: number, title: string, deadline: string, ownerId: string | null) {
  const item = await getDb().improvementItem.findFirstOrThrow({
    where: { evaluationArea: { evaluationId: tenant.evaluationId, frameworkArea: { number: area } } },
    orderBy: { sortOrder: "asc" },
  });
  const context = (await questionsForItem(tenant.municipality.id, item.id))!;
  const question = context.questions.find((q) => q.area === area && (q.currentPoints ?? 0) < q.maxPoints)!;
  return createAction(
    tenant.municipality.id,
    item.id,
    { title, description: "", ownerId, deadline, priority: "MEDIUM", effects: [{ questionId: question.id, expectedEffect: 1 }] },
    tenant.coordinator.id,
  );
}

async function finish(id: string, status: "DONE" | "IN_PROGRESS" | "CANCELLED") {
  const db = getDb();
  await db.progressNote.create({ data: { actionId: id, authorId: tenant.coordinator.id, body: "Läge" } });
  await changeStatus(tenant.municipality.id, id, 1, status, status === "CANCELLED" ? "Behövs inte" : null, tenant.coordinator.id);
}

/** The counts a status page row links to, as [href, count] per column, for the named area. */
function countLinks(html: string, areaName: string) {
  const row = html.split("<tr>").find((r) => r.includes(`<th scope="row">${areaName}</th>`));
  if (!row) throw new Error(`no row for ${areaName}`);
  return [...row.matchAll(/<a [^>]*href="([^"]+)"[^>]*>(\d+)<span class="visually-hidden">/g)].map((m) => [m[1]!.replace(/&amp;/g, "&"), Number(m[2])] as const);
}

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant("status"), createTenant("status-other")]);
  await setEvaluationTarget(tenant.municipality.id, { nextEvaluationDate: day(300), targetTotal: 620 });
  // Area 1: one done, one in progress and late, one not started without owner, one due in ten days, one cancelled and late.
  await finish((await actionIn(1, "Klar åtgärd", day(-30), tenant.owner.id)).id, "DONE");
  await finish((await actionIn(1, "Sen pågående", day(-5), tenant.owner.id)).id, "IN_PROGRESS");
  await actionIn(1, "Utan ansvarig", day(60), null);
  await actionIn(1, "Snart slutdatum", day(10), tenant.owner.id);
  await finish((await actionIn(1, "Avbruten sen", day(-3), null)).id, "CANCELLED");
  // Area 3: one in progress on time, owned.
  await finish((await actionIn(3, "Pågår i tid", day(120), tenant.coordinator.id)).id, "IN_PROGRESS");
});

describe("Översikt, the status page", () => {
  it("shows the coordinator and the viewer the same figures, now from the evaluation and likely and target from the readiness projection", async () => {
    const readiness = (await readinessFor(tenant.municipality.id, new Date()))!;
    const pages = await Promise.all([tenant.coordinator, tenant.viewer].map(async (u) => text(await (await as(u.email)).get(`/k/${tenant.municipality.slug}`))));
    const figures = pages.map((html) => [...html.matchAll(/<div class="value"><a [^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]));
    const slug = tenant.municipality.slug;
    expect(figures[0]).toEqual([
      [`/k/${slug}/utvarderingar/${tenant.evaluationId}`, "599"],
      [`/k/${slug}/infor-utvardering`, formatPoints(readiness.projection.total.likely)],
      [`/k/${slug}/infor-utvardering#target-heading`, "620"],
    ]);
    expect(figures[1]).toEqual(figures[0]);
    for (const html of pages) {
      expect(html).toContain(`Nästa utvärdering är planerad till`);
      // Area names, not "Omr. 1".
      expect(html).toContain('<th scope="row">1. Offentlighet och demokrati</th>');
      expect(html).toContain("Så sätts lampan");
      expect(html).toContain("Röd (kräver åtgärd): minst en åtgärd i området är försenad");
      // The rows' lights with their reasons, in words.
      expect(html).toMatch(/1\. Offentlighet och demokrati<\/th><td><span class="light light-red">.*?<strong>Kräver åtgärd<\/strong><\/span><ul class="light-reasons"><li>1 försenad åtgärd<\/li>/);
    }
    expect(pages[0]).toContain(">Ny åtgärd</a>");
    expect(pages[1]).not.toContain(">Ny åtgärd</a>");
    // The lights and counts per area are the same for both.
    const areas = (html: string) => html.slice(html.indexOf('id="areas-heading"'), html.indexOf('id="due-heading"'));
    expect(areas(pages[1]!)).toBe(areas(pages[0]!));
  });

  it("counts per area match the plan each count links to; cancelled actions count nowhere", async () => {
    const viewer = await as(tenant.viewer.email);
    const html = await text(await viewer.get(`/k/${tenant.municipality.slug}`));
    const area1 = countLinks(html, "1. Offentlighet och demokrati");
    expect(area1.map(([, n]) => n)).toEqual([1, 1, 1, 1]);
    const area3 = countLinks(html, "3. Politisk styrning och kontroll");
    expect(area3.map(([, n]) => n)).toEqual([0, 1, 0, 0]);
    for (const [href, count] of [...area1, ...area3]) {
      const plan = await text(await viewer.get(href));
      const shown = new Set([...plan.matchAll(/href="\/k\/[^/]+\/atgarder\/([0-9a-f-]{36})"/g)].map((m) => m[1]));
      expect(shown.size, href).toBe(count);
    }
    // The "without owner" filter shows the open action without owner, not the cancelled one.
    const withoutOwner = await text(await viewer.get(area1[3]![0]));
    expect(withoutOwner).toContain(">Utan ansvarig</a>");
    expect(withoutOwner).not.toContain(">Avbruten sen</a>");
  });

  it("lists what is due in the next 30 days and the items still without action", async () => {
    const html = await text(await (await as(tenant.coordinator.email)).get(`/k/${tenant.municipality.slug}`));
    const due = html.slice(html.indexOf('id="due-heading"'), html.indexOf('id="without-heading"'));
    expect(due).toContain(">Snart slutdatum</a>");
    for (const notDue of ["Sen pågående", "Utan ansvarig", "Klar åtgärd", "Avbruten sen", "Pågår i tid"]) expect(due).not.toContain(`>${notDue}</a>`);
    const items = await getDb().improvementItem.count({ where: { evaluationArea: { evaluationId: tenant.evaluationId }, actions: { none: {} } } });
    expect(items).toBeGreaterThan(0);
    expect(html).toContain(`Förbättringsområden utan åtgärd (${items})`);
    const newActionLinks = [...html.matchAll(/href="\/k\/[^/]+\/plan\/ny\?punkt=([0-9a-f-]{36})"/g)];
    expect(newActionLinks).toHaveLength(items);
  });

  it("is refused to another municipality's members", async () => {
    const outsider = await as(other.coordinator.email);
    expect((await outsider.get(`/k/${tenant.municipality.slug}`)).status).toBe(403);
    const page = await text(await outsider.get(`/k/${other.municipality.slug}`));
    expect(page).not.toContain("Snart slutdatum");
  });

  it("explains, with the next step, when there is no evaluation yet", async () => {
    const empty = await createMunicipality(`tom-oversikt-${Date.now()}`, "Tomma översiktskommun");
    await addMembership(empty.id, tenant.coordinator.id, "COORDINATOR");
    await addMembership(empty.id, tenant.viewer.id, "VIEWER");
    const coordinator = await text(await (await as(tenant.coordinator.email)).get(`/k/${empty.slug}`));
    expect(coordinator).toContain("Ingen utvärdering ännu");
    expect(coordinator).toContain(`href="/k/${empty.slug}/utvarderingar/ny"`);
    const viewerRes = await (await as(tenant.viewer.email)).get(`/k/${empty.slug}`);
    expect(viewerRes.status).toBe(200);
    const viewer = await text(viewerRes);
    expect(viewer).toContain("Nästa steg: kommunens samordnare lägger in utvärderingen.");
    expect(viewer).not.toContain("/utvarderingar/ny");
  });
});
