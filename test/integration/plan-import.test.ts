import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/platform/db.server.ts";
import { docxBomb } from "../helpers/bombs.ts";
import { dbState } from "../helpers/db-state.ts";
import { createTenant, type Tenant } from "../helpers/fixtures.ts";
import { HttpClient, signedInClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";

/** The plan import over HTTP against the real database (issue #13, item 6). Plans are fictional. */

let home: Tenant;
let other: Tenant;
const as: Record<string, HttpClient> = {};
const base = () => `/k/${home.municipality.slug}/plan/importera`;
let items: Array<{ id: string; text: string }>;

function upload(http: HttpClient, bytes: Uint8Array, name: string, slug = home.municipality.slug) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  return http.request(`/k/${slug}/plan/importera`, { method: "POST", body: form });
}

/** Upload → columns (as guessed) → the preview page's address. */
async function uploadAndMap(bytes: Uint8Array, name: string, http = as.coordinator!) {
  const res = await upload(http, bytes, name);
  expect(res.status, await res.clone().text()).toBe(302);
  const columns = res.headers.get("location")!;
  const importId = columns.split("/").pop()!;
  const stored = await getDb().planImport.findUniqueOrThrow({ where: { id: importId } });
  const mapping = stored.mapping as Record<string, number | null>;
  const page = await (await http.get(columns)).text();
  expect(page).toContain("Välj kolumner");
  const posted = await http.post(columns, Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v === null ? "" : String(v)])));
  expect(posted.status).toBe(302);
  return { preview: posted.headers.get("location")!, importId, mapping };
}

async function submissionKey(http: HttpClient, preview: string) {
  const html = await (await http.get(preview)).text();
  return /name="submissionKey" value="([^"]+)"/.exec(html)![1]!;
}

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Handlingsplan");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const windows1252 = (text: string) => Uint8Array.from([...text].map((c) => ({ å: 0xe5, ä: 0xe4, ö: 0xf6, Å: 0xc5, Ä: 0xc4, Ö: 0xd6 })[c] ?? c.charCodeAt(0)));

beforeAll(async () => {
  [home, other] = await Promise.all([createTenant("planimport"), createTenant("planimport-other")]);
  as.coordinator = await signedInClient(home.coordinator.email);
  as.owner = await signedInClient(home.owner.email);
  as.viewer = await signedInClient(home.viewer.email);
  as.stranger = await signedInClient(other.coordinator.email);
  items = await getDb().improvementItem.findMany({
    where: { evaluationArea: { evaluationId: home.evaluationId } },
    select: { id: true, text: true },
    orderBy: [{ evaluationArea: { frameworkArea: { number: "asc" } } }, { sortOrder: "asc" }],
  });
  expect(items.length).toBeGreaterThan(3);
});

describe("importing a plan from Excel", () => {
  it("guesses the Swedish columns, previews, and saves every row with owners invited and mail as by hand", async () => {
    const newcomer = `ny-${randomUUID().slice(0, 6)}@test.kompassplan.se`;
    const bytes = await xlsx([
      ["Åtgärd", "Förbättringsområde", "Delfråga", "Ansvarig e-post", "Klart senast", "Status", "Kommentar"],
      ["Excel: första åtgärden", items[0]!.text, "1.5", home.owner.email, new Date(Date.UTC(2027, 2, 31)), "Pågår", ""],
      ["Excel: andra åtgärden", `${items[1]!.text.toLowerCase()}.`, "", newcomer, "2027-06-30", "Ej påbörjad", ""],
      ["Excel: klar åtgärd", items[2]!.text, "1.2; 1.3", "", "31/12/2026", "Klar", "Beslut i KS 2026-05-01"],
    ]);
    const { preview, importId, mapping } = await uploadAndMap(bytes, "plan.xlsx");
    expect(mapping).toEqual({ title: 0, item: 1, question: 2, ownerEmail: 3, deadline: 4, status: 5, note: 6 });
    const html = await (await as.coordinator!.get(preview)).text();
    expect(html).toContain("3 rader, varav 0 med problem. 1 person bjuds in.");
    expect(html).toContain(`${newcomer} är inte medlem och bjuds in som åtgärdsansvarig när du importerar.`);
    expect(html).toContain("matchat på ordalydelsen");
    expect(html).toContain("2027-03-31");

    const key = await submissionKey(as.coordinator!, preview);
    const confirmed = await as.coordinator!.post(preview, { intent: "confirm", submissionKey: key });
    expect(confirmed.status).toBe(302);
    expect(await (await as.coordinator!.get(preview)).text()).toContain("Importen är klar: 3 åtgärder sparades i handlingsplanen.");

    const actions = await getDb().action.findMany({
      where: { municipalityId: home.municipality.id, title: { startsWith: "Excel:" } },
      include: { questions: { include: { question: true } }, notes: true, owner: true },
      orderBy: { title: "asc" },
    });
    expect(actions.map((a) => [a.title, a.status, a.deadline.toISOString().slice(0, 10), a.improvementItemId])).toEqual([
      ["Excel: andra åtgärden", "NOT_STARTED", "2027-06-30", items[1]!.id],
      ["Excel: första åtgärden", "IN_PROGRESS", "2027-03-31", items[0]!.id],
      ["Excel: klar åtgärd", "DONE", "2026-12-31", items[2]!.id],
    ]);
    expect(actions[1]!.ownerId).toBe(home.owner.id);
    expect(actions[1]!.questions.map((q) => q.question.code)).toEqual(["1.5"]);
    expect(actions[2]!.questions.map((q) => q.question.code).sort()).toEqual(["1.2", "1.3"]);
    expect(actions[2]!.notes.map((n) => n.body)).toEqual(["Beslut i KS 2026-05-01"]);
    expect(actions[2]!.completedAt).not.toBeNull();

    // The newcomer is invited as an action owner: an account without a password and a link.
    const invited = await getDb().user.findUniqueOrThrow({ where: { email: newcomer }, include: { memberships: true, invitations: true } });
    expect(invited.passwordHash).toBeNull();
    expect(invited.memberships.map((m) => [m.municipalityId, m.role])).toEqual([[home.municipality.id, "OWNER"]]);
    expect(invited.invitations).toHaveLength(1);
    expect(actions[0]!.ownerId).toBe(invited.id);
    const mails = await getDb().mailMessage.findMany({ where: { municipalityId: home.municipality.id, recipient: { in: [newcomer, home.owner.email] }, createdAt: { gte: new Date(Date.now() - 60_000) } } });
    expect(mails.filter((m) => m.kind === "invitation" && m.recipient === newcomer)).toHaveLength(1);
    expect(mails.filter((m) => m.kind === "invitation")[0]!.text).toContain("/inbjudan/");
    // An assignment mail per open action with an owner, as when an action is made by hand.
    expect(mails.filter((m) => m.kind === "assigned").map((m) => m.identity).sort()).toEqual(
      [`assigned:${actions[0]!.id}:${invited.id}:1`, `assigned:${actions[1]!.id}:${home.owner.id}:1`].sort(),
    );
    // The import keeps no cells once saved.
    expect((await getDb().planImport.findUniqueOrThrow({ where: { id: importId } })).rows).toEqual([]);
  });

  it("refuses a zip bomb and a file that is not a spreadsheet, next to the field, saving nothing", async () => {
    const before = await dbState();
    const bomb = await upload(as.coordinator!, await docxBomb(100), "plan.xlsx");
    expect(bomb.status).toBe(422);
    expect(await bomb.text()).toContain("Excelfilen innehåller för mycket när den packas upp");
    const binary = await upload(as.coordinator!, new Uint8Array([0, 1, 2, 3, 0, 255]), "plan.csv");
    const binaryHtml = await binary.text();
    expect(binaryHtml).toContain("Filen är varken en Excelfil (.xlsx) eller en CSV-fil.");
    // As every form (issue #14 item 7): a summary first that links to the field, the error at the field.
    expect(binaryHtml).toMatch(/<div class="error-summary[^"]*" role="alert"[^>]*>[\s\S]*?<a href="#file">Filen är varken/);
    expect(binaryHtml).toMatch(/<span class="field-error" id="file-error">Filen är varken/);
    expect(binaryHtml).toMatch(/<input id="file"[^>]*aria-invalid="true"[^>]*aria-describedby="file-hint file-error"/);
    const big = await upload(as.coordinator!, new Uint8Array(5 * 1024 * 1024 + 10).fill(65), "plan.csv");
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("Filen är för stor (högst 5 MB).");
    const rows = ["Åtgärd", ...Array.from({ length: 2001 }, (_, i) => `Rad ${i}`)].join("\n");
    const many = await upload(as.coordinator!, new TextEncoder().encode(rows), "plan.csv");
    expect(await many.text()).toContain("Filen har för många rader (högst 2 000 åtgärder).");
    expect(await dbState()).toEqual(before);
  });
});

describe("importing a plan from CSV", () => {
  it("reads Windows-1252 with semicolons and day-first dates, and UTF-8 with a BOM and commas", async () => {
    const ansi = windows1252(
      `Aktivitet;Förbättringsområde;E-post;Slutdatum;Status;Kommentar\r\nCSV: Möte med äldreråd;${items[3]!.text.replace(/;/g, ",")};${home.coordinator.email};15.01.2027;Pågår;Första mötet hölls\r\n`,
    );
    const first = await uploadAndMap(ansi, "plan.csv");
    expect(await (await as.coordinator!.get(first.preview)).text()).toContain("1 rad, varav 0 med problem.");
    expect((await as.coordinator!.post(first.preview, { intent: "confirm", submissionKey: await submissionKey(as.coordinator!, first.preview) })).status).toBe(302);
    const utf8 = new TextEncoder().encode(`\uFEFFÅtgärd,Förbättringsområde,Klart senast\n"CSV: Öppen nämnd, med frågor",${JSON.stringify(items[4]!.text)},2027-09-01\n`);
    const second = await uploadAndMap(utf8, "plan-utf8.csv");
    expect((await as.coordinator!.post(second.preview, { intent: "confirm", submissionKey: await submissionKey(as.coordinator!, second.preview) })).status).toBe(302);
    const saved = await getDb().action.findMany({ where: { municipalityId: home.municipality.id, title: { startsWith: "CSV:" } }, orderBy: { title: "asc" } });
    expect(saved.map((a) => [a.title, a.improvementItemId, a.deadline.toISOString().slice(0, 10), a.ownerId])).toEqual([
      ["CSV: Möte med äldreråd", items[3]!.id, "2027-01-15", home.coordinator.id],
      ["CSV: Öppen nämnd, med frågor", items[4]!.id, "2027-09-01", null],
    ]);
  });

  it("shows every kind of bad row in Swedish, refuses to confirm and saves nothing; a row attached by hand is then fine", async () => {
    const existing = await createTestAction(home, home.owner.id, "2027-06-30", "Redan i planen");
    const existingItem = items.find((i) => i.id === existing.improvementItemId)!;
    const item = items[5]!.text.replace(/;/g, ",");
    const csv = [
      "Åtgärd;Förbättringsområde;Delfråga;Ansvarig e-post;Klart senast;Status;Kommentar",
      `;${item};;;2027-01-01;;`,
      `Okänt område;Något helt annat om parkeringsplatser;;;2027-01-01;;`,
      `Fel delfråga;${item};9.9;;2027-01-01;;`,
      `Fel adress;${item};;inte-en-adress;2027-01-01;;`,
      `Förtroendevald;${item};;${home.viewer.email};2027-01-01;;`,
      `Utan datum;${item};;;;;`,
      `Konstigt datum;${item};;;nästa vår;;`,
      `Finns inte;${item};;;2027-02-30;;`,
      `För sent;${item};;;2101-01-01;;`,
      `Okänd status;${item};;;2027-01-01;Snart klar;`,
      `Klar utan kommentar;${item};;;2027-01-01;Klar;`,
      `Avbruten utan skäl;${item};;;2027-01-01;Avbruten;`,
      `Dubblett;${item};;;2027-01-01;;`,
      `Dubblett;${item};;;2027-02-01;;`,
      `Redan i planen;${existingItem.text.replace(/;/g, ",")};;;2027-01-01;;`,
    ].join("\n");
    const { preview, importId } = await uploadAndMap(new TextEncoder().encode(csv), "fel.csv");
    const html = (await (await as.coordinator!.get(preview)).text()).replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
    for (const message of [
      "Titel saknas.",
      "Förbättringsområdet ”Något helt annat om parkeringsplatser” finns inte i utvärderingen. Välj ett för hand.",
      "Delfrågan ”9.9” finns inte i utvärderingens ramverk.",
      "”inte-en-adress” är ingen e-postadress.",
      `${home.viewer.email} är förtroendevald och kan inte vara ansvarig för åtgärder.`,
      "Slutdatum saknas.",
      "”nästa vår” är inget datum. Skriv till exempel 2026-12-31.",
      "2027-02-30 finns inte i kalendern.",
      "2101-01-01 ligger utanför det tillåtna (1990-01-01 till 2100-12-31).",
      "Statusen ”Snart klar” är okänd. Använd Ej påbörjad, Pågår, Klar eller Avbruten.",
      "En klar åtgärd behöver en kommentar om vad som gjorts.",
      "En avbruten åtgärd behöver en kommentar med skälet.",
      "Samma åtgärd på samma förbättringsområde som rad 14.",
      "Åtgärden finns redan i handlingsplanen på samma förbättringsområde.",
    ])
      expect(html).toContain(message);
    expect(html).toContain("15 rader, varav 14 med problem.");

    const before = await dbState();
    const refused = await as.coordinator!.post(preview, { intent: "confirm", submissionKey: await submissionKey(as.coordinator!, preview) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Några rader har problem. Rätta dem innan du importerar; ingenting har sparats.");
    expect(await dbState()).toEqual(before);

    // The unmatched row (line 3) attached by hand loses its problem.
    const updated = await as.coordinator!.post(preview, { intent: "update", "item.3": items[0]!.id });
    expect(updated.status).toBe(302);
    const after = await (await as.coordinator!.get(preview)).text();
    expect(after).not.toContain("Något helt annat om parkeringsplatser” finns inte");
    expect(after).toContain(`<option value="${items[0]!.id}" selected="">`);
    expect((await getDb().planImport.findUniqueOrThrow({ where: { id: importId } })).choices).toEqual({ "3": items[0]!.id });
  });
});

describe("confirming once", () => {
  it("saves a repeated confirmation (same key, or a new one) only once", async () => {
    const csv = `Åtgärd;Förbättringsområde;Klart senast\nEn gång: A;${items[6]!.text};2027-05-01\nEn gång: B;${items[6]!.text};2027-05-02\n`;
    const { preview } = await uploadAndMap(new TextEncoder().encode(csv), "en-gang.csv");
    const key = await submissionKey(as.coordinator!, preview);
    const [a, b] = await Promise.all([
      as.coordinator!.post(preview, { intent: "confirm", submissionKey: key }),
      as.coordinator!.post(preview, { intent: "confirm", submissionKey: key }),
    ]);
    expect([a.status, b.status]).toEqual([302, 302]);
    const again = await as.coordinator!.post(preview, { intent: "confirm", submissionKey: randomUUID() });
    expect(again.status).toBe(302);
    expect(await getDb().action.count({ where: { municipalityId: home.municipality.id, title: { startsWith: "En gång:" } } })).toBe(2);
  });
});

describe("owners who have an account elsewhere", () => {
  it("adds them without a password link, without their name, and without revealing the account in the preview", async () => {
    const elsewhere = other.owner;
    const before = await getDb().user.findUniqueOrThrow({ where: { id: elsewhere.id } });
    const csv = `Åtgärd;Förbättringsområde;E-post;Klart senast\nAnnan kommuns person;${items[7]!.text};${elsewhere.email};2027-05-01\n`;
    const { preview } = await uploadAndMap(new TextEncoder().encode(csv), "annan.csv");
    const html = await (await as.coordinator!.get(preview)).text();
    expect(html).toContain(`${elsewhere.email} är inte medlem och bjuds in`);
    expect(html).not.toContain(elsewhere.name);
    expect((await as.coordinator!.post(preview, { intent: "confirm", submissionKey: await submissionKey(as.coordinator!, preview) })).status).toBe(302);
    const after = await getDb().user.findUniqueOrThrow({ where: { id: elsewhere.id }, include: { memberships: true, invitations: true } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.name).toBe(before.name);
    expect(after.invitations).toHaveLength(0);
    expect(after.memberships.map((m) => m.municipalityId).sort()).toEqual([home.municipality.id, other.municipality.id].sort());
    const mail = await getDb().mailMessage.findFirstOrThrow({ where: { municipalityId: home.municipality.id, recipient: elsewhere.email, kind: "invitation" } });
    expect(mail.text).not.toContain("/inbjudan/");
  });
});

describe("access", () => {
  it("is the coordinators' only: owners and viewers get 403, other municipalities 403 or 404, and nothing is saved", async () => {
    const csv = new TextEncoder().encode(`Åtgärd;Klart senast\nX;2027-01-01\n`);
    const { preview, importId } = await uploadAndMap(csv, "access.csv");
    const columns = `${base()}/${importId}`;
    const before = await dbState();
    for (const who of ["owner", "viewer", "stranger"]) {
      expect((await as[who]!.get(base())).status, who).toBe(403);
      expect((await upload(as[who]!, csv, "x.csv")).status, who).toBe(403);
      expect((await as[who]!.get(columns)).status, who).toBe(403);
      expect((await as[who]!.get(preview)).status, who).toBe(403);
      expect((await as[who]!.post(preview, { intent: "confirm" })).status, who).toBe(403);
    }
    // Another municipality's coordinator cannot open this import under their own address either.
    expect((await as.stranger!.get(`/k/${other.municipality.slug}/plan/importera/${importId}/granska`)).status).toBe(404);
    expect((await as.stranger!.post(`/k/${other.municipality.slug}/plan/importera/${importId}/granska`, { intent: "confirm" })).status).toBe(404);
    expect(await dbState()).toEqual(before);
    // The plan page links to the import for coordinators only.
    expect(await (await as.coordinator!.get(`/k/${home.municipality.slug}/plan`)).text()).toContain("Importera från Excel eller CSV");
    expect(await (await as.viewer!.get(`/k/${home.municipality.slug}/plan`)).text()).not.toContain("Importera från Excel eller CSV");
  });
});
