import { readdirSync } from "node:fs";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { textToPdf } from "../helpers/documents.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

let home: Tenant;
let other: Tenant;
const as: Record<string, HttpClient> = {};
const base = () => `/k/${home.municipality.slug}`;

function multipart(fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  return form;
}

beforeAll(async () => {
  [home, other] = await Promise.all([createTenant("plan"), createTenant("plan-other")]);
  as.coordinator = await signedInClient(home.coordinator.email);
  as.owner = await signedInClient(home.owner.email);
  as.viewer = await signedInClient(home.viewer.email);
  as.stranger = await signedInClient(other.coordinator.email);
});

describe("creating actions (coordinator)", () => {
  it("suggests sub-questions, shows good examples, caps effects and saves with an assignment mail", async () => {
    const item = await getDb().improvementItem.findFirstOrThrow({
      where: { evaluationArea: { evaluationId: home.evaluationId, frameworkArea: { number: 1 } }, text: { contains: "oegentligheter" } },
    });
    const page = `${base()}/plan/ny?punkt=${item.id}`;
    const html = await (await as.coordinator!.get(page)).text();
    expect(html).toContain("Föreslagen");
    expect(html.indexOf("Etik - hur hantera korruption?")).toBeLessThan(html.indexOf("Hur informeras medborgarna?"));
    expect(html).toContain("Stockholms stad");

    const question = await getDb().frameworkQuestion.findFirstOrThrow({ where: { code: "1.5", area: { version: { key: "2010" } } } });
    const fields = { title: "Inför visselblåsarfunktion", description: "Extern kanal", ownerId: home.owner.id, deadline: "2027-03-31", priority: "HIGH", version: "0" };
    const tooMuch = await as.coordinator!.post(page, { ...fields, [`effect.${question.id}`]: "8" });
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain("Ange en effekt mellan 0 och 7 poäng.");
    const none = await as.coordinator!.post(page, fields);
    expect(await none.text()).toContain("Välj minst en delfråga.");
    expect(await getDb().action.count({ where: { municipalityId: home.municipality.id, title: fields.title } })).toBe(0);

    const ok = await as.coordinator!.post(page, { ...fields, [`effect.${question.id}`]: "6,5" });
    expect(ok.status).toBe(302);
    const action = await getDb().action.findFirstOrThrow({ where: { municipalityId: home.municipality.id, title: fields.title }, include: { questions: true } });
    expect(action.ownerId).toBe(home.owner.id);
    expect(Number(action.questions[0]!.expectedEffect)).toBe(6.5);
    const mail = await getDb().mailMessage.findFirstOrThrow({ where: { recipient: home.owner.email, identity: { startsWith: `assigned:${action.id}` } } });
    expect(mail.text).toContain(`/atgarder/${action.id}`);
  });

  it("invites a new owner by e-mail from the same form", async () => {
    const item = await getDb().improvementItem.findFirstOrThrow({ where: { evaluationArea: { evaluationId: home.evaluationId } } });
    const question = await getDb().frameworkQuestion.findFirstOrThrow({ where: { code: "1.2", area: { version: { key: "2010" } } } });
    const email = `ny-ansvarig-${home.municipality.slug}@test.kompassplan.se`;
    const res = await as.coordinator!.post(`${base()}/plan/ny?punkt=${item.id}`, {
      title: "Ny kanal",
      ownerId: "",
      inviteEmail: email,
      inviteName: "Nils Ny",
      deadline: "2027-01-15",
      priority: "LOW",
      version: "0",
      [`effect.${question.id}`]: "1",
    });
    expect(res.status).toBe(302);
    const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { memberships: true, ownedActions: true } });
    expect(user.memberships[0]).toMatchObject({ municipalityId: home.municipality.id, role: "OWNER" });
    expect(user.ownedActions.map((a) => a.title)).toEqual(["Ny kanal"]);
    expect(await getDb().invitation.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses owners, viewers and other municipalities", async () => {
    const item = await getDb().improvementItem.findFirstOrThrow({ where: { evaluationArea: { evaluationId: home.evaluationId } } });
    for (const who of ["owner", "viewer", "stranger"]) {
      expect((await as[who]!.get(`${base()}/plan/ny?punkt=${item.id}`)).status, who).toBe(403);
      expect((await as[who]!.post(`${base()}/plan/ny?punkt=${item.id}`, { title: "x" })).status, who).toBe(403);
    }
  });
});

describe("working on an action", () => {
  it("lets the owner change status, write notes and add evidence; done needs a note or evidence", async () => {
    const action = await createTestAction(home, home.owner.id);
    const page = `${base()}/atgarder/${action.id}`;
    const done = await as.owner!.post(page, { intent: "status", version: "1", status: "DONE", reason: "" });
    expect(done.status).toBe(400);
    expect(await done.text()).toContain("minst en anteckning eller ett underlag");
    expect((await as.owner!.post(page, { intent: "status", version: "1", status: "IN_PROGRESS" })).status).toBe(302);
    expect((await as.owner!.post(page, { intent: "note", body: "Upphandling påbörjad." })).status).toBe(302);
    const link = await as.owner!.request(page, {
      method: "POST",
      body: multipart({ intent: "evidence", kind: "LINK", title: "Beslut KS", url: "https://example.se/ks", evidenceDate: "2026-11-20" }),
    });
    expect(link.status).toBe(302);
    expect((await as.owner!.post(page, { intent: "status", version: "2", status: "DONE" })).status).toBe(302);
    const saved = await getDb().action.findUniqueOrThrow({ where: { id: action.id } });
    expect(saved.status).toBe("DONE");
    expect(saved.completedAt).not.toBeNull();
  });

  it("needs a reason to cancel", async () => {
    const action = await createTestAction(home, home.owner.id);
    const res = await as.owner!.post(`${base()}/atgarder/${action.id}`, { intent: "status", version: "1", status: "CANCELLED", reason: "" });
    expect(await res.text()).toContain("Ange ett skäl till att åtgärden avbryts.");
    expect((await as.owner!.post(`${base()}/atgarder/${action.id}`, { intent: "status", version: "1", status: "CANCELLED", reason: "Ersatt", confirmed: "yes" })).status).toBe(302);
    expect((await getDb().action.findUniqueOrThrow({ where: { id: action.id } })).cancelReason).toBe("Ersatt");
  });

  it("refuses an owner on someone else's action, a viewer on any, and another municipality", async () => {
    const action = await createTestAction(home, home.coordinator.id);
    const page = `${base()}/atgarder/${action.id}`;
    for (const who of ["owner", "viewer"]) {
      expect((await as[who]!.get(page)).status, who).toBe(200);
      expect((await as[who]!.post(page, { intent: "note", body: "hej" })).status, who).toBe(403);
      expect((await as[who]!.post(page, { intent: "status", version: "1", status: "IN_PROGRESS" })).status, who).toBe(403);
      expect((await as[who]!.get(`${page}/redigera`)).status, who).toBe(403);
    }
    expect((await as.stranger!.get(page)).status).toBe(403);
    expect(await getDb().progressNote.count({ where: { actionId: action.id } })).toBe(0);
  });

  it("keeps every change with who, when, old and new value; a new deadline needs a reason and is counted", async () => {
    const action = await createTestAction(home, home.owner.id, "2027-02-01", "Tidslinje");
    const edit = `${base()}/atgarder/${action.id}/redigera`;
    const q = await getDb().actionQuestion.findFirstOrThrow({ where: { actionId: action.id } });
    const fields = { title: "Tidslinje", description: "", ownerId: home.owner.id, deadline: "2027-05-01", priority: "HIGH", version: "1", [`effect.${q.questionId}`]: "2" };
    const noReason = await as.coordinator!.post(edit, fields);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Ange ett skäl till att slutdatumet ändras.");
    expect((await as.coordinator!.post(edit, { ...fields, deadlineReason: "Upphandlingen drog ut" })).status).toBe(302);
    const saved = await getDb().action.findUniqueOrThrow({ where: { id: action.id } });
    expect(saved.deadlineChangeCount).toBe(1);
    const audit = await getDb().auditEvent.findMany({ where: { entityId: action.id, event: "updated" } });
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue, a.actorId, a.reason]).sort()).toEqual(
      [
        ["deadline", "2027-02-01", "2027-05-01", home.coordinator.id, "Upphandlingen drog ut"],
        ["priority", "MEDIUM", "HIGH", home.coordinator.id, null],
      ].sort(),
    );
    const html = await (await as.viewer!.get(`${base()}/atgarder/${action.id}`)).text();
    expect(html).toContain("ändrade slutdatum: 1 februari 2027 → 1 maj 2027");
    expect(html).toContain("ändrade prioritet: Normal → Hög");
    expect(html).toContain("Skäl: Upphandlingen drog ut");
    expect(html).toContain("Slutdatum ändrat 1 gång");
  });

  it("detects two people editing at once instead of overwriting", async () => {
    const action = await createTestAction(home, home.owner.id, "2027-02-01", "Samtidigt");
    const edit = `${base()}/atgarder/${action.id}/redigera`;
    const q = await getDb().actionQuestion.findFirstOrThrow({ where: { actionId: action.id } });
    const common = { description: "", ownerId: home.owner.id, deadline: "2027-02-01", priority: "MEDIUM", version: "1", [`effect.${q.questionId}`]: "2" };
    expect((await as.coordinator!.post(edit, { ...common, title: "Första sparningen" })).status).toBe(302);
    const second = await as.coordinator!.post(edit, { ...common, title: "Andra sparningen" });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("Någon annan har ändrat åtgärden");
    expect((await getDb().action.findUniqueOrThrow({ where: { id: action.id } })).title).toBe("Första sparningen");
    const status = await as.owner!.post(`${base()}/atgarder/${action.id}`, { intent: "status", version: "1", status: "IN_PROGRESS" });
    expect(status.status).toBe(409);
  });
});

describe("evidence files", () => {
  it("accepts a real PDF, stores it outside the web root, and serves it only to the municipality", async () => {
    const action = await createTestAction(home, home.owner.id);
    const page = `${base()}/atgarder/${action.id}`;
    const pdf = await textToPdf("Beslut i kommunstyrelsen 2026-11-20");
    const res = await as.owner!.request(page, {
      method: "POST",
      body: multipart({ intent: "evidence", kind: "FILE", title: "Protokoll", evidenceDate: "2026-11-20" }, { bytes: pdf, name: "protokoll.pdf" }),
    });
    expect(res.status).toBe(302);
    const evidence = await getDb().evidence.findFirstOrThrow({ where: { actionId: action.id } });
    expect(evidence).toMatchObject({ kind: "FILE", mimeType: "application/pdf", fileName: "protokoll.pdf", sizeBytes: pdf.byteLength });
    expect(readdirSync(inject("uploadDir"))).toContain(evidence.storageKey);
    const download = await as.viewer!.get(`${base()}/underlag/${evidence.id}`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    expect((await as.stranger!.get(`${base()}/underlag/${evidence.id}`)).status).toBe(403);
    expect((await new HttpClient().get(`/build/../.data/uploads/${evidence.storageKey}`)).status).not.toBe(200);
  });

  it("refuses a file by its content, and an oversized file, storing nothing", async () => {
    const action = await createTestAction(home, home.owner.id);
    const page = `${base()}/atgarder/${action.id}`;
    const before = readdirSync(inject("uploadDir")).length;
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0, 0, ...new Array(200).fill(7)]);
    const fake = await as.owner!.request(page, {
      method: "POST",
      body: multipart({ intent: "evidence", kind: "FILE", title: "Inte en PDF", evidenceDate: "2026-11-20" }, { bytes: exe, name: "rapport.pdf" }),
    });
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("Filtypen är inte tillåten");
    const big = await as.owner!.request(page, {
      method: "POST",
      body: multipart({ intent: "evidence", kind: "FILE", title: "Stor", evidenceDate: "2026-11-20" }, { bytes: new Uint8Array(11 * 1024 * 1024), name: "stor.pdf" }),
    });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("Filen är för stor");
    const badLink = await as.owner!.request(page, {
      method: "POST",
      body: multipart({ intent: "evidence", kind: "LINK", title: "Länk", url: "javascript:alert(1)", evidenceDate: "2026-11-20" }),
    });
    expect(await badLink.text()).toContain("Ange en webbadress som börjar med http:// eller https://.");
    expect(await getDb().evidence.count({ where: { actionId: action.id } })).toBe(0);
    expect(readdirSync(inject("uploadDir")).length).toBe(before);
  });
});

describe("browsing and exporting the plan", () => {
  it("lets everyone browse with filters and counts; lists items without action", async () => {
    const html = await (await as.viewer!.get(`${base()}/plan`)).text();
    expect(html).toMatch(/\d+ åtgärder, varav \d+ försenade\. \d+ förbättringsområden saknar åtgärd\./);
    expect(html).toContain("Förbättringsområden utan åtgärd");
    expect(html).not.toContain("Ny åtgärd");
    const filtered = await (await as.viewer!.get(`${base()}/plan?status=DONE`)).text();
    expect(filtered).not.toContain("Tidslinje");
    const late = await createTestAction(home, home.owner.id, "2024-01-01", "Mycket sen åtgärd");
    const onlyLate = await (await as.viewer!.get(`${base()}/plan?sena=1`)).text();
    expect(onlyLate).toContain("Mycket sen åtgärd");
    expect(onlyLate).toMatch(/Försenad \d+ dagar/);
    const mine = await (await as.owner!.get(`${base()}/mina-atgarder`)).text();
    expect(mine.indexOf("Mycket sen åtgärd")).toBeGreaterThan(-1);
    expect(mine.indexOf("Mycket sen åtgärd")).toBeLessThan(mine.indexOf("Teståtgärd"));
    expect(late.id).toBeTruthy();
  });

  it("exports a real spreadsheet with Swedish headings, dates as dates and filters on, and CSV", async () => {
    const res = await as.viewer!.get(`${base()}/plan.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Handlingsplan")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "Område", "Förbättringsområde", "Åtgärd", "Ansvarig", "Slutdatum", "Status", "Dagar försenad", "Prioritet", "Delfrågor (förväntad effekt)", "Ändrade slutdatum", "Nämnd/förvaltning", "Diarienummer, paragraf"]);
    const actions = await getDb().action.count({ where: { municipalityId: home.municipality.id } });
    expect(sheet.actualRowCount).toBe(actions + 1);
    expect(sheet.getRow(2).getCell(5).value).toBeInstanceOf(Date);
    expect(sheet.autoFilter).toBeTruthy();
    const csv = await (await as.viewer!.get(`${base()}/plan.csv?status=DONE`)).text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("Område;Förbättringsområde;Åtgärd;Ansvarig;Slutdatum;Status;Dagar försenad;Prioritet;Delfrågor (förväntad effekt);Ändrade slutdatum;Nämnd/förvaltning;Diarienummer, paragraf");
    const done = await getDb().action.count({ where: { municipalityId: home.municipality.id, status: "DONE" } });
    expect(lines).toHaveLength(done + 1);
    expect(lines.slice(1).every((l) => l.includes(";Klar;"))).toBe(true);
    expect((await as.stranger!.get(`${base()}/plan.xlsx`)).status).toBe(403);
  });
});

describe("calendar feed", () => {
  it("gives each user a secret feed of their deadlines that stops working when renewed", async () => {
    const first = await (await as.owner!.post(`${base()}/mina-atgarder`, { intent: "calendar" })).text();
    const url = new URL(first.match(/value="(http[^"]+\.ics)"/)![1]!);
    const feed = await new HttpClient().get(url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const ics = await feed.text();
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("SUMMARY:Slutdatum: Teståtgärd");
    expect(ics).not.toContain("Samtidigt".repeat(2));
    const renewed = await (await as.owner!.post(`${base()}/mina-atgarder`, { intent: "calendar", confirmed: "yes" })).text();
    const next = new URL(renewed.match(/value="(http[^"]+\.ics)"/)![1]!);
    expect(next.pathname).not.toBe(url.pathname);
    expect((await new HttpClient().get(url.pathname)).status).toBe(404);
    expect((await new HttpClient().get(next.pathname)).status).toBe(200);
  });
});
