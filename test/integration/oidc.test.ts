import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "~/cli/support/free-port.server.ts";
import { createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";
import { CookieJar, passProvider, startTestProvider, TEST_CLIENT, type TestPerson, type TestProvider } from "../helpers/oidc-provider.ts";

/**
 * Sign-in through a municipality's OpenID Connect provider, against a real oidc-provider started
 * here: success, and every way it must fail with a Swedish message instead of a 500.
 */
const baseUrl = inject("baseUrl");
let a: Tenant;
let b: Tenant;
let provider: TestProvider;
let coordinatorA: HttpClient;
const DOMAIN = "test.kompassplan.se";
const settingsPage = (slug: string) => `/k/${slug}/inloggning`;
const returnAddress = (slug: string) => `${baseUrl}/logga-in/oidc/${slug}`;

function settings(overrides: Record<string, string> = {}) {
  return {
    issuer: provider.issuer,
    clientId: TEST_CLIENT.id,
    clientSecret: TEST_CLIENT.secret,
    displayName: "Testkommunens konto",
    domains: DOMAIN,
    newMemberRole: "VIEWER",
    ...overrides,
  };
}

let counter = 0;
/** A person the provider knows. */
function person(email: string, emailVerified = true, name = "Person Personsson") {
  return known(email, { email, emailVerified, name });
}

/** A person as Microsoft Entra ID describes them: no email_verified, optionally the domain owner verified (xms_edov). */
function entraPerson(email: string, domainOwnerVerified?: boolean) {
  return known(email, { email, emailVerified: undefined, name: "Person Personsson", ...(domainOwnerVerified === undefined ? {} : { domainOwnerVerified }) });
}

function known(email: string, who: TestPerson) {
  const id = `konto-${++counter}`;
  // The provider's login page finds the person by address: the latest one with it.
  for (const [key, known] of provider.people) if (known.email === email) provider.people.delete(key);
  provider.people.set(id, who);
  return email;
}

/** Starts the sign-in at Kompassplan and goes through the provider; returns the jar and the return address. */
async function throughProvider(slug: string, email: string) {
  const jar = new CookieJar();
  const start = await jar.fetch(`${baseUrl}/logga-in/oidc/${slug}`, { method: "POST", body: new URLSearchParams({ redirectTo: "" }) });
  expect(start.status).toBe(302);
  const authorization = start.headers.get("location")!;
  expect(authorization.startsWith(provider.issuer)).toBe(true);
  const url = new URL(authorization);
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url.searchParams.get("state")).toBeTruthy();
  expect(url.searchParams.get("nonce")).toBeTruthy();
  const back = await passProvider(jar, authorization, email, returnAddress(slug));
  return { jar, back };
}

/** The whole sign-in; returns where Kompassplan sent the browser, and the jar. */
async function signInThroughProvider(slug: string, email: string) {
  const { jar, back } = await throughProvider(slug, email);
  const res = await jar.fetch(back);
  expect(res.status).toBe(302);
  return { jar, location: res.headers.get("location")! };
}

/** Follows a failed sign-in to the sign-in page and returns its text (never a 500). */
async function refusal(jar: CookieJar, location: string) {
  expect(location).toMatch(/^\/logga-in\?kommun=[a-z0-9-]+&fel=/);
  const page = await jar.fetch(`${baseUrl}${location}`);
  expect(page.status).toBe(200);
  return page.text();
}

beforeAll(async () => {
  a = await createTenant("oidc-a");
  b = await createTenant("oidc-b");
  provider = await startTestProvider([returnAddress(a.municipality.slug)]);
  coordinatorA = new HttpClient();
  expect((await coordinatorA.signIn(a.coordinator.email, PASSWORD)).status).toBe(302);
  const saved = await coordinatorA.post(settingsPage(a.municipality.slug), settings());
  expect(saved.status).toBe(200);
  expect(await saved.text()).toContain("Inställningarna är sparade.");
});

afterAll(async () => {
  await provider?.close();
});

describe("the settings of a municipality's provider", () => {
  it("keeps the client secret encrypted and never shows it back", async () => {
    const row = await getDb().oidcProvider.findUniqueOrThrow({ where: { municipalityId: a.municipality.id } });
    expect(row.clientSecretEncrypted).not.toContain(TEST_CLIENT.secret);
    expect(Buffer.from(row.clientSecretEncrypted, "base64url").toString("latin1")).not.toContain(TEST_CLIENT.secret);
    const page = await coordinatorA.get(settingsPage(a.municipality.slug));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain(TEST_CLIENT.secret);
    expect(html).not.toContain(row.clientSecretEncrypted);
    expect(html).toContain(returnAddress(a.municipality.slug));
    const audit = await getDb().auditEvent.findFirst({ where: { municipalityId: a.municipality.id, event: "oidc.configured" } });
    expect(audit?.actorId).toBe(a.coordinator.id);
  });

  it("refuses bad input in Swedish next to the field, changing nothing", async () => {
    const before = await getDb().oidcProvider.findUniqueOrThrow({ where: { municipalityId: a.municipality.id } });
    const res = await coordinatorA.post(settingsPage(a.municipality.slug), settings({ issuer: "ftp://x", domains: "inte en domän", newMemberRole: "COORDINATOR" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Ange utfärdarens adress som https://");
    expect(html).toContain("Ange 1–20 e-postdomäner");
    expect(html).toContain("Välj Åtgärdsansvarig eller Förtroendevald.");
    const plainHttp = await coordinatorA.post(settingsPage(a.municipality.slug), settings({ issuer: "http://idp.example.se" }));
    expect(plainHttp.status).toBe(400);
    const after = await getDb().oidcProvider.findUniqueOrThrow({ where: { municipalityId: a.municipality.id } });
    expect(after).toEqual(before);
  });

  it("lets password sign-in be switched off only once the provider has worked", async () => {
    const res = await coordinatorA.post(settingsPage(a.municipality.slug), settings({ passwordSignInDisabled: "on" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Inloggning med lösenord kan stängas av först när någon har loggat in via tjänsten.");
  });

  it("is closed to another municipality's coordinator and to a viewer; operators may", async () => {
    const other = new HttpClient();
    await other.signIn(b.coordinator.email, PASSWORD);
    expect((await other.get(settingsPage(a.municipality.slug))).status).toBe(403);
    expect((await other.get(`${settingsPage(a.municipality.slug)}.data`)).status).toBe(403);
    expect((await other.post(settingsPage(a.municipality.slug), settings({ issuer: "https://ond.example.se" }))).status).toBe(403);
    const viewer = new HttpClient();
    await viewer.signIn(a.viewer.email, PASSWORD);
    expect((await viewer.get(settingsPage(a.municipality.slug))).status).toBe(403);
    expect((await viewer.post(settingsPage(a.municipality.slug), settings({ issuer: "https://ond.example.se" }))).status).toBe(403);
    const row = await getDb().oidcProvider.findUniqueOrThrow({ where: { municipalityId: a.municipality.id } });
    expect(row.issuer).toBe(provider.issuer);

    const operator = await createUserWithPassword({ email: `drift-oidc-${Date.now()}@drift.example.se`, name: "Drift", password: PASSWORD, isOperator: true });
    const op = new HttpClient();
    await op.signIn(operator.email, PASSWORD);
    await setUpTwoStep(op);
    const page = await op.get(settingsPage(a.municipality.slug));
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(TEST_CLIENT.secret);
  });
});

describe("sign-in through the municipality's provider", () => {
  it("is offered on the sign-in page for the municipality", async () => {
    const page = await new HttpClient().get(`/logga-in?kommun=${a.municipality.slug}`);
    expect(await page.text()).toContain("Logga in med Testkommunens konto");
    const fromRedirect = await new HttpClient().get(`/logga-in?redirectTo=${encodeURIComponent(`/k/${a.municipality.slug}/plan`)}`);
    expect(await fromRedirect.text()).toContain("Logga in med Testkommunens konto");
  });

  it("signs in a member whose verified address the provider vouches for", async () => {
    const email = person(a.owner.email);
    // completeSignIn records the sign-in once, as for every other way in.
    const succeeded = { event: "sign-in.succeeded", entityId: a.owner.id, reason: "oidc" };
    const before = await getDb().auditEvent.count({ where: succeeded });
    const { jar, location } = await signInThroughProvider(a.municipality.slug, email);
    expect(location).toBe(`/k/${a.municipality.slug}`);
    const home = await jar.fetch(`${baseUrl}${location}`);
    expect(home.status).toBe(200);
    expect(await getDb().auditEvent.count({ where: succeeded })).toBe(before + 1);
    const row = await getDb().oidcProvider.findUniqueOrThrow({ where: { municipalityId: a.municipality.id } });
    expect(row.workedAt).not.toBeNull();
  });

  it("refuses an ID token issued for another client (wrong audience)", async () => {
    const email = person(a.viewer.email);
    provider.control.tamper = "wrong-audience";
    try {
      const { jar, location } = await signInThroughProvider(a.municipality.slug, email);
      expect(await refusal(jar, location)).toContain("det var inte utställt för Kompassplan");
      expect((await jar.fetch(`${baseUrl}/k/${a.municipality.slug}`)).status).toBe(302);
    } finally {
      provider.control.tamper = null;
    }
    const audit = await getDb().auditEvent.findFirst({
      where: { municipalityId: a.municipality.id, event: "sign-in.failed", reason: { contains: "aud" } },
    });
    expect(audit).not.toBeNull();
  });

  it("refuses an ID token of another sign-in (wrong nonce)", async () => {
    const email = person(a.viewer.email);
    provider.control.tamper = "wrong-nonce";
    try {
      const { jar, location } = await signInThroughProvider(a.municipality.slug, email);
      expect(await refusal(jar, location)).toContain("det var inte utställt för Kompassplan");
    } finally {
      provider.control.tamper = null;
    }
    const audit = await getDb().auditEvent.findFirst({
      where: { municipalityId: a.municipality.id, event: "sign-in.failed", reason: { contains: "nonce" } },
    });
    expect(audit).not.toBeNull();
  });

  it("refuses an expired code", async () => {
    const email = person(a.viewer.email);
    provider.control.codeTtlSeconds = 1;
    try {
      const { jar, back } = await throughProvider(a.municipality.slug, email);
      await new Promise((r) => setTimeout(r, 2_500));
      const res = await jar.fetch(back);
      expect(await refusal(jar, res.headers.get("location")!)).toContain("hade gått ut eller redan använts");
    } finally {
      provider.control.codeTtlSeconds = 60;
    }
  });

  it("refuses a code used a second time", async () => {
    const email = person(a.viewer.email);
    const { jar, back } = await throughProvider(a.municipality.slug, email);
    const pending = jar.header(back);
    expect((await jar.fetch(back)).headers.get("location")).toBe(`/k/${a.municipality.slug}`);
    const replay = new CookieJar();
    const res = await replay.fetch(back, { headers: { Cookie: pending } });
    expect(await refusal(replay, res.headers.get("location")!)).toContain("hade gått ut eller redan använts");
  });

  it("refuses an answer whose state is not the one this browser started", async () => {
    const email = person(a.viewer.email);
    const { jar, back } = await throughProvider(a.municipality.slug, email);
    const forged = new URL(back);
    forged.searchParams.set("state", "en-annan-state");
    const res = await jar.fetch(forged.href);
    expect(await refusal(jar, res.headers.get("location")!)).toContain("påbörjades inte här");
    // Without the cookie at all (another browser).
    const stranger = new CookieJar();
    const res2 = await stranger.fetch(back);
    expect(await refusal(stranger, res2.headers.get("location")!)).toContain("påbörjades inte här");
  });

  it("says so when the provider ends the sign-in with an error (the person is unknown there)", async () => {
    const { jar, back } = await throughProvider(a.municipality.slug, "okand@test.kompassplan.se");
    expect(new URL(back).searchParams.get("error")).toBe("access_denied");
    const res = await jar.fetch(back);
    expect(await refusal(jar, res.headers.get("location")!)).toContain("avbröt inloggningen");
  });

  it("refuses an address the provider has not verified", async () => {
    const email = person(a.viewer.email, false);
    const { jar, location } = await signInThroughProvider(a.municipality.slug, email);
    expect(await refusal(jar, location)).toContain("inte bekräftat din e-postadress");
  });

  it("signs in as Entra ID does it: no email_verified, the domain owner verified (xms_edov); refused without either", async () => {
    const entra = entraPerson(a.viewer.email, true);
    const signedIn = await signInThroughProvider(a.municipality.slug, entra);
    expect(signedIn.location).toBe(`/k/${a.municipality.slug}`);
    const bare = entraPerson(a.viewer.email);
    const { jar, location } = await signInThroughProvider(a.municipality.slug, bare);
    expect(await refusal(jar, location)).toContain("inte bekräftat din e-postadress");
  });

  it("refuses an address in a domain the provider does not vouch for", async () => {
    const email = person(`nagon-${Date.now()}@annan-doman.example.se`);
    const { jar, location } = await signInThroughProvider(a.municipality.slug, email);
    expect(await refusal(jar, location)).toContain("hör inte till någon av de domäner");
    const audit = await getDb().auditEvent.findFirst({
      where: { municipalityId: a.municipality.id, event: "sign-in.failed", reason: { contains: "not-vouched" } },
    });
    expect(audit).not.toBeNull();
  });

  it("never signs in another municipality's member, nor gives them a membership, through this provider", async () => {
    const email = person(b.viewer.email);
    const { jar, location } = await signInThroughProvider(a.municipality.slug, email);
    expect(await refusal(jar, location)).toContain("Du har inget konto i kommunen");
    expect(await getDb().membership.count({ where: { userId: b.viewer.id } })).toBe(1);
  });

  it("says so in Swedish when the provider is down", async () => {
    const c = await createTenant("oidc-c");
    const coordinatorC = new HttpClient();
    await coordinatorC.signIn(c.coordinator.email, PASSWORD);
    const nobody = `http://127.0.0.1:${await freePort()}`;
    expect((await coordinatorC.post(settingsPage(c.municipality.slug), settings({ issuer: nobody }))).status).toBe(200);
    const jar = new CookieJar();
    const start = await jar.fetch(`${baseUrl}/logga-in/oidc/${c.municipality.slug}`, { method: "POST", body: new URLSearchParams({ redirectTo: "" }) });
    expect(start.status).toBe(302);
    expect(await refusal(jar, start.headers.get("location")!)).toContain("svarar inte just nu");
  });

  it("lets unknown people from the vouched domains in with the chosen role when the municipality wants that, and never operators", async () => {
    expect((await coordinatorA.post(settingsPage(a.municipality.slug), settings({ clientSecret: "", createMembers: "on", newMemberRole: "OWNER" }))).status).toBe(200);
    const newcomer = person(`ny-${Date.now()}@${DOMAIN}`, true, "Nora Nykomling");
    const { location } = await signInThroughProvider(a.municipality.slug, newcomer);
    expect(location).toBe(`/k/${a.municipality.slug}`);
    const user = await getDb().user.findUniqueOrThrow({ where: { email: newcomer }, include: { memberships: true } });
    expect(user.name).toBe("Nora Nykomling");
    expect(user.passwordHash).toBeNull();
    expect(user.memberships.map((m) => [m.municipalityId, m.role])).toEqual([[a.municipality.id, "OWNER"]]);

    // A member of B only gets access to A (A's choice), and nothing changes in B.
    const fromB = person(b.owner.email);
    expect((await signInThroughProvider(a.municipality.slug, fromB)).location).toBe("/kommuner");
    const memberships = await getDb().membership.findMany({ where: { userId: b.owner.id }, orderBy: { municipalityId: "asc" } });
    expect(memberships.map((m) => m.municipalityId).sort()).toEqual([a.municipality.id, b.municipality.id].sort());
    expect(memberships.find((m) => m.municipalityId === b.municipality.id)?.role).toBe("OWNER");

    const operator = await createUserWithPassword({ email: `drift-${Date.now()}@${DOMAIN}`, name: "Drift", password: PASSWORD, isOperator: true });
    const { jar, location: refused } = await signInThroughProvider(a.municipality.slug, person(operator.email));
    expect(await refusal(jar, refused)).toContain("Driftansvariga loggar in med lösenord");
    expect(await getDb().membership.count({ where: { userId: operator.id } })).toBe(0);
  });

  it("switches password sign-in off for those whose every municipality did so, once the provider has worked", async () => {
    const res = await coordinatorA.post(settingsPage(a.municipality.slug), settings({ clientSecret: "", passwordSignInDisabled: "on" }));
    expect(res.status).toBe(200);
    const viewer = new HttpClient();
    const attempt = await viewer.signIn(a.viewer.email, PASSWORD);
    expect(attempt.status).toBe(302);
    const location = attempt.headers.get("location")!;
    expect(location).toBe(`/logga-in?kommun=${a.municipality.slug}&fel=password-off`);
    expect(await getDb().auditEvent.count({ where: { entityId: a.viewer.id, event: "sign-in.failed", reason: "password-off" } })).toBe(1);
    const page = await viewer.get(location);
    const html = await page.text();
    expect(html).toContain("Din kommun har stängt av inloggning med lösenord.");
    expect(html).toContain("Logga in med Testkommunens konto");
    expect((await viewer.get(`/k/${a.municipality.slug}`)).status).toBe(302);
    // Someone who also belongs to a municipality with password sign-in on keeps it.
    const both = new HttpClient();
    expect((await both.signIn(b.owner.email, PASSWORD)).headers.get("location")).toBe("/kommuner");
    // Changing the provider makes it untried again: password sign-in is on again.
    const changed = await coordinatorA.post(settingsPage(a.municipality.slug), settings({ clientId: "en-ny-klient", passwordSignInDisabled: "" }));
    expect(await changed.text()).toContain("inloggning med lösenord är påslagen igen");
    expect((await new HttpClient().signIn(a.viewer.email, PASSWORD)).headers.get("location")).toBe(`/k/${a.municipality.slug}`);
  });
});
