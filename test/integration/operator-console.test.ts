import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyData } from "~/models/reminders.server.ts";
import { inviteMember, createUserWithPassword, addMembership } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";
import { randomOrganisationNumber } from "../helpers/organisation-number.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #12, item 2: the operator console over HTTP, and what deactivating a municipality does. */
let tenant: Tenant;
let operator: HttpClient;
let operatorId: string;
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const consolePath = "/drift/kommuner";
const municipalityPath = (slug: string) => `/drift/kommuner/${slug}`;

beforeAll(async () => {
  tenant = await createTenant("konsol");
  const suffix = randomUUID().slice(0, 8);
  const user = await createUserWithPassword({ email: `drift-konsol-${suffix}@test.se`, name: "Drift Konsol", password: PASSWORD, isOperator: true });
  operatorId = user.id;
  operator = new HttpClient();
  expect((await operator.signIn(user.email, PASSWORD)).status).toBe(302);
  // Operators must use two-step sign-in before any operator page opens.
  await setUpTwoStep(operator);
});

const newSlug = () => `konsol-${randomUUID().slice(0, 8)}`;

describe("the operator console", () => {
  it("is for operators only: others get 403 on every page and post and change nothing; signed-out people are sent to sign in", async () => {
    const before = await getDb().municipality.count();
    for (const who of [tenant.coordinator, tenant.owner, tenant.viewer]) {
      const http = new HttpClient();
      await http.signIn(who.email, PASSWORD);
      expect((await http.get(consolePath)).status).toBe(403);
      expect((await http.get(municipalityPath(tenant.municipality.slug))).status).toBe(403);
      const create = await http.post(consolePath, { intent: "create", name: "Smygkommun", slug: newSlug(), organisationNumber: randomOrganisationNumber() });
      expect(create.status).toBe(403);
      for (const intent of ["deactivate", "rename", "invite"]) {
        const res = await http.post(municipalityPath(tenant.municipality.slug), { intent, name: "Smyg", email: "smyg@test.se" });
        expect(res.status).toBe(403);
      }
    }
    const anonymous = await new HttpClient().get(consolePath);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/logga-in\?redirectTo=/);
    expect(await getDb().municipality.count()).toBe(before);
    const m = await getDb().municipality.findUniqueOrThrow({ where: { id: tenant.municipality.id } });
    expect([m.name, m.deactivatedAt]).toEqual([tenant.municipality.name, null]);
  });

  it("refuses bad input next to the fields and a short name or organisation number already taken, creating nothing", async () => {
    const before = await getDb().municipality.count();
    const bad = await operator.post(consolePath, { intent: "create", name: "", slug: "Sjö Vik", organisationNumber: "212000-0143", emailDomains: "sjovik.se, inte en domän" });
    expect(bad.status).toBe(400);
    const html = await text(bad);
    expect(html).toContain("Ange kommunens namn");
    expect(html).toContain("Kortnamnet får bara innehålla små bokstäver");
    expect(html).toContain("kontrollsiffran (den sista siffran) är fel");
    expect(html).toContain("”inte” är ingen giltig e-postdomän.");
    expect(html).toMatch(/id="field-slug"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-slug"/);

    const personal = await operator.post(consolePath, { intent: "create", name: "Kommun", slug: newSlug(), organisationNumber: "811218-9876" });
    expect(personal.status).toBe(400);
    expect(await text(personal)).toContain("Det här ser ut som ett personnummer");

    const taken = await operator.post(consolePath, { intent: "create", name: "Dubblett", slug: tenant.municipality.slug, organisationNumber: randomOrganisationNumber() });
    expect(taken.status).toBe(409);
    expect(await text(taken)).toContain("Kortnamnet används redan av en annan kommun.");

    const number = randomOrganisationNumber();
    const first = await operator.post(consolePath, { intent: "create", name: "Första", slug: newSlug(), organisationNumber: number });
    expect(first.status).toBe(302);
    const twice = await operator.post(consolePath, { intent: "create", name: "Andra", slug: newSlug(), organisationNumber: number.replace("-", "") });
    expect(twice.status).toBe(409);
    expect(await text(twice)).toContain("Organisationsnumret används redan av en annan kommun.");
    expect(await getDb().municipality.count()).toBe(before + 1);
  });

  it("creates a municipality, invites its first coordinator (mail kept in the outbox), renames it, and lists members, last sign-in and plan size", async () => {
    const slug = newSlug();
    const number = randomOrganisationNumber();
    const created = await operator.post(consolePath, { intent: "create", name: "Östra Kustens kommun", slug, organisationNumber: number, emailDomains: "Ostrakusten.se @skola.ostrakusten.se" });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe(`${municipalityPath(slug)}?skapad=1`);
    const municipality = await getDb().municipality.findUniqueOrThrow({ where: { slug } });
    expect(municipality).toMatchObject({ name: "Östra Kustens kommun", organisationNumber: number, emailDomains: ["ostrakusten.se", "skola.ostrakusten.se"], deactivatedAt: null });
    const createdAudit = await getDb().auditEvent.findMany({ where: { municipalityId: municipality.id, event: "municipality.created" } });
    expect(createdAudit).toMatchObject([{ actorId: operatorId, entityType: "Municipality", entityId: municipality.id }]);

    const email = `samordnare-${slug}@ostrakusten.se`;
    const badInvite = await operator.post(municipalityPath(slug), { intent: "invite", name: "", email: "nej" });
    expect(badInvite.status).toBe(400);
    expect(await text(badInvite)).toContain("Ange en giltig e-postadress.");
    const invited = await operator.post(municipalityPath(slug), { intent: "invite", name: "Olga Samordnare", email });
    expect(invited.status).toBe(200);
    expect(await text(invited)).toContain(`En inbjudan har skickats till ${email}.`);
    const membership = await getDb().membership.findFirstOrThrow({ where: { municipalityId: municipality.id }, include: { user: true } });
    expect([membership.role, membership.user.email]).toEqual(["COORDINATOR", email]);
    const mail = await getDb().mailMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(mail.municipalityId).toBe(municipality.id);
    const link = mail.text.match(/\/inbjudan\/[A-Za-z0-9_-]{43}/)![0];

    const coordinator = new HttpClient();
    const accepted = await coordinator.post(link, { password: "Olgas-lösenord-2026", confirm: "Olgas-lösenord-2026" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/k/${slug}`);
    expect((await coordinator.get(`/k/${slug}/anvandare`)).status).toBe(200);

    const renamed = await operator.post(municipalityPath(slug), { intent: "rename", name: "Östra Kustens kommun (ny)" });
    expect(renamed.status).toBe(200);
    expect(await getDb().municipality.findUniqueOrThrow({ where: { slug }, select: { name: true } })).toEqual({ name: "Östra Kustens kommun (ny)" });
    const renameAudit = await getDb().auditEvent.findFirstOrThrow({ where: { municipalityId: municipality.id, event: "municipality.settings-changed" } });
    expect([renameAudit.field, renameAudit.oldValue, renameAudit.newValue]).toEqual(["name", "Östra Kustens kommun", "Östra Kustens kommun (ny)"]);
    const emptyName = await operator.post(municipalityPath(slug), { intent: "rename", name: "  " });
    expect(emptyName.status).toBe(400);
    expect(await text(emptyName)).toContain("Ange kommunens namn");

    const list = await text(await operator.get(consolePath));
    const row = list.slice(list.indexOf(`/drift/kommuner/${slug}`)).split("</tr>")[0]!;
    expect(row).toContain("Östra Kustens kommun (ny)");
    expect(row).toContain(number);
    // One member, no actions yet, and a sign-in just now.
    expect(row).toMatch(/<td class="num">1<\/td><td class="num">0<\/td><td>\d/);
    const page = await text(await operator.get(municipalityPath(slug)));
    expect(page).toContain("Olga Samordnare");
    expect(page).not.toContain("Aldrig");
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(user.lastSignInAt).not.toBeNull();
    // Each member's register extract and erasure are one click from the console.
    expect(page).toContain(`href="/drift/personer/${user.id}/uppgifter.json"`);
    expect(page).toContain(`href="/drift/personer/${user.id}/radera"`);

    const tenantPage = await text(await operator.get(municipalityPath(tenant.municipality.slug)));
    expect(tenantPage).toContain(tenant.coordinator.name);
    expect((await operator.get(municipalityPath("finns-inte"))).status).toBe(404);
  });

  it("deactivates a municipality: members can no longer open it nor sign in to it, its data stays, and reactivating lets them back", async () => {
    const other = await createTenant("konsol-kvar");
    // The viewer also belongs to a second, active municipality.
    await addMembership(other.municipality.id, tenant.viewer.id, "VIEWER");
    const pending = await inviteMember(tenant.municipality.id, { email: `vantar-${tenant.municipality.slug}@test.se`, name: "Väntande", role: "OWNER" }, tenant.coordinator.id);
    const signedIn = new HttpClient();
    await signedIn.signIn(tenant.owner.email, PASSWORD);
    await createTestAction(tenant, tenant.owner.id, "2026-01-15", "Försenad åtgärd i avaktiverad kommun");
    expect((await loadPolicyData(tenant.municipality.id)).actions.length).toBeGreaterThan(0);
    const actionsBefore = await getDb().action.count({ where: { municipalityId: tenant.municipality.id } });

    const off = await operator.post(municipalityPath(tenant.municipality.slug), { intent: "deactivate" });
    expect(off.status).toBe(200);
    expect(await text(off)).toContain("Kommunen är avaktiverad.");
    expect((await getDb().auditEvent.findMany({ where: { municipalityId: tenant.municipality.id, event: "municipality.deactivated" } })).length).toBe(1);

    // An open session cannot open it any more, on any page.
    for (const path of ["", "/plan", "/mina-atgarder", "/rapporter"]) expect((await signedIn.get(`/k/${tenant.municipality.slug}${path}`)).status).toBe(403);
    // Signing in is refused for those whose only municipality it is, with a Swedish message and no session.
    for (const who of [tenant.coordinator, tenant.owner]) {
      const http = new HttpClient();
      const res = await http.signIn(who.email, PASSWORD);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/logga-in?avaktiverad=1");
      expect((await http.get("/kommuner")).status).toBe(302);
      expect(await text(await http.get("/logga-in?avaktiverad=1"))).toContain("Din kommun är avaktiverad i Kompassplan");
      // The refusal is in the audit log, against the account, with why.
      const refusals = await getDb().auditEvent.findMany({ where: { entityId: who.id, event: "sign-in.failed", reason: "deactivated" } });
      expect(refusals).toHaveLength(1);
    }
    // Someone who is also in an active municipality signs in to that one only.
    const viewer = new HttpClient();
    const res = await viewer.signIn(tenant.viewer.email, PASSWORD);
    expect(res.headers.get("location")).toBe(`/k/${other.municipality.slug}`);
    expect(await text(await viewer.get("/kommuner"))).not.toContain(tenant.municipality.name);
    expect((await viewer.get(`/k/${tenant.municipality.slug}`)).status).toBe(403);
    // Its invitations wait.
    expect((await new HttpClient().get(`/inbjudan/${pending.token}`)).status).toBe(404);
    // The operator still reaches its data; the data is kept.
    expect((await operator.get(`/k/${tenant.municipality.slug}/plan`)).status).toBe(200);
    expect(await getDb().action.count({ where: { municipalityId: tenant.municipality.id } })).toBe(actionsBefore);
    expect(await text(await operator.get(consolePath))).toContain("Avaktiverad");
    // Nobody is reminded about its actions while it is deactivated.
    const policy = await loadPolicyData(tenant.municipality.id);
    expect([policy.municipalities, policy.actions]).toEqual([[], []]);
    expect((await loadPolicyData()).actions.some((a) => a.municipalityId === tenant.municipality.id)).toBe(false);

    const on = await operator.post(municipalityPath(tenant.municipality.slug), { intent: "reactivate" });
    expect(on.status).toBe(200);
    expect(await text(on)).toContain("Kommunen är aktiv igen.");
    expect((await getDb().auditEvent.findMany({ where: { municipalityId: tenant.municipality.id, event: "municipality.reactivated" } })).length).toBe(1);
    expect((await signedIn.get(`/k/${tenant.municipality.slug}`)).status).toBe(200);
    const back = await new HttpClient().signIn(tenant.coordinator.email, PASSWORD);
    expect(back.headers.get("location")).toBe(`/k/${tenant.municipality.slug}`);
    expect((await new HttpClient().get(`/inbjudan/${pending.token}`)).status).toBe(200);
    expect((await loadPolicyData(tenant.municipality.id)).actions.length).toBeGreaterThan(0);
  });
});
