import { beforeAll, describe, expect, it } from "vitest";
import { formFields } from "../helpers/html-forms.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/**
 * A form submission is processed once (issue #10, item 17): every create form carries a
 * random key from the page it was rendered on; a repeated post with that key, at the same
 * moment or later, changes nothing and is answered as the first was.
 */

let tenant: Tenant;
let base: string;
let coordinator: HttpClient;

/** The submission key of the form with the given marker (e.g. its intent), as the page renders it. */
async function keyFrom(http: HttpClient, page: string, marker: string): Promise<string> {
  const html = await (await http.get(page)).text();
  const form = html.split("<form").find((f) => f.includes(marker));
  expect(form, `a form with ${marker} on ${page}`).toBeDefined();
  const key = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(form!)?.[1];
  expect(key, `the submission key of ${marker} on ${page}`).toBeDefined();
  return key!;
}

beforeAll(async () => {
  tenant = await createTenant("en-gang");
  base = `/k/${tenant.municipality.slug}`;
  coordinator = await signedInClient(tenant.coordinator.email);
});

describe("one change per form submission", () => {
  it("a note posted twice at once and then again with the same key is saved once; every post is answered with the same redirect", async () => {
    const action = await createTestAction(tenant, tenant.owner.id);
    const page = `${base}/atgarder/${action.id}`;
    const owner = await signedInClient(tenant.owner.email);
    const key = await keyFrom(owner, page, 'value="note"');
    const fields = { intent: "note", body: "Remissen är utskickad.", submissionKey: key };
    const answers = await Promise.all([owner.post(page, fields), owner.post(page, fields), owner.post(page, fields)]);
    answers.push(await owner.post(page, fields));
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302, 302]);
    expect(new Set(answers.map((a) => a.headers.get("location")))).toEqual(new Set([`${page}?sparad=1`]));
    expect(await getDb().progressNote.count({ where: { actionId: action.id } })).toBe(1);

    // A new render gives a new key: the next note is a new note.
    const next = await keyFrom(owner, page, 'value="note"');
    expect(next).not.toBe(key);
    expect((await owner.post(page, { ...fields, submissionKey: next })).status).toBe(302);
    expect(await getDb().progressNote.count({ where: { actionId: action.id } })).toBe(2);
  });

  it("a post without a key, or with a malformed one, is processed as before (tools and old pages keep working)", async () => {
    const action = await createTestAction(tenant, tenant.owner.id);
    const page = `${base}/atgarder/${action.id}`;
    const owner = await signedInClient(tenant.owner.email);
    expect((await owner.post(page, { intent: "note", body: "Utan nyckel" })).status).toBe(302);
    expect((await owner.post(page, { intent: "note", body: "Utan nyckel" })).status).toBe(302);
    for (const hostile of ["", "x", "=1+1", "\u0000", "9".repeat(10_000), "00000000-0000-0000-0000-00000000000G"]) {
      expect((await owner.post(page, { intent: "note", body: "Konstig nyckel", submissionKey: hostile })).status, JSON.stringify(hostile.slice(0, 20))).toBe(302);
    }
    expect(await getDb().progressNote.count({ where: { actionId: action.id } })).toBe(8);
  });

  it("a refused post does not use up its key: the corrected form is saved, once", async () => {
    const action = await createTestAction(tenant, tenant.owner.id);
    const page = `${base}/atgarder/${action.id}`;
    const owner = await signedInClient(tenant.owner.email);
    const key = await keyFrom(owner, page, 'value="note"');
    expect((await owner.post(page, { intent: "note", body: "", submissionKey: key })).status).toBe(400);
    expect((await owner.post(page, { intent: "note", body: "Rättad", submissionKey: key })).status).toBe(302);
    expect((await owner.post(page, { intent: "note", body: "Rättad", submissionKey: key })).status).toBe(302);
    expect(await getDb().progressNote.findMany({ where: { actionId: action.id }, select: { body: true } })).toEqual([{ body: "Rättad" }]);
  });

  it("the same key from another user, or for another form, is its own submission", async () => {
    const action = await createTestAction(tenant, tenant.owner.id);
    const page = `${base}/atgarder/${action.id}`;
    const owner = await signedInClient(tenant.owner.email);
    const key = await keyFrom(owner, page, 'value="note"');
    expect((await owner.post(page, { intent: "note", body: "Ägarens", submissionKey: key })).status).toBe(302);
    expect((await coordinator.post(page, { intent: "note", body: "Samordnarens", submissionKey: key })).status).toBe(302);
    const other = await createTestAction(tenant, tenant.owner.id);
    expect((await owner.post(`${base}/atgarder/${other.id}`, { intent: "note", body: "Annan åtgärd", submissionKey: key })).status).toBe(302);
    expect(await getDb().progressNote.count({ where: { actionId: action.id } })).toBe(2);
    expect(await getDb().progressNote.count({ where: { actionId: other.id } })).toBe(1);
  });

  it("a follow-up report saved twice at once and again with the same key is one report, and every post leads to it", async () => {
    const page = `${base}/rapporter`;
    const before = await getDb().followUpReport.count({ where: { municipalityId: tenant.municipality.id } });
    const key = await keyFrom(coordinator, page, 'name="title"');
    const fields = { title: "Rapport till KS", submissionKey: key };
    const answers = await Promise.all([coordinator.post(page, fields), coordinator.post(page, fields)]);
    answers.push(await coordinator.post(page, fields));
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302]);
    const locations = new Set(answers.map((a) => a.headers.get("location")));
    expect(locations.size).toBe(1);
    expect(await getDb().followUpReport.count({ where: { municipalityId: tenant.municipality.id } })).toBe(before + 1);
    const saved = await getDb().followUpReport.findFirstOrThrow({ where: { municipalityId: tenant.municipality.id }, orderBy: { createdAt: "desc" } });
    expect([...locations][0]).toBe(`${page}/${saved.id}?sparad=1`);
  });

  it("evidence, a new action, an invitation and a saved evaluation are each created once per key", async () => {
    const action = await createTestAction(tenant, tenant.owner.id);
    const actionPage = `${base}/atgarder/${action.id}`;
    const evidenceKey = await keyFrom(coordinator, actionPage, 'value="evidence"');
    const evidence = () => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ intent: "evidence", kind: "LINK", title: "Beslut KS", url: "https://example.se/ks", evidenceDate: "2026-11-20", submissionKey: evidenceKey })) form.set(k, v);
      return coordinator.request(actionPage, { method: "POST", body: form });
    };
    expect((await Promise.all([evidence(), evidence()])).map((r) => r.status)).toEqual([302, 302]);
    expect(await getDb().evidence.count({ where: { actionId: action.id } })).toBe(1);

    const item = await getDb().improvementItem.findFirstOrThrow({ where: { evaluationArea: { evaluationId: tenant.evaluationId } } });
    const question = await getDb().frameworkQuestion.findFirstOrThrow({ where: { code: "1.5", area: { version: { key: "2010" } } } });
    const newPage = `${base}/plan/ny?punkt=${item.id}`;
    const newKey = await keyFrom(coordinator, newPage, 'name="title"');
    const create = { title: "En gång", description: "", ownerId: tenant.owner.id, deadline: "2027-03-31", priority: "HIGH", version: "0", [`effect.${question.id}`]: "1", submissionKey: newKey };
    const created = await Promise.all([coordinator.post(newPage, create), coordinator.post(newPage, create)]);
    expect(created.map((r) => r.status)).toEqual([302, 302]);
    expect(created[0]!.headers.get("location")).toBe(created[1]!.headers.get("location"));
    expect(await getDb().action.count({ where: { municipalityId: tenant.municipality.id, title: "En gång" } })).toBe(1);

    const usersPage = `${base}/anvandare`;
    const inviteKey = await keyFrom(coordinator, usersPage, 'value="invite"');
    const email = `en-gang-${tenant.municipality.slug}@test.kompassplan.se`;
    const invite = { intent: "invite", name: "Inbjuden En Gång", email, role: "OWNER", submissionKey: inviteKey };
    const invited = await Promise.all([coordinator.post(usersPage, invite), coordinator.post(usersPage, invite)]);
    expect(invited.map((r) => r.status)).toEqual([200, 200]);
    for (const r of invited) expect(await r.text()).toContain(email);
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(await getDb().invitation.count({ where: { userId: user.id } })).toBe(1);
    expect(await getDb().mailMessage.count({ where: { recipient: email, kind: "invitation" } })).toBe(1);

    const evaluationPage = `${base}/utvarderingar/ny`;
    const evaluations = () => getDb().evaluation.count({ where: { municipalityId: tenant.municipality.id } });
    const before = await evaluations();
    const handPage = await (await coordinator.get(`${evaluationPage}?version=2010&year=2031`)).text();
    const fields = formFields(handPage.slice(handPage.indexOf('class="stacked evaluation-form"')));
    expect(fields.get("submissionKey")).toMatch(/^[0-9a-f-]{36}$/);
    fields.set("intent", "save");
    for (const [name] of [...fields]) if (/^q\..+\.points$/.test(name)) fields.set(name, "1");
    const post = () => coordinator.request(evaluationPage, { method: "POST", body: new URLSearchParams(fields) });
    const saved = await Promise.all([post(), post()]);
    expect(saved.map((r) => r.status)).toEqual([302, 302]);
    expect(saved[0]!.headers.get("location")).toBe(saved[1]!.headers.get("location"));
    expect(await evaluations()).toBe(before + 1);
  });
});
