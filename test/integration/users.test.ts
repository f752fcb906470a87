import { beforeAll, describe, expect, it } from "vitest";
import { changeRole, MembershipError, removeMember } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";

let tenant: Tenant;
let coordinator: HttpClient;
const usersPage = () => `/k/${tenant.municipality.slug}/anvandare`;

beforeAll(async () => {
  tenant = await createTenant("users");
  coordinator = new HttpClient();
  await coordinator.signIn(tenant.coordinator.email, PASSWORD);
});

describe("user administration", () => {
  it("invites a new person by e-mail, who activates the account and lands in the municipality", async () => {
    const email = `ny-${tenant.municipality.slug}@test.kompassplan.se`;
    const res = await coordinator.post(usersPage(), { intent: "invite", name: "Nina Ny", email, role: "OWNER" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`En inbjudan har skickats till ${email}.`);
    const link = html.match(/\/inbjudan\/([A-Za-z0-9_-]+)/)![0];

    const mail = await getDb().mailMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(mail.subject).toContain(tenant.municipality.name);
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(link);

    const invitee = new HttpClient();
    const short = await invitee.post(link, { password: "kort", confirm: "kort" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Lösenordet måste vara minst 10 tecken.");

    const ok = await invitee.post(link, { password: "Ett-bra-lösenord", confirm: "Ett-bra-lösenord" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/k/${tenant.municipality.slug}`);
    expect((await invitee.get(`/k/${tenant.municipality.slug}`)).status).toBe(200);

    // The link works once.
    const reused = await new HttpClient().post(link, { password: "Ett-annat-lösenord", confirm: "Ett-annat-lösenord" });
    expect(reused.status).toBe(404);
    expect(await new HttpClient().signIn(email, "Ett-bra-lösenord").then((r) => r.status)).toBe(302);
  });

  it("says so in Swedish when the person already has access, changing nothing", async () => {
    const res = await coordinator.post(usersPage(), {
      intent: "invite",
      name: "Dubbel",
      email: tenant.viewer.email,
      role: "COORDINATOR",
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Personen har redan tillgång till kommunen.");
    const m = await getDb().membership.findFirstOrThrow({ where: { userId: tenant.viewer.id } });
    expect(m.role).toBe("VIEWER");
  });

  it("shows errors next to the fields for an invalid invitation", async () => {
    const res = await coordinator.post(usersPage(), { intent: "invite", name: "", email: "fel", role: "KUNG" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Ange ett namn.");
    expect(html).toContain("Ange en giltig e-postadress.");
    expect(html).toContain("Välj en roll.");
  });

  it("changes a role and records who did it", async () => {
    const res = await coordinator.post(usersPage(), { intent: "change-role", userId: tenant.viewer.id, role: "OWNER" });
    expect(res.status).toBe(200);
    const m = await getDb().membership.findFirstOrThrow({ where: { userId: tenant.viewer.id } });
    expect(m.role).toBe("OWNER");
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { municipalityId: tenant.municipality.id, entityId: tenant.viewer.id, event: "membership.role-changed" },
    });
    expect(audit).toMatchObject({ actorId: tenant.coordinator.id, oldValue: "VIEWER", newValue: "OWNER" });
    await changeRole(tenant.municipality.id, tenant.viewer.id, "VIEWER", tenant.coordinator.id);
  });

  it("never leaves a municipality without a coordinator, and nobody removes themself", async () => {
    await expect(
      changeRole(tenant.municipality.id, tenant.coordinator.id, "VIEWER", tenant.coordinator.id),
    ).rejects.toThrow(MembershipError);
    await expect(removeMember(tenant.municipality.id, tenant.coordinator.id, tenant.coordinator.id)).rejects.toThrow(
      MembershipError,
    );
    const res = await coordinator.post(usersPage(), { intent: "change-role", userId: tenant.coordinator.id, role: "VIEWER" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Kommunen måste ha minst en samordnare.");
  });

  it("removes a person's access to the municipality", async () => {
    const extra = await createTenant("extra");
    // A person from elsewhere invited here, then removed: their other membership stays.
    await coordinator.post(usersPage(), { intent: "invite", name: "Gäst", email: extra.owner.email, role: "VIEWER" });
    const res = await coordinator.post(usersPage(), { intent: "remove", confirmed: "yes", userId: extra.owner.id });
    expect(res.status).toBe(200);
    expect(await getDb().membership.count({ where: { userId: extra.owner.id, municipalityId: tenant.municipality.id } })).toBe(0);
    expect(await getDb().membership.count({ where: { userId: extra.owner.id, municipalityId: extra.municipality.id } })).toBe(1);
  });
});
