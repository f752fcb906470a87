import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { createUserWithPassword } from "~/models/user.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { AddressedClient, setUpTwoStep, signInWithCode, totpCode } from "../helpers/two-step.ts";

/**
 * Two-step sign-in (issue #12, item 6) over HTTP against the real server and database: the code
 * after the password, wrong and spent codes, the waiting step's expiry and attempt bound, the
 * operators' and a municipality's requirement, and that one municipality's requirement is its own.
 */

let a: Tenant;
let b: Tenant;
const fieldError = (html: string) => html.match(/<span class="field-error"[^>]*>([^<]*)<\/span>/)?.[1] ?? "";

beforeAll(async () => {
  a = await createTenant("tvasteg-a");
  b = await createTenant("tvasteg-b");
});

afterAll(async () => {
  const municipalityId = { in: [a.municipality.id, b.municipality.id] };
  await getDb().mailMessage.updateMany({ where: { municipalityId, status: "PENDING" }, data: { status: "CANCELLED" } });
});

/** A code for now that is none of the codes the window accepts (−30 s, now, +30 s). */
async function wrongCode(secret: string): Promise<string> {
  const valid = new Set([await totpCode(secret, -30), await totpCode(secret), await totpCode(secret, 30)]);
  for (let n = 123456; ; n++) if (!valid.has(String(n))) return String(n);
}

describe("setting up two-step sign-in", () => {
  it("stores the secret encrypted and the recovery codes hashed, and records totp.enabled", async () => {
    const client = new AddressedClient();
    await client.signIn(a.coordinator.email, PASSWORD);
    const { secret, recoveryCodes } = await setUpTwoStep(client);
    for (const code of recoveryCodes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
    expect(new Set(recoveryCodes).size).toBe(10);

    const row = await getDb().twoStepSecret.findUniqueOrThrow({ where: { userId: a.coordinator.id } });
    expect(row.enabledAt).not.toBeNull();
    expect(row.secretCiphertext).not.toContain(secret);
    expect(row.secretCiphertext).toMatch(/^v1\./);
    const hashes = await getDb().recoveryCode.findMany({ where: { userId: a.coordinator.id } });
    expect(hashes).toHaveLength(10);
    for (const h of hashes) for (const code of recoveryCodes) expect(h.codeHash).not.toContain(code.replace("-", ""));
    const audit = await getDb().auditEvent.findMany({ where: { entityId: a.coordinator.id, event: "totp.enabled" } });
    expect(audit).toHaveLength(1);

    // Shown once: the page now says it is on and shows neither secret nor codes.
    const again = await (await client.get("/konto/tvastegsinloggning")).text();
    expect(again).toContain("Tvåstegsinloggning är på.");
    expect(again).not.toContain(secret);
    expect(again).not.toContain(recoveryCodes[0]!);
  });

  it("refuses a wrong confirming code in Swedish next to the field and stays off", async () => {
    const client = new AddressedClient();
    await client.signIn(a.viewer.email, PASSWORD);
    const page = await (await client.get("/konto/tvastegsinloggning")).text();
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1]!;
    const res = await client.post("/konto/tvastegsinloggning", { intent: "confirm", code: await wrongCode(secret) });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text())).toContain("Koden stämmer inte");
    const bad = await client.post("/konto/tvastegsinloggning", { intent: "confirm", code: "12ab" });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text())).toContain("6 siffrorna");
    const row = await getDb().twoStepSecret.findUnique({ where: { userId: a.viewer.id } });
    expect(row?.enabledAt ?? null).toBeNull();
  });
});

describe("signing in with two-step sign-in on", () => {
  let secret = "";
  let recoveryCodes: string[] = [];
  let acceptedCode = "";

  beforeAll(async () => {
    const client = new AddressedClient();
    await client.signIn(a.owner.email, PASSWORD);
    ({ secret, recoveryCodes } = await setUpTwoStep(client));
  });

  it("asks for the code after the password and starts no session before it", async () => {
    const client = new AddressedClient();
    const sessionsBefore = await getDb().session.count({ where: { userId: a.owner.id } });
    const first = await client.signIn(a.owner.email, PASSWORD);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/logga-in/kod");
    expect(await getDb().session.count({ where: { userId: a.owner.id } })).toBe(sessionsBefore);
    const page = await client.get("/logga-in/kod");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Ange din kod");

    // Without the code, nothing of the municipality opens.
    const blocked = await client.get(`/k/${a.municipality.slug}`);
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("location")).toContain("/logga-in");
  });

  it("refuses a wrong code with a Swedish message next to the field, then accepts the right one", async () => {
    const client = new AddressedClient();
    await client.signIn(a.owner.email, PASSWORD);
    const wrong = await client.post("/logga-in/kod", { code: await wrongCode(secret) });
    expect(wrong.status).toBe(401);
    expect(fieldError(await wrong.text())).toContain("Koden stämmer inte");
    const malformed = await client.post("/logga-in/kod", { code: "abc" });
    expect(malformed.status).toBe(400);
    expect(fieldError(await malformed.text())).toContain("6 siffror");

    // The set-up used the current step; the next step is within the accepted window.
    acceptedCode = await totpCode(secret, 30);
    const right = await client.post("/logga-in/kod", { code: acceptedCode });
    expect(right.status).toBe(302);
    expect(right.headers.get("location")).toBe(`/k/${a.municipality.slug}`);
    expect((await client.get(`/k/${a.municipality.slug}`)).status).toBe(200);
  });

  it("never accepts the same code twice", async () => {
    const client = new AddressedClient();
    // The code accepted above, again (or, should the clock have moved on two steps since, a code outside the window).
    const res = await signInWithCode(client, a.owner.email, PASSWORD, acceptedCode);
    expect(res.status).toBe(401);
  });

  it("accepts a recovery code once", async () => {
    const code = recoveryCodes[3]!;
    const first = await signInWithCode(new AddressedClient(), a.owner.email, PASSWORD, code.toUpperCase().replace("-", " "));
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`/k/${a.municipality.slug}`);
    const second = await signInWithCode(new AddressedClient(), a.owner.email, PASSWORD, code);
    expect(second.status).toBe(401);
    expect(await getDb().recoveryCode.count({ where: { userId: a.owner.id, usedAt: { not: null } } })).toBe(1);
  });

  it("lets the waiting step expire after five minutes", async () => {
    const client = new AddressedClient();
    await client.signIn(a.owner.email, PASSWORD);
    await getDb().signInChallenge.updateMany({ where: { userId: a.owner.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await client.post("/logga-in/kod", { code: recoveryCodes[5]! });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("Inloggningen har gått ut");
    // The recovery code was not spent on an expired step.
    expect(await getDb().recoveryCode.count({ where: { userId: a.owner.id, usedAt: { not: null } } })).toBe(1);
  });

  it("ends the waiting step after five wrong codes, even before the right one", async () => {
    const person = await createUserWithPassword({ email: `tvasteg-bound-${Date.now()}@test.kompassplan.se`, name: "Bo Gräns", password: PASSWORD });
    const setup = new AddressedClient();
    await setup.signIn(person.email, PASSWORD);
    const { secret: own, recoveryCodes: codes } = await setUpTwoStep(setup);
    const guesser = new AddressedClient();
    await guesser.signIn(person.email, PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guesser.post("/logga-in/kod", { code: await wrongCode(own) })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 410]);
    // Each wrong code is in the audit log as a failed sign-in of the person.
    expect(await getDb().auditEvent.count({ where: { entityId: person.id, event: "sign-in.failed", reason: "two-step-code" } })).toBe(5);
    const after = await guesser.post("/logga-in/kod", { code: codes[0]! });
    expect(after.status).toBe(410);
    expect(await getDb().recoveryCode.count({ where: { userId: person.id, usedAt: { not: null } } })).toBe(0);
    // A new sign-in is throttled per person across waiting steps, as passwords are (ADR 0023):
    // with three more failures just now, the next code must wait.
    await getDb().signInAttempt.createMany({
      data: [1, 2, 3].map(() => ({ email: `two-step:${person.id}`, ip: "10.0.0.1", succeeded: false, createdAt: new Date() })),
    });
    const fresh = new AddressedClient();
    await fresh.signIn(person.email, PASSWORD);
    const throttled = await fresh.post("/logga-in/kod", { code: codes[0]! });
    expect(throttled.status).toBe(429);
    expect(fieldError(await throttled.text())).toContain("Vänta");
  });

  it("switches off with the password, not with a wrong one, and records totp.disabled", async () => {
    const person = await createUserWithPassword({ email: `tvasteg-av-${Date.now()}@test.kompassplan.se`, name: "Av Stängsson", password: PASSWORD });
    const client = new AddressedClient();
    await client.signIn(person.email, PASSWORD);
    await setUpTwoStep(client);
    const wrong = await client.post("/konto/tvastegsinloggning", { intent: "disable", password: "fel-lösenord" });
    expect(wrong.status).toBe(401);
    expect(fieldError(await wrong.text())).toContain("stämmer inte");
    const empty = await client.post("/konto/tvastegsinloggning", { intent: "disable" });
    expect(empty.status).toBe(400);
    expect(await getDb().twoStepSecret.count({ where: { userId: person.id, enabledAt: { not: null } } })).toBe(1);
    const off = await client.post("/konto/tvastegsinloggning", { intent: "disable", password: PASSWORD });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain("Tvåstegsinloggning är avstängd.");
    expect(await getDb().twoStepSecret.count({ where: { userId: person.id, enabledAt: { not: null } } })).toBe(0);
    expect(await getDb().recoveryCode.count({ where: { userId: person.id } })).toBe(0);
    expect(await getDb().auditEvent.count({ where: { entityId: person.id, event: "totp.disabled" } })).toBe(1);
    // Signing in needs the password only again.
    const again = await new AddressedClient().signIn(person.email, PASSWORD);
    expect(again.headers.get("location")).not.toBe("/logga-in/kod");
  });
});

describe("operators must use two-step sign-in", () => {
  it("sends an operator without it to set it up, and refuses every operator page until then", async () => {
    const operator = await createUserWithPassword({ email: `drift-tvasteg-${Date.now()}@test.kompassplan.se`, name: "Drift Tvåsteg", password: PASSWORD, isOperator: true });
    const client = new AddressedClient();
    const signIn = await client.signIn(operator.email, PASSWORD);
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("location")).toMatch(/^\/konto\/tvastegsinloggning\?redirectTo=/);
    for (const path of ["/drift", "/kommuner", `/k/${a.municipality.slug}`, `/k/${a.municipality.slug}/anvandare`]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe(`/konto/tvastegsinloggning?redirectTo=${encodeURIComponent(path)}`);
    }
    const post = await client.post(`/k/${a.municipality.slug}/paminnelser`, { intent: "two-step", required: "on" });
    expect(post.status).toBe(302);
    expect(await getDb().municipalityTwoStep.count({ where: { municipalityId: a.municipality.id } })).toBe(0);

    const page = await (await client.get("/konto/tvastegsinloggning?redirectTo=%2Fdrift")).text();
    expect(page).toContain("Som driftansvarig måste du använda tvåstegsinloggning");
    await setUpTwoStep(client);
    expect((await client.get("/drift")).status).toBe(200);
    expect((await client.get("/kommuner")).status).toBe(200);
  });
});

describe("a municipality's requirement", () => {
  it("is set by its coordinator, audited, and sends its members without two-step to set it up", async () => {
    const coordinator = new AddressedClient();
    await coordinator.signIn(b.coordinator.email, PASSWORD);
    const form = await (await coordinator.get(`/k/${b.municipality.slug}/paminnelser`)).text();
    expect(form).toContain("Kräv tvåstegsinloggning för kommunens medlemmar");
    const saved = await coordinator.post(`/k/${b.municipality.slug}/paminnelser`, { intent: "two-step", required: "on" });
    // Saved; the coordinator, who has no two-step yet, is held to it at once: the page sends them to set it up.
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/konto/tvastegsinloggning?redirectTo=${encodeURIComponent(`/k/${b.municipality.slug}/paminnelser`)}`);
    const audit = await getDb().auditEvent.findMany({
      where: { municipalityId: b.municipality.id, event: "municipality.settings-changed", field: "twoStepRequired" },
    });
    expect(audit.map((e) => [e.entityType, e.oldValue, e.newValue, e.actorId])).toEqual([["Municipality", "false", "true", b.coordinator.id]]);

    // The owner of B has no two-step: B does not open until it is set up.
    const owner = new AddressedClient();
    await owner.signIn(b.owner.email, PASSWORD);
    const blocked = await owner.get(`/k/${b.municipality.slug}/plan`);
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("location")).toBe(`/konto/tvastegsinloggning?redirectTo=${encodeURIComponent(`/k/${b.municipality.slug}/plan`)}`);
    expect(await (await owner.get("/konto/tvastegsinloggning?redirectTo=%2F")).text()).toContain("Din kommun kräver tvåstegsinloggning");
    await setUpTwoStep(owner);
    expect((await owner.get(`/k/${b.municipality.slug}/plan`)).status).toBe(200);

    // The coordinator who required it is held to it too; once set up, the setting shows as saved and can be switched off.
    expect((await coordinator.get(`/k/${b.municipality.slug}`)).status).toBe(302);
    await setUpTwoStep(coordinator);
    const settings = await (await coordinator.get(`/k/${b.municipality.slug}/paminnelser`)).text();
    expect(settings.match(/<input[^>]*name="required"[^>]*>/)?.[0]).toContain("checked");
    const off = await coordinator.post(`/k/${b.municipality.slug}/paminnelser`, { intent: "two-step" });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain("Inställningen för tvåstegsinloggning är sparad.");
    expect((await getDb().municipalityTwoStep.findUniqueOrThrow({ where: { municipalityId: b.municipality.id } })).required).toBe(false);
    await coordinator.post(`/k/${b.municipality.slug}/paminnelser`, { intent: "two-step", required: "on" });
  });

  it("is one municipality's own: a coordinator of A can neither change B's nor is A held to B's", async () => {
    const coordinatorA = new AddressedClient();
    // A coordinator of A without two-step (A requires nothing).
    const person = await createUserWithPassword({ email: `tvasteg-a-samordnare-${Date.now()}@test.kompassplan.se`, name: "Samordnare A2", password: PASSWORD });
    await getDb().membership.create({ data: { userId: person.id, municipalityId: a.municipality.id, role: "COORDINATOR" } });
    await coordinatorA.signIn(person.email, PASSWORD);
    const refused = await coordinatorA.post(`/k/${b.municipality.slug}/paminnelser`, { intent: "two-step" });
    expect(refused.status).toBe(403);
    expect((await getDb().municipalityTwoStep.findUniqueOrThrow({ where: { municipalityId: b.municipality.id } })).required).toBe(true);
    // A requires nothing: A's members without two-step open A.
    expect((await coordinatorA.get(`/k/${a.municipality.slug}`)).status).toBe(200);
    expect((await coordinatorA.get(`/k/${a.municipality.slug}/paminnelser`)).status).toBe(200);
    // B's viewer cannot change B's requirement either (coordinators only), nor reach it without two-step.
    const viewer = new AddressedClient();
    await viewer.signIn(b.viewer.email, PASSWORD);
    const viewerPost = await viewer.post(`/k/${b.municipality.slug}/paminnelser`, { intent: "two-step" });
    expect(viewerPost.status).toBe(403);
    expect((await getDb().municipalityTwoStep.findUniqueOrThrow({ where: { municipalityId: b.municipality.id } })).required).toBe(true);
  });
});
