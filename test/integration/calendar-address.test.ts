import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addMembership } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { encryptSecret, tryDecryptSecret } from "~/platform/secret-box.server.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { SERVER_DATA_ENCRYPTION_KEY } from "../helpers/global-server.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * The calendar feed's address can be shown again without renewing it (issue #14 item 9, ADR 0045):
 * the secret is kept sealed with DATA_ENCRYPTION_KEY beside its hash. Only its owner ever sees it;
 * an address made before the sealed copy was kept is explained and can be renewed; erasure clears both.
 */
let home: Tenant;
let other: Tenant;
const page = (tenant: Tenant) => `/k/${tenant.municipality.slug}/mina-atgarder`;
const ADDRESS = /value="(http[^"]+\/kalender\/[A-Za-z0-9_-]+\.ics)"/;
const HIDDEN = "Din nuvarande kalenderadress går inte att visa här.";
const hash = (token: string) => createHash("sha256").update(token).digest("hex");
/** The web server's key: what it seals, the test can open, and the other way round. */
const key = Buffer.from(SERVER_DATA_ENCRYPTION_KEY, "hex");
const tokenOf = (address: string) => new URL(address).pathname.slice("/kalender/".length, -".ics".length);

/** The address shown on the page, or null; at most one is ever shown. */
function shownAddress(html: string): string | null {
  expect(html.match(new RegExp(ADDRESS.source, "g"))?.length ?? 0).toBeLessThanOrEqual(1);
  return html.match(ADDRESS)?.[1] ?? null;
}

async function feed(address: string) {
  return new HttpClient().get(new URL(address).pathname);
}

beforeAll(async () => {
  [home, other] = await Promise.all([createTenant("kalenderadress"), createTenant("kalenderadress-annan")]);
});

describe("the calendar address on Mina åtgärder", () => {
  it("is shown again on every visit, in every municipality of the user, and keeps working", async () => {
    await createTestAction(home, home.owner.id, "2027-03-15", "Åtgärd i kalendern");
    const owner = await signedInClient(home.owner.email);
    const before = await (await owner.get(page(home))).text();
    expect(shownAddress(before)).toBeNull();
    expect(before).not.toContain(HIDDEN);
    expect(before).toContain("Skapa kalenderadress");

    const created = await owner.post(page(home), { intent: "calendar" });
    expect(created.status).toBe(200);
    const createdHtml = await created.text();
    expect(createdHtml).toContain("Din kalenderadress är skapad.");
    const address = shownAddress(createdHtml)!;
    expect(address).toBeTruthy();

    // Seen again, without renewing: the same address, read-only, with its label.
    const again = await (await owner.get(page(home))).text();
    expect(shownAddress(again)).toBe(address);
    expect(again).toMatch(/<label for="calendar-url">Kalenderadress<\/label>/);
    expect(again).toMatch(/<input[^>]*id="calendar-url"[^>]*readOnly/i);
    expect(again).toContain("Byt kalenderadress");
    expect(again).not.toContain(HIDDEN);

    // The address is personal, not the municipality's: the same one shows where else the user is a member.
    await addMembership(other.municipality.id, home.owner.id, "OWNER");
    expect(shownAddress(await (await owner.get(page(other))).text())).toBe(address);

    const res = await feed(address);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    expect(await res.text()).toContain("SUMMARY:Slutdatum: Åtgärd i kalendern");

    // At rest the secret is only hashed and sealed with the server's key, never in plain text.
    const token = tokenOf(address);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: home.owner.id }, select: { calendarToken: true, calendarTokenSealed: true } });
    expect(row.calendarToken).toBe(hash(token));
    expect(row.calendarTokenSealed).toMatch(/^v1\./);
    expect(row.calendarTokenSealed).not.toContain(token);
    expect(tryDecryptSecret(row.calendarTokenSealed!, key)).toBe(token);
  });

  it("is never shown to anyone else, not even the coordinator of the same municipality", async () => {
    const viewer = await signedInClient(home.viewer.email);
    const token = tokenOf(shownAddress(await (await viewer.post(page(home), { intent: "calendar" })).text())!);
    const coordinator = await signedInClient(home.coordinator.email);
    const seen = [
      await (await coordinator.get(page(home))).text(),
      await (await coordinator.get(`/k/${home.municipality.slug}/anvandare`)).text(),
      await (await coordinator.get(`/k/${home.municipality.slug}/anvandare/${home.viewer.id}/uppgifter.json`)).text(),
    ];
    for (const html of seen) expect(html).not.toContain(token);
    expect(shownAddress(seen[0]!)).toBeNull();
    // The coordinator's own address is their own.
    const own = shownAddress(await (await coordinator.post(page(home), { intent: "calendar" })).text())!;
    expect(own).not.toContain(token);
    expect(shownAddress(await (await coordinator.get(page(home))).text())).toBe(own);
    // And the viewer's own page shows the viewer's.
    expect(shownAddress(await (await viewer.get(page(home))).text())).toContain(`/kalender/${token}.ics`);
    // The user's own data download says that a feed exists, never its address.
    const download = await (await viewer.get("/konto/mina-uppgifter.json")).text();
    expect(download).not.toContain(token);
    expect(download).not.toMatch(/calendarTokenSealed|v1\.[A-Za-z0-9_-]+\./);
  });

  it("renewing asks first, ends the old address and shows the new one from then on", async () => {
    const tenant = await createTenant("kalenderadress-byt");
    await createTestAction(tenant, tenant.owner.id, "2027-04-01", "Byt adress-åtgärd");
    const owner = await signedInClient(tenant.owner.email);
    const first = shownAddress(await (await owner.post(page(tenant), { intent: "calendar" })).text())!;

    const asked = await owner.post(page(tenant), { intent: "calendar" });
    expect(asked.status).toBe(200);
    const askedHtml = await asked.text();
    expect(askedHtml).toContain("Byta kalenderadress?");
    expect(askedHtml).toContain("Den gamla adressen slutar fungera i alla kalendrar som använder den.");
    expect(shownAddress(await (await owner.get(page(tenant))).text())).toBe(first);
    expect((await feed(first)).status).toBe(200);

    const renewed = await owner.post(page(tenant), { intent: "calendar", confirmed: "yes" });
    expect(renewed.status).toBe(200);
    const renewedHtml = await renewed.text();
    expect(renewedHtml).toContain("Du har fått en ny kalenderadress. Den gamla slutar fungera.");
    const next = shownAddress(renewedHtml)!;
    expect(next).toBeTruthy();
    expect(next).not.toBe(first);

    const old = await feed(first);
    expect(old.status).toBe(404);
    expect(await old.text()).toBe("Kalenderadressen är ogiltig eller har bytts ut.");
    const now = await feed(next);
    expect(now.status).toBe(200);
    expect(await now.text()).toContain("SUMMARY:Slutdatum: Byt adress-åtgärd");
    expect(shownAddress(await (await owner.get(page(tenant))).text())).toBe(next);
  });
});

describe("an address that cannot be shown again", () => {
  it("made before the sealed copy was kept: explained, still working, and renewable through the confirmation", async () => {
    const tenant = await createTenant("kalenderadress-gammal");
    const legacy = randomBytes(24).toString("base64url");
    await getDb().user.update({ where: { id: tenant.owner.id }, data: { calendarToken: hash(legacy), calendarTokenSealed: null } });
    const owner = await signedInClient(tenant.owner.email);

    const html = await (await owner.get(page(tenant))).text();
    expect(html).toContain(HIDDEN);
    expect(html).toContain("Adressen fungerar fortfarande i de kalendrar där du redan har lagt in den.");
    expect(html).toContain("Byt kalenderadress");
    expect(shownAddress(html)).toBeNull();
    expect((await new HttpClient().get(`/kalender/${legacy}.ics`)).status).toBe(200);

    // Renewing still asks first: the old address is in use somewhere.
    const asked = await owner.post(page(tenant), { intent: "calendar" });
    expect(await asked.text()).toContain("Byta kalenderadress?");
    expect((await new HttpClient().get(`/kalender/${legacy}.ics`)).status).toBe(200);

    const next = shownAddress(await (await owner.post(page(tenant), { intent: "calendar", confirmed: "yes" })).text())!;
    expect(next).toBeTruthy();
    expect((await new HttpClient().get(`/kalender/${legacy}.ics`)).status).toBe(404);
    const after = await (await owner.get(page(tenant))).text();
    expect(shownAddress(after)).toBe(next);
    expect(after).not.toContain(HIDDEN);
  });

  it("sealed under another key (DATA_ENCRYPTION_KEY changed) or not matching the hash: explained, never a wrong address", async () => {
    const tenant = await createTenant("kalenderadress-nyckel");
    const owner = await signedInClient(tenant.owner.email);
    const token = randomBytes(24).toString("base64url");
    await getDb().user.update({
      where: { id: tenant.owner.id },
      data: { calendarToken: hash(token), calendarTokenSealed: encryptSecret(token, randomBytes(32)) },
    });
    const otherKey = await (await owner.get(page(tenant))).text();
    expect(otherKey).toContain(HIDDEN);
    expect(shownAddress(otherKey)).toBeNull();

    // The same secret sealed with the server's key is shown: the key alone made the difference above.
    await getDb().user.update({ where: { id: tenant.owner.id }, data: { calendarTokenSealed: encryptSecret(token, key) } });
    expect(shownAddress(await (await owner.get(page(tenant))).text())).toContain(`/kalender/${token}.ics`);

    // A sealed copy of some other secret (e.g. a half-finished change) is not shown: it would not work.
    await getDb().user.update({ where: { id: tenant.owner.id }, data: { calendarTokenSealed: encryptSecret(randomBytes(24).toString("base64url"), key) } });
    const mismatched = await (await owner.get(page(tenant))).text();
    expect(mismatched).toContain(HIDDEN);
    expect(shownAddress(mismatched)).toBeNull();
    expect((await new HttpClient().get(`/kalender/${token}.ics`)).status).toBe(200);
  });
});

describe("erasing the person", () => {
  it("clears the hash and the sealed copy, and the address stops working", async () => {
    const tenant = await createTenant("kalenderadress-radera");
    const viewer = await signedInClient(tenant.viewer.email);
    const address = shownAddress(await (await viewer.post(page(tenant), { intent: "calendar" })).text())!;
    expect((await feed(address)).status).toBe(200);
    const before = await getDb().user.findUniqueOrThrow({ where: { id: tenant.viewer.id }, select: { calendarToken: true, calendarTokenSealed: true } });
    expect(before.calendarToken).not.toBeNull();
    expect(before.calendarTokenSealed).not.toBeNull();

    const coordinator = await signedInClient(tenant.coordinator.email);
    const erase = `/k/${tenant.municipality.slug}/anvandare/${tenant.viewer.id}/radera`;
    expect((await coordinator.post(erase, { confirm: "ja" })).status).toBe(302);

    const after = await getDb().user.findUniqueOrThrow({ where: { id: tenant.viewer.id }, select: { calendarToken: true, calendarTokenSealed: true } });
    expect(after).toEqual({ calendarToken: null, calendarTokenSealed: null });
    expect((await feed(address)).status).toBe(404);
  });
});
