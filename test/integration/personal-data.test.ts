import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addEvidence, addNote, changeStatus, getActionSummary, updateAction } from "~/models/action.server.ts";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { dbState } from "../helpers/db-state.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";

/**
 * The register extract (GDPR art. 15) and erasure by pseudonymisation (art. 17) over HTTP:
 * who may ask, what each one gets (a coordinator only their municipality's part of a shared
 * account), and that an erasure keeps the plan's history consistent while a refused one
 * changes nothing.
 */
let a: Tenant;
let b: Tenant;
let shared: { id: string; email: string; name: string };
let operator: { id: string; email: string; name: string };
const titles = { a: "Åtgärd i A för delad person", b: "Åtgärd i B som A inte får se" };

/** The operator, signed in once with two-step sign-in set up (operators must use it). */
let operatorClient: HttpClient | undefined;
async function signedInOperator(): Promise<HttpClient> {
  if (!operatorClient) {
    operatorClient = await signedInClient(operator.email);
    await setUpTwoStep(operatorClient);
  }
  return operatorClient;
}

async function storeMail(municipalityId: string, recipient: string, subject: string, text: string) {
  await getDb().mailMessage.create({
    data: { identity: `test-${randomUUID()}`, municipalityId, recipient, subject, text, html: `<p>${text}</p>`, status: "KEPT", kind: "test" },
  });
}

async function json(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return JSON.parse(await res.text()) as Record<string, Array<Record<string, unknown>>> & { account: Record<string, unknown> };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("gdpr-a"), createTenant("gdpr-b")]);
  const suffix = a.municipality.slug;
  shared = await createUserWithPassword({ email: `delad-${suffix}@test.kompassplan.se`, name: `Delad Person ${suffix}`, password: PASSWORD });
  await addMembership(a.municipality.id, shared.id, "OWNER");
  await addMembership(b.municipality.id, shared.id, "OWNER");
  operator = await createUserWithPassword({ email: `drift-${suffix}@test.kompassplan.se`, name: "Drift Test", password: PASSWORD, isOperator: true });
  const inA = await createTestAction(a, shared.id, "2027-05-01", titles.a);
  const inB = await createTestAction(b, shared.id, "2027-05-01", titles.b);
  await addNote(a.municipality.id, inA.id, "Anteckning i A", shared.id);
  await addNote(b.municipality.id, inB.id, "Anteckning i B", shared.id);
  await addEvidence(a.municipality.id, inA.id, { kind: "LINK", title: "Underlag A", url: "https://a.example/", evidenceDate: "2026-11-01" }, shared.id);
  await addEvidence(b.municipality.id, inB.id, { kind: "LINK", title: "Underlag B", url: "https://b.example/", evidenceDate: "2026-11-01" }, shared.id);
  await storeMail(a.municipality.id, shared.email, "Påminnelse från A", "Text från A");
  await storeMail(b.municipality.id, shared.email, "Påminnelse från B", "Text från B");
});

describe("personal data export (GDPR art. 15)", () => {
  it("gives the person everything about them as a download, without secrets", async () => {
    const http = await signedInClient(shared.email);
    const res = await http.get("/konto/mina-uppgifter.json");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="personuppgifter-delad-person-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json"/);
    const text = await res.clone().text();
    const body = await json(res);
    expect(body.account).toMatchObject({ id: shared.id, email: shared.email, name: shared.name, hasPassword: true });
    expect(body.memberships!.map((m) => m.municipality).sort()).toEqual([a.municipality.name, b.municipality.name].sort());
    expect(body.actions!.map((x) => x.title).sort()).toEqual([titles.a, titles.b].sort());
    expect(body.notes!.map((n) => n.body).sort()).toEqual(["Anteckning i A", "Anteckning i B"]);
    expect(body.evidence!.map((e) => e.title).sort()).toEqual(["Underlag A", "Underlag B"]);
    expect(body.mails!.map((m) => m.subject).sort()).toEqual(["Påminnelse från A", "Påminnelse från B"]);
    expect(body.activeSessions!.length).toBeGreaterThan(0);
    const user = await getDb().user.findUniqueOrThrow({ where: { id: shared.id } });
    expect(text).not.toContain(user.passwordHash!);
    expect(text).not.toMatch(/passwordHash|tokenHash|calendarToken|\$argon2/);
  });

  it("gives a coordinator only their municipality's part of a person who belongs to two", async () => {
    // A mailed link that still works never leaves in the extract.
    const token = randomUUID().replace(/-/g, "") + "abcdefghijk";
    await storeMail(a.municipality.id, shared.email, "Inbjudan från A", `Aktivera kontot: http://localhost/inbjudan/${token}`);
    const http = await signedInClient(a.coordinator.email);
    const res = await http.get(`/k/${a.municipality.slug}/anvandare/${shared.id}/uppgifter.json`);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    const text = await res.clone().text();
    const body = await json(res);
    expect(body.memberships!.map((m) => m.municipality)).toEqual([a.municipality.name]);
    expect(body.actions!.map((x) => x.title)).toEqual([titles.a]);
    expect(body.notes!.map((n) => n.body)).toEqual(["Anteckning i A"]);
    expect(body.evidence!.map((e) => e.title)).toEqual(["Underlag A"]);
    expect(body.mails!.map((m) => m.subject)).toEqual(["Påminnelse från A", "Inbjudan från A"]);
    expect(text).not.toContain(token);
    expect(text).toContain("/inbjudan/[hemlig länkdel borttagen]");
    for (const event of body.auditEvents!) expect(event.municipality).toBe(a.municipality.name);
    expect(body).not.toHaveProperty("signInAttempts");
    expect(body).not.toHaveProperty("activeSessions");
    for (const other of [b.municipality.name, titles.b, "Anteckning i B", "Underlag B", "Påminnelse från B", "Text från B"]) expect(text).not.toContain(other);
  });

  it("refuses owners, viewers, other municipalities' coordinators and non-operators, and answers 404 to unknown people", async () => {
    const path = `/k/${a.municipality.slug}/anvandare/${shared.id}/uppgifter.json`;
    expect((await (await signedInClient(a.owner.email)).get(path)).status).toBe(403);
    expect((await (await signedInClient(a.viewer.email)).get(path)).status).toBe(403);
    const coordinatorA = await signedInClient(a.coordinator.email);
    // A member of B only is nobody A's coordinator can ask about, through A's address or B's.
    expect((await coordinatorA.get(`/k/${a.municipality.slug}/anvandare/${b.viewer.id}/uppgifter.json`)).status).toBe(404);
    expect((await coordinatorA.get(`/k/${b.municipality.slug}/anvandare/${b.viewer.id}/uppgifter.json`)).status).toBe(403);
    expect((await coordinatorA.get(`/k/${a.municipality.slug}/anvandare/inte-ett-id/uppgifter.json`)).status).toBe(404);
    expect((await coordinatorA.get(`/drift/personer/${shared.id}/uppgifter.json`)).status).toBe(403);
    expect((await new HttpClient().get(path)).status).toBe(302);
  });

  it("gives an operator everything about anyone", async () => {
    const http = await signedInOperator();
    const body = await json(await http.get(`/drift/personer/${shared.id}/uppgifter.json`));
    expect(body.actions!.map((x) => x.title).sort()).toEqual([titles.a, titles.b].sort());
    expect(body.mails).toHaveLength(3);
    expect((await http.get(`/drift/personer/${randomUUID()}/uppgifter.json`)).status).toBe(404);
  });
});

describe("erasure by pseudonymisation (GDPR art. 17)", () => {
  it("refuses, changing nothing, a person who belongs to another municipality too, open actions, a missing confirmation and those without the right", async () => {
    const coordinatorA = await signedInClient(a.coordinator.email);
    const erase = (userId: string) => `/k/${a.municipality.slug}/anvandare/${userId}/radera`;
    const page = await coordinatorA.get(erase(shared.id));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Bara en driftansvarig kan radera personen.");

    const before = await dbState();
    const shared409 = await coordinatorA.post(erase(shared.id), { confirm: "ja" });
    expect(shared409.status).toBe(409);
    expect(await shared409.text()).toContain("Bara en driftansvarig kan radera personen.");
    // a.owner owns no action yet: give them an open one.
    const open = await createTestAction(a, a.owner.id, "2027-01-31", "Öppen åtgärd");
    const state = await dbState();
    const withOpen = await coordinatorA.post(erase(a.owner.id), { confirm: "ja" });
    expect(withOpen.status).toBe(409);
    expect(await withOpen.text()).toContain("Personen äger 1 öppen åtgärd. Lämna över den till någon annan innan personen raderas.");
    const unconfirmed = await coordinatorA.post(erase(a.viewer.id), {});
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Kryssa i rutan för att bekräfta.");
    expect((await coordinatorA.post(erase(a.coordinator.id), { confirm: "ja" })).status).toBe(409);
    expect((await (await signedInClient(a.owner.email)).post(erase(a.viewer.id), { confirm: "ja" })).status).toBe(403);
    expect((await (await signedInClient(a.viewer.email)).get(erase(a.owner.id))).status).toBe(403);
    expect((await coordinatorA.post(`/drift/personer/${a.viewer.id}/radera`, { confirm: "ja" })).status).toBe(403);
    expect(await dbState()).toEqual(state);
    expect(before).not.toEqual(state);

    // The operator may erase a shared account, but not while it owns open actions: the count says how many.
    const op = await signedInOperator();
    const refused = await op.post(`/drift/personer/${shared.id}/radera`, { confirm: "ja" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Personen äger 2 öppna åtgärder.");
    // Nor may a municipality lose its last coordinator.
    const last = await op.post(`/drift/personer/${b.coordinator.id}/radera`, { confirm: "ja" });
    expect(last.status).toBe(409);
    expect(await last.text()).toContain("Personen är kommunens enda samordnare.");
    expect(await dbState()).toEqual(state);
    await getDb().action.delete({ where: { id: open.id } });
  });

  it("pseudonymises a member of this municipality only; the plan keeps its history under the pseudonym", async () => {
    const suffix = randomUUID().slice(0, 8);
    const person = await createUserWithPassword({ email: `radera-${suffix}@test.kompassplan.se`, name: `Rut Raderas ${suffix}`, password: PASSWORD });
    await addMembership(a.municipality.id, person.id, "OWNER");
    await getDb().membership.updateMany({ where: { municipalityId: a.municipality.id, userId: a.viewer.id }, data: { managerId: person.id } });
    const action = await createTestAction(a, person.id, "2027-03-31", "Åtgärd som Rut gjort klart");
    await addNote(a.municipality.id, action.id, "Rut skrev detta", person.id);
    await addEvidence(a.municipality.id, action.id, { kind: "LINK", title: "Ruts underlag", url: "https://rut.example/", evidenceDate: "2026-10-01" }, person.id);
    await changeStatus(a.municipality.id, action.id, 1, "DONE", null, person.id);
    // The owner changes hands once, so the audit trail holds Rut's name as text.
    const summary = (await getActionSummary(a.municipality.id, action.id))!;
    const detail = await getDb().action.findUniqueOrThrow({ where: { id: action.id }, include: { questions: true } });
    await updateAction(
      a.municipality.id,
      action.id,
      summary.version,
      {
        title: detail.title,
        description: detail.description,
        ownerId: a.coordinator.id,
        deadline: "2027-03-31",
        priority: detail.priority,
        effects: detail.questions.map((q) => ({ questionId: q.questionId, expectedEffect: Number(q.expectedEffect) })),
      },
      null,
      a.coordinator.id,
    );
    await storeMail(a.municipality.id, person.email, "Påminnelse till Rut", "Hej Rut!");
    await storeMail(a.municipality.id, a.coordinator.email, `Sen åtgärd: ${person.name}`, `${person.name} har en sen åtgärd.`);
    // What a forgotten password and the second step leave behind.
    await getDb().passwordReset.create({ data: { tokenHash: `reset-${suffix}`, userId: person.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    await getDb().passwordResetRequest.create({ data: { email: person.email, ip: "127.0.0.1" } });
    await getDb().twoStepSecret.create({ data: { userId: person.id, secretCiphertext: "v1.a.b.c" } });
    await getDb().recoveryCode.create({ data: { userId: person.id, codeHash: `code-${suffix}` } });
    const personClient = await signedInClient(person.email);

    const coordinatorA = await signedInClient(a.coordinator.email);
    const erasePath = `/k/${a.municipality.slug}/anvandare/${person.id}/radera`;
    const page = await coordinatorA.get(erasePath);
    expect(page.status).toBe(200);
    const html = await page.text();
    const pseudonym = `Borttagen användare ${person.id.replace(/-/g, "").slice(0, 8)}`;
    expect(html).toContain(pseudonym);
    expect(html).toContain("Det går inte att ångra.");

    const res = await coordinatorA.post(erasePath, { confirm: "ja" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${erasePath}?klar=1`);
    const done = await coordinatorA.get(`${erasePath}?klar=1`);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`Personen visas nu som ”${pseudonym}”.`);

    const db = getDb();
    const user = await db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(user).toMatchObject({ name: pseudonym, email: `borttagen-${person.id}@borttagen.invalid`, passwordHash: null, calendarToken: null, calendarTokenSealed: null, isOperator: false });
    expect(await db.membership.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.membership.count({ where: { managerId: person.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.signInAttempt.count({ where: { email: person.email } })).toBe(0);
    expect(await db.passwordReset.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.passwordResetRequest.count({ where: { email: person.email } })).toBe(0);
    expect(await db.twoStepSecret.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: person.id } })).toBe(0);
    // The plan: the action, note and evidence stay, tied to the pseudonymised account.
    expect(await db.progressNote.count({ where: { authorId: person.id } })).toBe(1);
    expect(await db.evidence.count({ where: { addedById: person.id } })).toBe(1);
    const mail = await db.mailMessage.findFirstOrThrow({ where: { subject: "Påminnelse till Rut" } });
    expect(mail).toMatchObject({ recipient: "", text: "", html: "", status: "KEPT" });
    const toCoordinator = await db.mailMessage.findFirstOrThrow({ where: { subject: `Sen åtgärd: ${pseudonym}` } });
    expect(toCoordinator.text).toBe(`${pseudonym} har en sen åtgärd.`);
    const erased = await db.auditEvent.findMany({ where: { entityId: person.id, event: "user.erased" } });
    expect(erased).toEqual([expect.objectContaining({ municipalityId: a.municipality.id, actorId: a.coordinator.id, entityType: "User" })]);
    expect(await db.auditEvent.count({ where: { municipalityId: a.municipality.id, OR: [{ oldValue: person.name }, { newValue: person.name }] } })).toBe(0);

    // The timeline shows the pseudonym where the name was, and the old name nowhere.
    const actionPage = await (await coordinatorA.get(`/k/${a.municipality.slug}/atgarder/${action.id}`)).text();
    expect(actionPage).toContain(pseudonym);
    expect(actionPage).toContain("Rut skrev detta");
    expect(actionPage).not.toContain(person.name);
    expect(await (await coordinatorA.get(`/k/${a.municipality.slug}/plan`)).text()).not.toContain(person.name);

    // The person is signed out and cannot sign in again.
    expect((await personClient.get(`/k/${a.municipality.slug}`)).status).toBe(302);
    expect((await new HttpClient().signIn(person.email, PASSWORD)).status).not.toBe(302);
    // Erased once is enough.
    expect((await coordinatorA.post(erasePath, { confirm: "ja" })).status).toBe(404);
  });
});

describe("Om tillgänglighet", () => {
  it("is public, linked from the footer of the sign-in page and an error page, and without ACCESSIBILITY_CONTACT points to the coordinator", async () => {
    const http = new HttpClient();
    const statement = await http.get("/om-tillganglighet");
    expect(statement.status).toBe(200);
    const html = await statement.text();
    for (const text of ["WCAG 2.1", "Myndigheten för digital förvaltning (Digg)", "https://www.digg.se/tdosanmalan", "samordnaren i din kommun"]) expect(html).toContain(text);
    expect(html).not.toContain("mailto:");
    for (const page of ["/logga-in", "/finns-inte"]) expect(await (await http.get(page)).text()).toContain('href="/om-tillganglighet"');
  });
});
