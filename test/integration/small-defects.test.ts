import { beforeAll, describe, expect, it } from "vitest";
import { stockholmDate } from "~/domain/dates.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/** Issue #14, item 9: the smaller defects found in use, each over HTTP against the real server. */

let home: Tenant;
const as: Record<string, HttpClient> = {};
const base = () => `/k/${home.municipality.slug}`;

/** The table row of the new-action form that holds one sub-question's effect field. */
function questionRow(html: string, questionId: string): string {
  const at = html.indexOf(`id="effect.${questionId}"`);
  expect(at).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
}

beforeAll(async () => {
  home = await createTenant("smafel");
  as.coordinator = await signedInClient(home.coordinator.email);
  as.owner = await signedInClient(home.owner.email);
  as.viewer = await signedInClient(home.viewer.email);
});

describe("the new-action form", () => {
  it("does not suggest a sub-question already at full marks, and says why its effect can only be 0", async () => {
    const item = await getDb().improvementItem.findFirstOrThrow({
      where: { evaluationArea: { evaluationId: home.evaluationId, frameworkArea: { number: 1 } }, text: { contains: "oegentligheter" } },
    });
    const question = await getDb().frameworkQuestion.findFirstOrThrow({ where: { code: "1.5", area: { version: { key: "2010" } } } });
    const page = `${base()}/plan/ny?punkt=${item.id}`;
    // 1.5 (Etik - hur hantera korruption?) is the first suggestion while points are open.
    expect(questionRow(await (await as.coordinator!.get(page)).text(), question.id)).toContain("Föreslagen");

    await getDb().questionScore.update({
      where: { evaluationId_questionId: { evaluationId: home.evaluationId, questionId: question.id } },
      data: { points: question.maxPoints },
    });
    const row = questionRow(await (await as.coordinator!.get(page)).text(), question.id);
    expect(row).not.toContain("Föreslagen");
    const max = Number(question.maxPoints);
    expect(row).toContain(`Nu ${max} av ${max}: redan full poäng, så effekten kan bara vara 0`);
    expect(row).toContain(`aria-describedby="effect.${question.id}-now"`);
    // The label and the hint are read apart, not run together ("…korruption?Nu 7 av 7").
    expect(row).toMatch(/<\/label> <br/);
  });
});

describe("a new action's title", () => {
  it("is prefilled from its improvement item", async () => {
    const item = await getDb().improvementItem.findFirstOrThrow({ where: { evaluationArea: { evaluationId: home.evaluationId } } });
    const html = await (await as.coordinator!.get(`${base()}/plan/ny?punkt=${item.id}`)).text();
    const input = html.match(/<input[^>]*id="title"[^>]*>/)![0];
    const escaped = item.text.slice(0, 200).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    expect(input).toContain(`value="${escaped}"`);
  });
});

describe("the planned evaluation date", () => {
  it("is refused in the past (Stockholm's today) with a Swedish error next to the field, and nothing changes", async () => {
    const today = stockholmDate(new Date());
    const page = `${base()}/infor-utvardering`;
    const before = await getDb().municipality.findUniqueOrThrow({ where: { id: home.municipality.id } });
    const res = await as.coordinator!.post(page, { nextEvaluationDate: "2020-05-04", targetTotal: "600" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="field-nextEvaluationDate-error">Datumet har redan passerat/);
    const after = await getDb().municipality.findUniqueOrThrow({ where: { id: home.municipality.id } });
    expect(after.nextEvaluationDate).toEqual(before.nextEvaluationDate);
    expect(after.targetTotal).toEqual(before.targetTotal);

    // The same on the reminder settings, the other form that sets it.
    const policy = await as.coordinator!.post(`${base()}/paminnelser`, {
      daysBefore: "14, 3", onDeadlineDay: "on", lateEveryDays: "7", graceDays: "3", secondLevelDays: "14", silenceDays: "30", digestWeekday: "1",
      nextEvaluationDate: "2020-05-04",
    });
    expect(policy.status).toBe(400);
    expect(await policy.text()).toContain("Datumet har redan passerat");

    expect((await as.coordinator!.post(page, { nextEvaluationDate: today, targetTotal: "600" })).status).toBe(200);
    const saved = await getDb().municipality.findUniqueOrThrow({ where: { id: home.municipality.id } });
    expect(saved.nextEvaluationDate?.toISOString().slice(0, 10)).toBe(today);
    // A date already stored that has since passed does not block saving the other settings.
    await getDb().municipality.update({ where: { id: home.municipality.id }, data: { nextEvaluationDate: new Date("2021-03-01T00:00:00Z") } });
    expect((await as.coordinator!.post(page, { nextEvaluationDate: "2021-03-01", targetTotal: "610" })).status).toBe(200);
  });
});

describe("Stort glapp utan åtgärd", () => {
  it("links each such row to Ny åtgärd for that sub-question (coordinators), which opens with it first and suggested", async () => {
    const html = await (await as.coordinator!.get(`${base()}/infor-utvardering`)).text();
    const table = html.slice(html.indexOf('id="where-heading"'), html.indexOf("</table>", html.indexOf('id="where-heading"')));
    const rows = table.split("<tr").filter((r) => r.includes("Stort glapp utan åtgärd"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/href="\/k\/[^/]+\/plan\/ny\?punkt=[0-9a-f-]{36}&amp;delfraga=[^"]+"/);
    const code = /<td>([^<]+)<\/td>/.exec(rows[0]!)![1]!;
    const href = /href="([^"]+plan\/ny[^"]+)"/.exec(rows[0]!)![1]!.replace(/&amp;/g, "&");
    const form = await (await as.coordinator!.get(href)).text();
    const firstRow = form.slice(form.indexOf("<tbody>"), form.indexOf("</tr>", form.indexOf("<tbody>")));
    expect(firstRow).toContain(`<td>${code}`);
    expect(firstRow).toContain("Föreslagen");
    // Viewers cannot create actions: no link for them.
    const viewer = await (await as.viewer!.get(`${base()}/infor-utvardering`)).text();
    expect(viewer).toContain("Stort glapp utan åtgärd");
    expect(viewer).not.toContain("/plan/ny?");
  });
});

describe("the what-if sandbox", () => {
  it("names its inputs by sub-question text, leaves out cancelled actions, says when it caps an effect and resets with Återställ", async () => {
    const tenant = await createTenant("smafel-tankom");
    const coordinator = await signedInClient(tenant.coordinator.email);
    const kept = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Pågående åtgärd");
    const cancelled = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Avbruten åtgärd");
    await getDb().action.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
    const question = await getDb().frameworkQuestion.findFirstOrThrow({ where: { code: "1.5", area: { version: { key: "2010" } } } });
    const score = await getDb().questionScore.findUniqueOrThrow({ where: { evaluationId_questionId: { evaluationId: tenant.evaluationId, questionId: question.id } } });
    const open = Number(question.maxPoints) - Number(score.points);

    const page = `/k/${tenant.municipality.slug}/infor-utvardering/tank-om`;
    const html = await (await coordinator.get(`${page}?tankom=1&med=${kept.id}&effekt.${kept.id}.1.5=50`)).text();
    const sandbox = html.slice(html.indexOf("<h1"), html.indexOf("</form>", html.indexOf("<h1")));
    expect(sandbox).toContain("Pågående åtgärd");
    expect(sandbox).not.toContain("Avbruten åtgärd");
    // The field (named by action and sub-question) is labelled with the sub-question's code and text.
    const fieldId = sandbox.match(new RegExp(`<input id="([^"]+)" name="effekt\\.${kept.id}\\.1\\.5"`))?.[1];
    expect(fieldId).toBeTruthy();
    expect(sandbox).toContain(`<label for="${fieldId}">1.5<!-- --> <!-- -->Etik - hur hantera korruption?</label>`);
    expect(sandbox).toContain(`Räknas som högst ${open} poäng: delfrågan har max ${Number(question.maxPoints)}`);
    expect(sandbox).toMatch(/<a [^>]*href="\/k\/[^"]+\/infor-utvardering\/tank-om"[^>]*>Återställ<\/a>/);
  });

  it("says so at the field, in Swedish, when an effect is not 0–100 points, and keeps what was typed", async () => {
    const tenant = await createTenant("smafel-tankom-fel");
    const coordinator = await signedInClient(tenant.coordinator.email);
    const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Åtgärd med fel effekt");
    const code = (await getDb().actionQuestion.findFirstOrThrow({ where: { actionId: action.id }, include: { question: true } })).question.code;
    const res = await coordinator.get(`/k/${tenant.municipality.slug}/infor-utvardering/tank-om?tankom=1&med=${action.id}&effekt.${action.id}.${code}=m%C3%A5nga`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const field = `effekt.${action.id}.${code}`;
    const input = html.match(new RegExp(`<input id="[^"]+" name="${field.replaceAll(".", "\\.")}"[^>]*>`))?.[0] ?? "";
    const fieldId = input.match(/id="([^"]+)"/)?.[1] ?? "";
    expect(fieldId).not.toBe("");
    // The summary links to the field itself.
    expect(html).toMatch(new RegExp(`<div class="error-summary[^"]*" role="alert"[^>]*>[\\s\\S]*?<a href="#${fieldId.replaceAll(".", "\\.")}">Ange en effekt mellan 0 och 100 poäng`));
    expect(html).toContain(`<span class="field-error" id="${field}-error">Ange en effekt mellan 0 och 100 poäng, till exempel 2,5. Raden räknas med den planerade effekten.</span>`);
    expect(input).toContain(`name="${field}"`);
    expect(input).toContain('value="många"');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain(`aria-describedby="${field}-error"`);
    // The rest of the trial is still counted.
    expect(html).toContain("Med dina ändringar: troligt");
  });

  it("leaves out a typed effect that has no field on the page, so no error points nowhere", async () => {
    const tenant = await createTenant("smafel-tankom-utan-falt");
    const coordinator = await signedInClient(tenant.coordinator.email);
    const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Åtgärd på sidan");
    const cancelled = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Avbruten åtgärd");
    await getDb().action.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
    // A cancelled action is not on the page, and 8.8 is no sub-question of the action that is.
    const res = await coordinator.get(
      `/k/${tenant.municipality.slug}/infor-utvardering/tank-om?tankom=1&med=${action.id}&effekt.${cancelled.id}.1.5=fel&effekt.${action.id}.8.8=fel`,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Med dina ändringar: troligt");
    expect(html).not.toContain("error-summary");
    expect(html).not.toContain("Ange en effekt mellan 0 och 100 poäng");
  });

  it("is a page of its own: the readiness page links to it without the table, and an address saved from before leads there with its choices", async () => {
    const tenant = await createTenant("smafel-tankom-sida");
    const coordinator = await signedInClient(tenant.coordinator.email);
    const viewer = await signedInClient(tenant.viewer.email);
    const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Åtgärd att pröva");
    const readiness = `/k/${tenant.municipality.slug}/infor-utvardering`;

    const html = await (await coordinator.get(readiness)).text();
    expect(html).toMatch(/<a [^>]*href="\/k\/[^"]+\/infor-utvardering\/tank-om"[^>]*>Pröva andra utfall i Tänk om …<\/a>/);
    expect(html).not.toContain(`name="med"`);
    expect(html).not.toContain("Åtgärd att pröva</label>");

    const query = `?tankom=1&alla=${action.id}`;
    const moved = await coordinator.get(`${readiness}${query}`);
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe(`${readiness}/tank-om${query}`);

    // The council member may try it too (a GET form, nothing is saved); the action is off, so its box is not ticked.
    const tried = await (await viewer.get(`${readiness}/tank-om${query}`)).text();
    expect(tried).toContain("Med dina ändringar: troligt");
    expect(tried).toMatch(new RegExp(`<input type="checkbox" name="med" id="med-\\d+" value="${action.id}"/>`));
    // As the form sends it now (only the ticked actions): nothing ticked, so the action is off too.
    const unticked = await (await viewer.get(`${readiness}/tank-om?tankom=1`)).text();
    expect(unticked).toMatch(new RegExp(`<input type="checkbox" name="med" id="med-\\d+" value="${action.id}"/>`));
    const before = await getDb().action.findUniqueOrThrow({ where: { id: action.id }, include: { questions: true } });
    expect(before.status).not.toBe("CANCELLED");

    // Another municipality's coordinator is refused this municipality's sandbox.
    const stranger = await signedInClient(home.coordinator.email);
    expect((await stranger.get(`${readiness}/tank-om`)).status).toBe(403);
  });
});

describe("the outbox", () => {
  it("does not show the technical SMTP_URL to coordinators", async () => {
    const html = await (await as.coordinator!.get(`${base()}/utkorg`)).text();
    expect(html).toContain("Utkorg");
    expect(html).not.toContain("SMTP_URL");
  });
});

describe("the calendar feed", () => {
  it("stamps events in UTC (Z) and leaves out finished and cancelled actions", async () => {
    const tenant = await createTenant("smafel-kalender");
    const owner = await signedInClient(tenant.owner.email);
    await createTestAction(tenant, tenant.owner.id, "2027-05-01", "Öppen åtgärd");
    const done = await createTestAction(tenant, tenant.owner.id, "2027-05-02", "Klar åtgärd");
    const cancelled = await createTestAction(tenant, tenant.owner.id, "2027-05-03", "Avbruten åtgärd");
    await getDb().action.update({ where: { id: done.id }, data: { status: "DONE", completedAt: new Date() } });
    await getDb().action.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
    const page = await (await owner.post(`/k/${tenant.municipality.slug}/mina-atgarder`, { intent: "calendar" })).text();
    const feed = new URL(page.match(/value="(http[^"]+\.ics)"/)![1]!);
    const ics = await (await new HttpClient().get(feed.pathname)).text();
    expect(ics).toContain("SUMMARY:Slutdatum: Öppen åtgärd");
    expect(ics).not.toContain("Klar åtgärd");
    expect(ics).not.toContain("Avbruten åtgärd");
    const stamps = ics.match(/^DTSTAMP:.*$/gm) ?? [];
    expect(stamps.length).toBeGreaterThan(0);
    for (const stamp of stamps) expect(stamp.trim()).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  });
});
