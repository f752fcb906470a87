import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESETS_PER_ADDRESS, RESETS_PER_IP } from "~/domain/password-reset.ts";
import { createMunicipality } from "~/models/municipality.server.ts";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { paths } from "~/paths.ts";
import { HttpClient } from "../helpers/http.ts";
import { expectNothingMoreWithin, waitFor } from "../helpers/wait.ts";

/**
 * Mitt konto (name, password, own sessions) and forgotten passwords, over HTTP against the real
 * web server and PostgreSQL.
 */

const PASSWORD = "Gammalt-lösen-123";
const NEW_PASSWORD = "Nytt-lösenord-456";
const unique = () => randomBytes(4).toString("hex");
/** A client address of its own per test, so the per-address limits of one test do not touch another. */
const fromIp = () => ({ "X-Forwarded-For": `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
const resetLinkIn = (text: string) => text.match(/\/aterstall-losenord\/[A-Za-z0-9_-]{43}/)?.[0] ?? null;
/** The page's answer: its status notice or error, without the form around it. */
// The page's answer: a notice, or (a refusal, issue #14 item 7) the form's own error in the error summary at the form's top.
const answerOf = (html: string) =>
  html.match(/<p class="notice (?:success|error)" role="(?:status|alert)">([\s\S]*?)<\/p>/)?.[1] ??
  html.match(/<div class="error-summary notice error" role="alert"[^>]*><h2[^>]*>[^<]*<\/h2><p>([\s\S]*?)<\/p>/)?.[1] ??
  null;

let municipality: { id: string; slug: string };
const emails: string[] = [];

async function person(label: string) {
  const email = `${label}-${unique()}@test.kompassplan.se`;
  emails.push(email);
  const user = await createUserWithPassword({ email, name: `Person ${label}`, password: PASSWORD });
  await addMembership(municipality.id, user.id, "OWNER");
  return user;
}

async function signedIn(email: string, password = PASSWORD) {
  const client = new HttpClient();
  const res = await client.post("/logga-in", { email, password }, fromIp());
  expect(res.status).toBe(302);
  return client;
}

const resetMails = (recipient: string) =>
  getDb().mailMessage.findMany({ where: { recipient, kind: "password-reset" }, orderBy: { createdAt: "asc" } });
/** The link is mailed just after the answer: waits until `count` mails to the address are stored. */
const resetMailsWhen = (recipient: string, count: number) =>
  waitFor(async () => {
    const mails = await resetMails(recipient);
    return mails.length >= count ? mails : null;
  }, 10_000);

async function requestReset(email: string, headers: Record<string, string> = fromIp()) {
  return new HttpClient().post("/glomt-losenord", { email }, headers);
}

async function mailedLink(email: string) {
  const before = (await resetMails(email)).length;
  expect((await requestReset(email)).status).toBe(200);
  const mails = await resetMailsWhen(email, before + 1);
  const link = resetLinkIn(mails.at(-1)!.text);
  expect(link).not.toBeNull();
  return link!;
}

beforeAll(async () => {
  const suffix = unique();
  municipality = await createMunicipality(`konto-${suffix}`, `Kontokommun ${suffix}`);
});

// Mail of this file is left behind closed: a worker started by a later test must not send it.
afterAll(async () => {
  await getDb().mailMessage.updateMany({ where: { recipient: { in: emails }, status: "PENDING" }, data: { status: "CANCELLED" } });
});

describe("forgotten password: asking for a link", () => {
  it("is linked from the sign-in page", async () => {
    const html = await (await new HttpClient().get("/logga-in")).text();
    expect(html).toContain('href="/glomt-losenord"');
    expect(html).toContain("Glömt lösenordet?");
  });

  it("answers the same for an unknown address as for an account, and mails only the account's own address", async () => {
    const user = await person("finns");
    const unknown = `finns-inte-${unique()}@test.kompassplan.se`;
    emails.push(unknown);
    const known = await requestReset(user.email.toUpperCase());
    const missing = await requestReset(unknown);
    expect(known.status).toBe(200);
    expect(missing.status).toBe(200);
    const [knownAnswer, missingAnswer] = [answerOf(await known.text()), answerOf(await missing.text())];
    expect(knownAnswer).toContain("Om adressen hör till ett konto");
    expect(missingAnswer).toBe(knownAnswer);

    const mails = await resetMailsWhen(user.email, 1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.municipalityId).toBeNull();
    expect(mails[0]!.subject).toBe("Välj ett nytt lösenord till Kompassplan");
    expect(mails[0]!.text).toContain("60 minuter");
    expect(await getDb().mailMessage.count({ where: { recipient: unknown } })).toBe(0);
    // Only the token's hash is stored.
    const token = resetLinkIn(mails[0]!.text)!.split("/").at(-1)!;
    const stored = await getDb().passwordReset.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses bad input in Swedish next to the field, not a 500", async () => {
    const res = await new HttpClient().post("/glomt-losenord", { email: "inte-en-adress" }, fromIp());
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Ange en giltig e-postadress.");
    const long = await new HttpClient().post("/glomt-losenord", { email: `${"a".repeat(5000)}@example.se` }, fromIp());
    expect(long.status).toBe(400);
    const missing = await new HttpClient().post("/glomt-losenord", {}, fromIp());
    expect(missing.status).toBe(400);
  });

  it("throttles requests per address, the same for an unknown address as for an account", async () => {
    const user = await person("strypt");
    const unknown = `strypt-okand-${unique()}@test.kompassplan.se`;
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < RESETS_PER_ADDRESS; i++) expect((await requestReset(email)).status).toBe(200);
      // From yet another client address: the limit is the e-mail address's.
      const refused = await requestReset(email);
      expect(refused.status).toBe(429);
      expect(answerOf(await refused.text())).toMatch(/För många förfrågningar\. Försök igen om \d+ minuter/);
    }
    expect(await resetMailsWhen(user.email, RESETS_PER_ADDRESS)).toHaveLength(RESETS_PER_ADDRESS);
    await expectNothingMoreWithin(500, async () => expect(await resetMails(user.email)).toHaveLength(RESETS_PER_ADDRESS));
  });

  it("throttles requests per client address across e-mail addresses", async () => {
    const ip = fromIp();
    for (let i = 0; i < RESETS_PER_IP; i++) {
      expect((await requestReset(`ip-${i}-${unique()}@test.kompassplan.se`, ip)).status).toBe(200);
    }
    const user = await person("samma-ip");
    expect((await requestReset(user.email, ip)).status).toBe(429);
    // Another client is not held up: its request is the only one mailed.
    expect((await requestReset(user.email)).status).toBe(200);
    expect(await resetMailsWhen(user.email, 1)).toHaveLength(1);
    await expectNothingMoreWithin(500, async () => expect(await resetMails(user.email)).toHaveLength(1));
  });
});

describe("forgotten password: whose accounts", () => {
  it("lets an operator reset their own password through their own mailbox, landing on two-step set-up before the municipality list", async () => {
    const email = `drift-${unique()}@test.kompassplan.se`;
    emails.push(email);
    await createUserWithPassword({ email, name: "Drift Person", password: PASSWORD, isOperator: true });
    const link = await mailedLink(email);
    const done = await new HttpClient().post(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(302);
    // Operators must use two-step sign-in: one without it sets it up first, then goes on to the list.
    expect(done.headers.get("location")).toBe(paths.twoStepSetup("/kommuner"));
  });

  it("mails nothing for an invited account that has no password yet (its invitation link sets one)", async () => {
    const email = `inbjuden-${unique()}@test.kompassplan.se`;
    emails.push(email);
    const user = await getDb().user.create({ data: { email, name: "Inbjuden Person" } });
    await addMembership(municipality.id, user.id, "OWNER");
    const res = await requestReset(email);
    expect(res.status).toBe(200);
    expect(answerOf(await res.text())).toContain("Om adressen hör till ett konto");
    await expectNothingMoreWithin(500, async () => expect(await resetMails(email)).toHaveLength(0));
    expect(await getDb().passwordReset.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("forgotten password: using the link", () => {
  it("sets the new password once, ends every other session and signs the person in", async () => {
    const user = await person("aterstall");
    const elsewhere = await signedIn(user.email);
    expect((await elsewhere.get("/konto")).status).toBe(200);
    const link = await mailedLink(user.email);

    // Opening the link uses nothing (mail scanners open links).
    const opened = await new HttpClient().get(link);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain(user.email);
    expect((await new HttpClient().get(link)).status).toBe(200);

    const browser = new HttpClient();
    const done = await browser.post(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/k/${municipality.slug}`);
    expect((await browser.get("/konto")).status).toBe(200);

    // The other session has ended; only the new one is left.
    const other = await elsewhere.get("/konto");
    expect(other.status).toBe(302);
    expect(other.headers.get("location")).toMatch(/^\/logga-in/);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);

    // The new password works, the old does not.
    expect((await new HttpClient().post("/logga-in", { email: user.email, password: PASSWORD }, fromIp())).status).toBe(401);
    await signedIn(user.email, NEW_PASSWORD);

    // Used once: a second use is refused with a clear page and a way on, and changes nothing.
    const again = await new HttpClient().post(link, { password: "Tredje-lösenordet-789", confirm: "Tredje-lösenordet-789" });
    expect(again.status).toBe(410);
    const html = await again.text();
    expect(html).toContain("Länken har redan använts");
    expect(html).toContain('href="/glomt-losenord"');
    const reopened = await new HttpClient().get(link);
    expect(reopened.status).toBe(410);
    expect(await reopened.text()).toContain("Länken har redan använts");
    await signedIn(user.email, NEW_PASSWORD);

    const audit = await getDb().auditEvent.findMany({ where: { entityType: "User", entityId: user.id, event: "password.reset" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(user.id);
  });

  it("closes the person's other open reset links when one is used", async () => {
    const user = await person("flera-lankar");
    const first = await mailedLink(user.email);
    const second = await mailedLink(user.email);
    expect(first).not.toBe(second);
    expect((await new HttpClient().post(second, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(302);
    expect((await new HttpClient().get(first)).status).toBe(410);
  });

  it("of two uses at the same moment, exactly one sets the password", async () => {
    const user = await person("samtidigt");
    const link = await mailedLink(user.email);
    const passwords = ["Första-samtidiga-1", "Andra-samtidiga-22", "Tredje-samtidiga-333"];
    const results = await Promise.all(passwords.map((p) => new HttpClient().post(link, { password: p, confirm: p })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(passwords.length - 1);
    expect(await getDb().auditEvent.count({ where: { entityId: user.id, event: "password.reset" } })).toBe(1);
  });

  it("refuses an expired link with a clear page, and changes nothing", async () => {
    const user = await person("utgangen");
    const link = await mailedLink(user.email);
    await getDb().passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const opened = await new HttpClient().get(link);
    expect(opened.status).toBe(410);
    expect(await opened.text()).toContain("Länken har gått ut");
    const posted = await new HttpClient().post(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(posted.status).toBe(410);
    const html = await posted.text();
    expect(html).toContain("Länken har gått ut");
    expect(html).toContain('href="/glomt-losenord"');
    await signedIn(user.email, PASSWORD);
  });

  it("answers an unknown or malformed link with a Swedish page, never a 500", async () => {
    for (const token of [randomBytes(32).toString("base64url"), "kort", "x".repeat(3000), "..%2f..%2fetc", "%C3%A5%C3%A4"]) {
      const res = await new HttpClient().get(`/aterstall-losenord/${token}`);
      expect(res.status, token).toBe(410);
      expect(await res.text()).toContain("Länken är ogiltig");
      const post = await new HttpClient().post(`/aterstall-losenord/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      expect(post.status, token).toBe(410);
    }
    // An address that cannot be decoded is refused by the server before the route, still not a 500.
    expect((await new HttpClient().get("/aterstall-losenord/%00%ff")).status).toBe(400);
  });

  it("refuses a too short or mismatched password next to the field, and the link stays usable", async () => {
    const user = await person("kort");
    const link = await mailedLink(user.email);
    const short = await new HttpClient().post(link, { password: "kort", confirm: "kort" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Lösenordet måste vara minst 10 tecken.");
    const mismatch = await new HttpClient().post(link, { password: NEW_PASSWORD, confirm: "något annat" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("Lösenorden är inte lika.");
    const tooLong = await new HttpClient().post(link, { password: "x".repeat(201), confirm: "x".repeat(201) });
    expect(tooLong.status).toBe(400);
    expect((await new HttpClient().post(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(302);
  });
});

describe("Mitt konto", () => {
  it("is for signed-in people only, and reachable from the site header", async () => {
    const res = await new HttpClient().get("/konto");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/logga-in?redirectTo=%2Fkonto");
    const user = await person("huvud");
    const client = await signedIn(user.email);
    const home = await (await client.get(`/k/${municipality.slug}`)).text();
    expect(home).toContain('href="/konto"');
    expect(home).toContain("Mitt konto");
    // From Mitt konto: two-step sign-in and the person's own data.
    const account = await (await client.get("/konto")).text();
    expect(account).toContain("Tvåstegsinloggning är av.");
    expect(account).toContain('href="/konto/tvastegsinloggning"');
    expect(account).toContain('href="/konto/mina-uppgifter.json"');
  });

  it("changes the person's own name, and refuses an empty one in Swedish", async () => {
    const user = await person("namn");
    const client = await signedIn(user.email);
    const bad = await client.post("/konto", { intent: "name", name: "   " });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Ange ditt namn (högst 200 tecken).");
    const ok = await client.post("/konto", { intent: "name", name: "  Nytt Namn  " });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/konto?sparad=1");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Nytt Namn");
    expect(await (await client.get("/konto?sparad=1")).text()).toContain("Namnet är sparat.");
  });

  it("refuses a wrong current password and keeps the old one", async () => {
    const user = await person("fel-nuvarande");
    const client = await signedIn(user.email);
    const res = await client.post("/konto", { intent: "password", current: "inte-rätt-lösen", password: NEW_PASSWORD, confirm: NEW_PASSWORD }, fromIp());
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Det nuvarande lösenordet stämmer inte.");
    expect(html).toMatch(/id="field-current-error"/);
    await signedIn(user.email, PASSWORD);
    expect(await getDb().auditEvent.count({ where: { entityId: user.id, event: "password.changed" } })).toBe(0);
    const short = await client.post("/konto", { intent: "password", current: PASSWORD, password: "kort", confirm: "kort" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Lösenordet måste vara minst 10 tecken.");
  });

  it("changes the password with the current one, keeps this session and ends the others", async () => {
    const user = await person("byt");
    const client = await signedIn(user.email);
    const other = await signedIn(user.email);
    const res = await client.post("/konto", { intent: "password", current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Lösenordet är bytt.");
    expect((await client.get("/konto")).status).toBe(200);
    expect((await other.get("/konto")).status).toBe(302);
    await signedIn(user.email, NEW_PASSWORD);
    const audit = await getDb().auditEvent.findMany({ where: { entityId: user.id, event: "password.changed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!).toMatchObject({ entityType: "User", actorId: user.id, municipalityId: null });
  });

  it("lists the person's own sessions, told apart by device and time, and ends one of them", async () => {
    const user = await person("sessioner");
    const client = await signedIn(user.email);
    const firefox = new HttpClient();
    const ua = { "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0" };
    await firefox.post("/logga-in", { email: user.email, password: PASSWORD }, { ...fromIp(), ...ua });
    expect((await firefox.request("/konto", { headers: ua })).status).toBe(200);

    const html = await (await client.get("/konto")).text();
    expect(html).toContain("Firefox · Windows");
    expect(html).toContain("Den här inloggningen");
    const sessions = await getDb().session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(2);
    for (const s of sessions) expect(html).toContain(`value="${s.id}"`);
    const firefoxSession = sessions.find((s) => s.device === "Firefox · Windows")!;
    expect(firefoxSession.lastSeenAt).not.toBeNull();

    const ended = await client.post("/konto", { intent: "end-session", session: firefoxSession.id });
    expect(ended.status).toBe(302);
    expect(ended.headers.get("location")).toBe("/konto?borttagen=1");
    expect((await firefox.get("/konto")).status).toBe(302);
    expect((await client.get("/konto")).status).toBe(200);
  });

  it("never shows or ends another person's session", async () => {
    const alice = await person("alice");
    const bob = await person("bob");
    const asAlice = await signedIn(alice.email);
    const asBob = await signedIn(bob.email);
    const bobSession = await getDb().session.findFirstOrThrow({ where: { userId: bob.id } });
    expect(await (await asAlice.get("/konto")).text()).not.toContain(bobSession.id);

    const res = await asAlice.post("/konto", { intent: "end-session", session: bobSession.id });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Inloggningen finns inte längre.");
    expect(await getDb().session.count({ where: { id: bobSession.id } })).toBe(1);
    expect((await asBob.get("/konto")).status).toBe(200);
    // A malformed key is refused the same way, not with a 500.
    expect((await asAlice.post("/konto", { intent: "end-session", session: "'; DROP TABLE" })).status).toBe(404);
    expect((await asAlice.post("/konto", { intent: "okänd" })).status).toBe(400);
  });

  it("signs out everywhere, this session included", async () => {
    const user = await person("overallt");
    const client = await signedIn(user.email);
    const other = await signedIn(user.email);
    const res = await client.post("/konto", { intent: "end-all" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/logga-in?utloggad=1");
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    expect((await client.get("/konto")).status).toBe(302);
    expect((await other.get("/konto")).status).toBe(302);
  });

  it("refuses a post from another site", async () => {
    const user = await person("csrf");
    const client = await signedIn(user.email);
    const res = await client.post("/konto", { intent: "end-all" }, { Origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
  });
});
