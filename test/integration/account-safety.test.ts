import { randomBytes, createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";

/**
 * Accounts across municipalities: one municipality may never issue a password link for, or
 * rename, an account that belongs to another; an invitation is accepted once.
 */

let demo: Tenant;
let other: Tenant;
const as: { demo?: HttpClient; other?: HttpClient } = {};
const usersPage = (t: Tenant) => `/k/${t.municipality.slug}/anvandare`;
/** The message the inviter gets after posting (the member list below it shows members' names, as for any member). */
const notice = (html: string) => html.match(/<div class="notice success" role="status">([\s\S]*?)<\/div>/)?.[1] ?? "";
const linkIn = (text: string) => text.match(/\/inbjudan\/[A-Za-z0-9_-]+/)?.[0] ?? null;
const unique = () => randomBytes(4).toString("hex");

beforeAll(async () => {
  demo = await createTenant("demo");
  other = await createTenant("annan");
  as.demo = new HttpClient();
  await as.demo.signIn(demo.coordinator.email, PASSWORD);
  as.other = new HttpClient();
  await as.other.signIn(other.coordinator.email, PASSWORD);
});

async function invite(client: HttpClient, tenant: Tenant, fields: { name: string; email: string; role: string }) {
  return client.post(usersPage(tenant), { intent: "invite", ...fields });
}

// Mail of this file is left behind closed: a worker started by a later test must not send it.
afterAll(async () => {
  const municipalityId = { in: [demo.municipality.id, other.municipality.id] };
  await getDb().action.updateMany({ where: { municipalityId }, data: { status: "CANCELLED" } });
  await getDb().mailMessage.updateMany({ where: { municipalityId, status: "PENDING" }, data: { status: "CANCELLED" } });
});

describe("an account pending in one municipality, invited by another", () => {
  it("gives the other municipality no link, no name and no way to set the password", async () => {
    const email = `mal-${unique()}@test.kompassplan.se`;
    const first = await invite(as.demo!, demo, { name: "Maja Målsson", email, role: "COORDINATOR" });
    expect(first.status).toBe(200);
    const demoLink = linkIn(await first.text())!;
    expect(demoLink).not.toBeNull();

    const second = await invite(as.other!, other, { name: "Angripare", email, role: "VIEWER" });
    expect(second.status).toBe(200);
    const html = await second.text();
    expect(linkIn(html)).toBeNull();
    expect(notice(html)).toContain("har redan ett konto i Kompassplan");
    expect(notice(html)).not.toContain("Maja");

    // The other municipality's outbox holds a notice without a link to set a password, without the name.
    const otherMail = await getDb().mailMessage.findMany({ where: { municipalityId: other.municipality.id, recipient: email } });
    expect(otherMail).toHaveLength(1);
    expect(otherMail[0]!.text).not.toMatch(/\/inbjudan\//);
    expect(otherMail[0]!.text).not.toContain("Maja");
    expect(otherMail[0]!.text).toContain("/logga-in");
    expect(otherMail[0]!.subject).toContain(other.municipality.name);

    const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { invitations: true, memberships: true } });
    expect(user.name).toBe("Maja Målsson");
    expect(user.passwordHash).toBeNull();
    expect(user.invitations.map((i) => i.municipalityId)).toEqual([demo.municipality.id]);
    expect(user.memberships.map((m) => m.municipalityId).sort()).toEqual([demo.municipality.id, other.municipality.id].sort());

    // Inviting again from the other municipality changes nothing either.
    const again = await invite(as.other!, other, { name: "Angripare", email, role: "COORDINATOR" });
    expect(again.status).toBe(409);
    expect(linkIn(await again.text())).toBeNull();
    // Demo may not re-invite either: the account now belongs to two municipalities.
    const reinvite = await invite(as.demo!, demo, { name: "Maja", email, role: "COORDINATOR" });
    expect(reinvite.status).toBe(409);
    expect(await getDb().invitation.count({ where: { userId: user.id } })).toBe(1);

    // The person accepts Demo's own link and reaches both municipalities with it.
    const person = new HttpClient();
    const ok = await person.post(demoLink, { password: "Majas-eget-lösen", confirm: "Majas-eget-lösen" });
    expect(ok.status).toBe(302);
    expect((await person.get(`/k/${other.municipality.slug}`)).status).toBe(200);
  });

  it("refuses a link that another municipality issued for an account already pending elsewhere (left over from before)", async () => {
    const email = `gammal-${unique()}@test.kompassplan.se`;
    await invite(as.demo!, demo, { name: "Gunnar Gammal", email, role: "COORDINATOR" });
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    // What the old code did for the other municipality: a membership and a token of its own.
    await getDb().membership.create({ data: { userId: user.id, municipalityId: other.municipality.id, role: "VIEWER" } });
    const token = randomBytes(32).toString("base64url");
    await getDb().invitation.create({
      data: {
        tokenHash: createHash("sha256").update(token).digest("hex"),
        userId: user.id,
        municipalityId: other.municipality.id,
        invitedById: other.coordinator.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    expect((await new HttpClient().get(`/inbjudan/${token}`)).status).toBe(404);
    const res = await new HttpClient().post(`/inbjudan/${token}`, { password: "Angriparens-lösen", confirm: "Angriparens-lösen" });
    expect(res.status).toBe(404);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();
  });

  it("adds an activated account elsewhere without a link, keeps its name and password, and mails the person", async () => {
    const before = await getDb().user.findUniqueOrThrow({ where: { id: demo.owner.id } });
    const res = await invite(as.other!, other, { name: "Nytt namn", email: demo.owner.email.toUpperCase(), role: "OWNER" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(linkIn(html)).toBeNull();
    expect(notice(html)).toContain(demo.owner.email);
    expect(notice(html)).not.toContain(before.name);
    const after = await getDb().user.findUniqueOrThrow({ where: { id: demo.owner.id } });
    expect(after.name).toBe(before.name);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await getDb().invitation.count({ where: { userId: demo.owner.id } })).toBe(0);
    const mail = await getDb().mailMessage.findFirstOrThrow({ where: { municipalityId: other.municipality.id, recipient: demo.owner.email } });
    expect(mail.text).not.toContain(before.name);
    expect(mail.text).toContain(`Du har fått tillgång till Kompassplan för ${other.municipality.name}`);
    expect(await getDb().membership.count({ where: { userId: demo.owner.id, municipalityId: other.municipality.id, role: "OWNER" } })).toBe(1);
    // Demo's sessions of that person still work: nothing about the account changed.
    const owner = new HttpClient();
    expect((await owner.signIn(demo.owner.email, PASSWORD)).status).toBe(302);
    await getDb().membership.deleteMany({ where: { userId: demo.owner.id, municipalityId: other.municipality.id } });
  });

  it("the owner invitation in the new-action form follows the same rule", async () => {
    const email = `agare-${unique()}@test.kompassplan.se`;
    await invite(as.demo!, demo, { name: "Olle Ägare", email, role: "OWNER" });
    const item = await getDb().improvementItem.findFirstOrThrow({
      where: { evaluationArea: { evaluationId: other.evaluationId } },
      orderBy: { sortOrder: "asc" },
    });
    const question = await getDb().frameworkQuestion.findFirstOrThrow({ where: { code: "1.5", area: { version: { key: "2010" } } } });
    const res = await as.other!.post(`/k/${other.municipality.slug}/plan/ny?punkt=${item.id}`, {
      title: "Kapning via åtgärd",
      ownerId: "",
      inviteEmail: email,
      inviteName: "Byte av namn",
      deadline: "2027-01-15",
      priority: "LOW",
      version: "0",
      [`effect.${question.id}`]: "1",
    });
    expect(res.status).toBe(302);
    const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { invitations: true } });
    expect(user.name).toBe("Olle Ägare");
    expect(user.invitations.map((i) => i.municipalityId)).toEqual([demo.municipality.id]);
    // No password link anywhere in its outbox; the notice about the new access does not name the person.
    const mails = await getDb().mailMessage.findMany({ where: { municipalityId: other.municipality.id, recipient: email } });
    for (const m of mails) expect(m.text).not.toMatch(/\/inbjudan\//);
    const notice = mails.find((m) => m.kind === "invitation")!;
    expect(notice.text).toContain(`Du har fått tillgång till Kompassplan för ${other.municipality.name}`);
    expect(notice.text).not.toContain("Olle");
  });
});

describe("re-inviting", () => {
  it("lets the one municipality where an account is pending send a new link, which replaces the old", async () => {
    const email = `igen-${unique()}@test.kompassplan.se`;
    const first = linkIn(await (await invite(as.demo!, demo, { name: "Ida Igen", email, role: "OWNER" })).text())!;
    const res = await invite(as.demo!, demo, { name: "Ida Igen", email, role: "OWNER" });
    expect(res.status).toBe(200);
    const second = linkIn(await res.text())!;
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect((await new HttpClient().get(first)).status).toBe(404);
    expect((await new HttpClient().get(second)).status).toBe(200);
  });
});

describe("accepting an invitation", () => {
  it("succeeds exactly once when four acceptances arrive at the same moment", async () => {
    const email = `samtidig-${unique()}@test.kompassplan.se`;
    const link = linkIn(await (await invite(as.demo!, demo, { name: "Sam Tidig", email, role: "OWNER" })).text())!;
    const clients = [0, 1, 2, 3].map(() => new HttpClient());
    const passwords = clients.map((_, i) => `Lösenord-nummer-${i}`);
    const results = await Promise.all(clients.map((c, i) => c.post(link, { password: passwords[i]!, confirm: passwords[i]! })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 302).every((s) => s === 404)).toBe(true);
    const winner = statuses.indexOf(302);
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
    const signIns = await Promise.all(passwords.map((p) => new HttpClient().signIn(email, p).then((r) => r.status)));
    expect(signIns.map((s, i) => (i === winner ? s === 302 : s !== 302))).toEqual([true, true, true, true]);
  });

  it("closes every other open invitation of the account and ends its other sessions", async () => {
    const email = `flera-${unique()}@test.kompassplan.se`;
    const early = linkIn(await (await invite(as.demo!, demo, { name: "Fia Flera", email, role: "OWNER" })).text())!;
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    // A second open invitation of the same account (as a re-invite could leave), and a stray session.
    const token = randomBytes(32).toString("base64url");
    await getDb().invitation.create({
      data: {
        tokenHash: createHash("sha256").update(token).digest("hex"),
        userId: user.id,
        municipalityId: demo.municipality.id,
        invitedById: demo.coordinator.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await getDb().session.create({ data: { id: `stray-${unique()}`, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) } });
    const ok = await new HttpClient().post(`/inbjudan/${token}`, { password: "Fias-lösenord-1", confirm: "Fias-lösenord-1" });
    expect(ok.status).toBe(302);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
    expect((await new HttpClient().get(early)).status).toBe(404);
    const late = await new HttpClient().post(early, { password: "Annat-lösenord-2", confirm: "Annat-lösenord-2" });
    expect(late.status).toBe(404);
    expect((await new HttpClient().signIn(email, "Fias-lösenord-1")).status).toBe(302);
  });
});

describe("two identical invitations at once", () => {
  it("answer without a server error and make one account and one membership", async () => {
    const email = `dubbel-${unique()}@test.kompassplan.se`;
    const results = await Promise.all(
      [0, 1, 2, 3].map(() => invite(as.demo!, demo, { name: "Dubbel Dubbelsson", email, role: "OWNER" })),
    );
    for (const r of results) expect([200, 409]).toContain(r.status);
    const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { memberships: true, invitations: true } });
    expect(user.memberships).toHaveLength(1);
    expect(user.invitations).toHaveLength(1);
  });

  it("from two municipalities at once: one of them issues the link, the other only adds", async () => {
    const email = `kapplopning-${unique()}@test.kompassplan.se`;
    const results = await Promise.all([
      invite(as.demo!, demo, { name: "Kalle Kapp", email, role: "COORDINATOR" }),
      invite(as.other!, other, { name: "Kalle Kapp", email, role: "COORDINATOR" }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const links = (await Promise.all(results.map((r) => r.text()))).map(linkIn).filter(Boolean);
    expect(links).toHaveLength(1);
    const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { invitations: true, memberships: true } });
    expect(user.memberships).toHaveLength(2);
    expect(user.invitations).toHaveLength(1);
  });
});

describe("secrets at rest", () => {
  it("keeps session ids only as hashes, like invitation and calendar tokens", async () => {
    const res = await new HttpClient().signIn(demo.viewer.email, PASSWORD);
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!.split("=").slice(1).join("=");
    const signed = decodeURIComponent(cookie);
    const raw = JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf(".")), "base64").toString("utf8")) as string;
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await getDb().session.findUnique({ where: { id: raw } })).toBeNull();
    const hashed = await getDb().session.findUnique({ where: { id: createHash("sha256").update(raw).digest("hex") } });
    expect(hashed?.userId).toBe(demo.viewer.id);
  });
});
