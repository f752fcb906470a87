import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_DATE, MIN_DATE } from "~/domain/dates.ts";
import { questionsForItem } from "~/models/action.server.ts";
import { createCommittee } from "~/models/committee.server.ts";
import { saveReport } from "~/models/follow-up-report.server.ts";
import { createFrameworkVersion } from "~/models/framework-admin.server.ts";
import { createMunicipality } from "~/models/municipality.server.ts";
import { storeOperatorLink } from "~/models/operator-setup.server.ts";
import { createUserWithPassword, inviteMember } from "~/models/user.server.ts";
import { createPlanImport } from "~/models/plan-import.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { currentReport } from "~/workflows/readiness.server.ts";
import { dbState } from "../helpers/db-state.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { formBody, htmlForms, type HtmlForm } from "../helpers/html-forms.ts";
import { HttpClient } from "../helpers/http.ts";
import { randomOrganisationNumber } from "../helpers/organisation-number.ts";
import { createTestAction } from "../helpers/plan.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";

/**
 * Hostile values in every field of every form, posted as the role allowed to post it, the way
 * a browser would (same origin, urlencoded or multipart as the form says): no answer is a 500,
 * and a refused post changes nothing in the database. Afterwards every stored date lies in the
 * accepted range and every page still renders.
 */

const HOSTILE: Array<[label: string, value: string]> = [
  ["NUL", "a\u0000b"],
  ["1 MB", "å".repeat(500_000)],
  ["far date", "9999-12-31"],
  ["impossible date", "2026-02-30"],
  ["year zero", "0000-01-01"],
  ["hex", "0x10"],
  ["huge", "1e308"],
  ["negative", "-1"],
  ["NaN", "NaN"],
  ["script", "<script>alert(1)</script>"],
  ["formula", "=cmd|' /C calc'!A0"],
];

let tenant: Tenant;
let base: string;
const as: Record<"coordinator" | "owner" | "operator" | "anonymous", HttpClient> = {} as never;
let actionId: string;
let itemId: string;
let questionId: string;
let invitationToken: string;
let resetToken: string;
let consoleSlug: string;
let consoleFill: Record<string, string>;
let operatorToken: string;
let frameworkKey: string;
let oldQuestionId: string;
let planImportId: string;
let reportId: string;

interface Target {
  /** The route module (file name under app/routes) whose action the form posts to. */
  route: string;
  who: keyof typeof as;
  page: () => string;
  /** Values a person fills in before sending (the page leaves them empty). */
  fill?: () => Record<string, string>;
  /** A form the page shows only after an earlier step (the import preview's save). */
  extraForms?: () => Promise<HtmlForm[]>;
}

const targets: Target[] = [
  { route: "k.$slug.paminnelser.tsx", who: "coordinator", page: () => `${base}/paminnelser` },
  { route: "k.$slug.infor-utvardering.tsx", who: "coordinator", page: () => `${base}/infor-utvardering` },
  { route: "k.$slug.plan.ny.tsx", who: "coordinator", page: () => `${base}/plan/ny?punkt=${itemId}`, fill: () => ({ title: "Fuzzad åtgärd", [`effect.${questionId}`]: "1" }) },
  { route: "k.$slug.atgarder.$actionId_.redigera.tsx", who: "coordinator", page: () => `${base}/atgarder/${actionId}/redigera` },
  {
    route: "k.$slug.atgarder.$actionId.tsx",
    who: "owner",
    page: () => `${base}/atgarder/${actionId}`,
    fill: () => ({ body: "En anteckning", title: "Ett underlag", url: "https://example.se/beslut", kind: "LINK", evidenceDate: "2026-10-01", reason: "Skäl" }),
  },
  { route: "k.$slug.rapporter._index.tsx", who: "coordinator", page: () => `${base}/rapporter` },
  { route: "k.$slug.rapporter.$reportId.tsx", who: "coordinator", page: () => `${base}/rapporter/${reportId}` },
  { route: "k.$slug.namnder.tsx", who: "coordinator", page: () => `${base}/namnder`, fill: () => ({ name: "Fuzzförvaltningen" }) },
  { route: "k.$slug.utvarderingar.$evaluationId.tsx", who: "coordinator", page: () => `${base}/utvarderingar/${tenant.evaluationId}` },
  { route: "k.$slug.utvarderingar.$evaluationId_.redigera.tsx", who: "coordinator", page: () => `${base}/utvarderingar/${tenant.evaluationId}/redigera` },
  {
    route: "k.$slug.utvarderingar.ny.tsx",
    who: "coordinator",
    page: () => `${base}/utvarderingar/ny`,
    fill: () => ({ text: "Kommunkompassen\nUtvärdering av en kommun" }),
    // The save step of the import: the edit form's fields sent to /ny with intent=save.
    extraForms: async () => {
      const html = await (await as.coordinator.get(`${base}/utvarderingar/${tenant.evaluationId}/redigera`)).text();
      const edit = htmlForms(html).find((f) => f.method === "post" && f.fields.some((x) => x.name === "year"))!;
      const fields = edit.fields.filter((f) => f.name !== "intent");
      fields.push({ name: "intent", value: "save", type: "hidden" }, { name: "frameworkVersionKey", value: "2010", type: "hidden" });
      fields.push({ name: "sourceHash", value: "", type: "hidden" });
      return [{ action: `${base}/utvarderingar/ny`, method: "post", multipart: true, fields: fields.map((f) => (f.name === "year" ? { ...f, value: "2019" } : f)) }];
    },
  },
  { route: "k.$slug.mina-atgarder.tsx", who: "owner", page: () => `${base}/mina-atgarder` },
  { route: "logga-in.tsx", who: "anonymous", page: () => "/logga-in", fill: () => ({ email: "ingen.alls@test.kompassplan.se", password: "fel-lösenord" }) },
  { route: "inbjudan.$token.tsx", who: "anonymous", page: () => `/inbjudan/${invitationToken}`, fill: () => ({ password: "ett-bra-lösenord", confirm: "ett-annat-lösenord" }) },
  {
    route: "drift.tsx",
    who: "operator",
    page: () => "/drift",
    // Retrying a failed job: the page shows the form only when a job has failed.
    extraForms: async () => [
      { action: "/drift", method: "post", multipart: false, fields: [{ name: "queue", value: "mail", type: "hidden" }, { name: "jobId", value: "mail-finns-inte", type: "hidden" }] },
    ],
  },
  // Erasing a person: the box is unticked on the page, so its field is fuzzed from a form of its own (never "ja").
  {
    route: "k.$slug.anvandare_.$userId.radera.tsx",
    who: "coordinator",
    page: () => `${base}/anvandare/${tenant.viewer.id}/radera`,
    extraForms: async () => [{ action: `${base}/anvandare/${tenant.viewer.id}/radera`, method: "post", multipart: false, fields: [{ name: "confirm", value: "nej", type: "checkbox" }] }],
  },
  {
    route: "drift_.personer.$userId.radera.tsx",
    who: "operator",
    page: () => `/drift/personer/${tenant.viewer.id}/radera`,
    extraForms: async () => [{ action: `/drift/personer/${tenant.viewer.id}/radera`, method: "post", multipart: false, fields: [{ name: "confirm", value: "nej", type: "checkbox" }] }],
  },
  // Mitt konto: the new password never matches its repetition, so no hostile post changes the password.
  { route: "konto.tsx", who: "owner", page: () => "/konto", fill: () => ({ current: PASSWORD, password: "ett-bra-lösenord", confirm: "ett-annat-lösenord" }) },
  { route: "glomt-losenord.tsx", who: "anonymous", page: () => "/glomt-losenord", fill: () => ({ email: "ingen.alls@test.kompassplan.se" }) },
  { route: "aterstall-losenord.$token.tsx", who: "anonymous", page: () => `/aterstall-losenord/${resetToken}`, fill: () => ({ password: "ett-bra-lösenord", confirm: "ett-annat-lösenord" }) },
  // Leaving for the municipality's OpenID Connect provider: the button's only field. Before the
  // provider is set up below, so nothing is ever fetched from the (made-up) issuer.
  {
    route: "logga-in_.oidc.$slug.tsx",
    who: "anonymous",
    page: () => "/healthz",
    extraForms: async () => [
      { action: `/logga-in/oidc/${tenant.municipality.slug}`, method: "post", multipart: false, fields: [{ name: "redirectTo", value: "", type: "hidden" }] },
    ],
  },
  {
    route: "k.$slug.inloggning.tsx",
    who: "coordinator",
    page: () => `${base}/inloggning`,
    fill: () => ({ issuer: "https://login.example.se", clientId: "kompassplan", clientSecret: "hemlig", displayName: "Kommunens konto", domains: "test.kompassplan.se" }),
  },
  { route: "konto_.tvastegsinloggning.tsx", who: "owner", page: () => "/konto/tvastegsinloggning" },
  {
    route: "logga-in_.kod.tsx",
    who: "anonymous",
    page: () => "/logga-in",
    // The code page shows its form only to a browser with a sign-in waiting for its second step.
    extraForms: async () => [{ action: "/logga-in/kod", method: "post", multipart: false, fields: [{ name: "code", value: "", type: "text" }] }],
  },
  // The operator console (issue #12): creating a municipality, and one municipality of its own (never the tenant's).
  { route: "drift_.kommuner._index.tsx", who: "operator", page: () => "/drift/kommuner", fill: () => consoleFill },
  { route: "drift_.kommuner.$slug.tsx", who: "operator", page: () => `/drift/kommuner/${consoleSlug}`, fill: () => ({ name: "Fuzz Samordnare", email: "fuzz.samordnare@test.kompassplan.se" }) },
  {
    route: "drift_.ramverk._index.tsx",
    who: "operator",
    page: () => "/drift/ramverk",
    fill: () => ({ name: "Fuzzversion", key: frameworkKey.replace("fuzz-", "fuzz-ny-").slice(0, 40), firstYear: "2030", areas: "Ett; 100" }),
  },
  { route: "drift_.ramverk.$key.tsx", who: "operator", page: () => `/drift/ramverk/${frameworkKey}` },
  { route: "driftansvarig.$token.tsx", who: "anonymous", page: () => `/driftansvarig/${operatorToken}`, fill: () => ({ password: "ett-bra-lösenord", confirm: "ett-annat-lösenord" }) },
  // Correspondences between versions (issue #13, item 4): one old question's form, a municipality's and the shared one.
  { route: "k.$slug.motsvarigheter.tsx", who: "coordinator", page: () => `${base}/motsvarigheter?fran=pre-2010&till=2010&fraga=${oldQuestionId}` },
  { route: "drift_.ramverk_.motsvarigheter.tsx", who: "operator", page: () => `/drift/ramverk/motsvarigheter?fran=pre-2010&till=2010&fraga=${oldQuestionId}` },
  // The plan import (issue #13, item 6): the upload, the columns and the preview of an import made in beforeAll,
  // whose one row names an item the evaluation does not have, so a confirmation is refused.
  {
    route: "k.$slug.plan.importera.tsx",
    who: "coordinator",
    page: () => `${base}/plan/importera`,
    // The page's only field is the file; hostile text is sent in its place.
    extraForms: async () => [{ action: `${base}/plan/importera`, method: "post", multipart: true, fields: [{ name: "file", value: "", type: "text" }] }],
  },
  { route: "k.$slug.plan.importera_.$importId.tsx", who: "coordinator", page: () => `${base}/plan/importera/${planImportId}` },
  { route: "k.$slug.plan.importera_.$importId_.granska.tsx", who: "coordinator", page: () => `${base}/plan/importera/${planImportId}/granska` },
  // Last: a role form whose first button is "remove" ignores a hostile role and removes the member.
  { route: "k.$slug.anvandare.tsx", who: "coordinator", page: () => `${base}/anvandare`, fill: () => ({ name: "Ny Person", email: "ny.person@test.kompassplan.se" }) },
];
/** Route modules with an action that have nothing to fuzz: signing out takes no field. */
// No fields of their own: signing out, and using a mailed sign-in link (one button).
const NO_FIELDS = ["logga-ut.tsx", "logga-in_.lank.$token.tsx"];

beforeAll(async () => {
  tenant = await createTenant("fuzz");
  base = `/k/${tenant.municipality.slug}`;
  const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Fuzzåtgärd");
  actionId = action.id;
  itemId = action.improvementItemId;
  questionId = (await questionsForItem(tenant.municipality.id, itemId))!.questions.find((q) => q.code === "1.5")!.id;
  oldQuestionId = (await getDb().frameworkQuestion.findFirstOrThrow({ where: { code: "1.1", area: { version: { key: "pre-2010" } } } })).id;
  const operator = await createUserWithPassword({ email: `drift-${tenant.municipality.slug}@test.kompassplan.se`, name: "Drift", password: PASSWORD });
  await getDb().user.update({ where: { id: operator.id }, data: { isOperator: true } });
  const invited = await inviteMember(tenant.municipality.id, { email: `inbjuden-${tenant.municipality.slug}@test.kompassplan.se`, name: "Inbjuden", role: "OWNER" }, tenant.coordinator.id);
  invitationToken = invited.token!;
  // An open forgotten-password link of the operator's (as the mailed link would carry).
  resetToken = randomBytes(32).toString("base64url");
  await getDb().passwordReset.create({
    data: { userId: operator.id, tokenHash: createHash("sha256").update(resetToken).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) },
  });
  consoleSlug = (await createMunicipality(`fuzz-konsol-${tenant.municipality.slug}`.slice(0, 40).replace(/-$/, ""), "Fuzzkonsolens kommun")).slug;
  consoleFill = { name: "Fuzzkommun", slug: `fuzz-ny-${tenant.municipality.slug}`.slice(0, 40).replace(/-$/, ""), organisationNumber: randomOrganisationNumber() };
  // A fictional framework version of this file's own, for the operator's version page (issue #13, item 1).
  frameworkKey = `fuzz-${randomBytes(4).toString("hex")}`;
  await createFrameworkVersion(
    {
      key: frameworkKey,
      name: "Påhittad fuzzversion",
      firstYear: 2030,
      areas: [{ number: 1, name: "Fuzzområde", maxPoints: 100, headings: [], questions: [{ code: "1.1", text: "Fuzzfråga?", maxPoints: 60 }, { code: "1.2", text: "Andra fuzzfrågan?", maxPoints: 40 }] }],
    },
    operator.id,
  );
  operatorToken = randomBytes(32).toString("base64url");
  await storeOperatorLink(`drift-ny-${tenant.municipality.slug}@test.kompassplan.se`, operatorToken, new Date(Date.now() + 3_600_000), new Date());
  planImportId = (
    await createPlanImport(tenant.municipality.id, tenant.coordinator.id, {
      fileName: "fuzz.csv",
      headings: ["Åtgärd", "Förbättringsområde", "Klart senast"],
      rows: [{ line: 2, cells: ["Fuzzimport", "Ett område som utvärderingen inte har", "2027-01-01"] }],
      mapping: { title: 0, item: 1, question: null, ownerEmail: null, deadline: 2, status: null, note: null },
    })
  ).id;
  // A committee (so its rename and remove forms are on the page) and a saved report (its cover text form), issue #14 item 5.
  await createCommittee(tenant.municipality.id, "Fuzznämnden", tenant.coordinator.id);
  reportId = (await saveReport(tenant.municipality.id, tenant.coordinator.id, "Fuzzrapport", (await currentReport(tenant.municipality.id, new Date()))!)).id;
  for (const [who, email] of [["coordinator", tenant.coordinator.email], ["owner", tenant.owner.email], ["operator", operator.email]] as const) {
    as[who] = new HttpClient();
    expect((await as[who].signIn(email, PASSWORD)).status, who).toBe(302);
  }
  // Operators use two-step sign-in (issue #12, item 6); the owner's set-up page keeps the secret it shows from its first visit on.
  await setUpTwoStep(as.operator);
  expect((await as.owner.get("/konto/tvastegsinloggning")).status).toBe(200);
  as.anonymous = new HttpClient();
});

/** One field of each kind: q.1.1.points stands for every question's points, effect.<id> for every effect. */
const kindOf = (name: string) => name.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "#").replace(/\d+/g, "#");

/** The page's post forms, one of each shape (the same form for every member is fuzzed once). */
async function formsOf(target: Target): Promise<HtmlForm[]> {
  const res = await as[target.who].get(target.page());
  expect(res.status, target.page()).toBe(200);
  const forms = [...htmlForms(await res.text()).filter((f) => f.method === "post"), ...(target.extraForms ? await target.extraForms() : [])];
  const seen = new Set<string>();
  return forms.filter((f) => {
    const shape = [f.action, ...f.fields.map((x) => (x.name === "intent" ? `intent=${x.value}` : kindOf(x.name))).sort()].join("|");
    return !seen.has(shape) && seen.add(shape);
  });
}

function send(target: Target, form: HtmlForm, body: URLSearchParams) {
  let payload: URLSearchParams | FormData = body;
  if (form.multipart) {
    payload = new FormData();
    for (const [k, v] of body) payload.append(k, v);
  }
  return as[target.who].request(form.action ?? target.page(), { method: "POST", body: payload });
}

describe("hostile values in every form", () => {
  it("covers every route with an action", () => {
    const dir = path.resolve(import.meta.dirname, "../../app/routes");
    const withAction = readdirSync(dir).filter((f) => /export (async )?function action\b/.test(readFileSync(path.join(dir, f), "utf8")));
    expect(withAction.sort()).toEqual([...targets.map((t) => t.route), ...NO_FIELDS].sort());
  });

  it("never answers 500, and a refused post changes nothing", { timeout: 360_000 }, async () => {
    const failures: string[] = [];
    let posts = 0;
    let state = await dbState();
    for (const target of targets) {
      const started = performance.now();
      const postsBefore = posts;
      const forms = await formsOf(target);
      expect(forms.length, `${target.route} shows a form`).toBeGreaterThan(0);
      for (let f = 0; f < forms.length; f++) {
        const seen = new Set<string>();
        const names = forms[f]!.fields.map((x) => x.name).filter((n) => !seen.has(kindOf(n)) && seen.add(kindOf(n)));
        for (const name of names) {
          for (const [label, value] of HOSTILE) {
            const form = forms[f]!;
            const fill = Object.fromEntries(Object.entries(target.fill?.() ?? {}).filter(([k]) => form.fields.some((x) => x.name === k)));
            const res = await send(target, form, formBody(form, { ...fill, [name]: value }));
            await res.arrayBuffer();
            posts++;
            const what = `${target.route} [${form.fields.map((x) => x.name).slice(0, 3).join(",")}] ${name}=${label} → ${res.status}`;
            if (res.status >= 500) failures.push(what);
            const after = await dbState();
            if (res.status >= 400) {
              const changed = Object.keys(after).filter((k) => after[k] !== state[k]);
              if (changed.length > 0) failures.push(`${what} changed ${changed.join(", ")}`);
            } else if (form.fields.some((x) => x.name === "version")) {
              // Accepted, and the form carries the version it was loaded with: start again from the page as it now is.
              forms.splice(0, forms.length, ...(await formsOf(target)));
            }
            state = after;
            if (f >= forms.length) break;
          }
        }
      }
      if (process.env.FUZZ_DEBUG) console.log(`${target.route}: ${posts - postsBefore} posts in ${Math.round(performance.now() - started)} ms`);
    }
    expect(failures).toEqual([]);
    expect(posts).toBeGreaterThan(300);
  });

  it("leaves only dates in range and percents in 0–100 in the database, and every page readable", async () => {
    const db = getDb();
    const [min, max] = [new Date(`${MIN_DATE}T00:00:00Z`), new Date(`${MAX_DATE}T00:00:00Z`)];
    // This tenant's data only: other test files store out-of-range dates on purpose, to prove
    // that data saved before the range existed still renders.
    const municipalityId = tenant.municipality.id;
    const outside = <K extends string>(field: K) => ({ OR: [{ [field]: { lt: min } }, { [field]: { gt: max } }] });
    expect(await db.action.count({ where: { municipalityId, ...outside("deadline") } })).toBe(0);
    expect(await db.evidence.count({ where: { action: { municipalityId }, ...outside("evidenceDate") } })).toBe(0);
    expect(await db.municipality.count({ where: { id: municipalityId, ...outside("nextEvaluationDate") } })).toBe(0);
    expect(await db.evaluation.count({ where: { municipalityId, ...outside("reportDate") } })).toBe(0);
    expect(
      await db.questionScore.count({
        where: { evaluation: { municipalityId }, OR: [{ printedPercent: { lt: 0 } }, { printedPercent: { gt: 100 } }] },
      }),
    ).toBe(0);
    for (const page of ["", "/infor-utvardering", "/rapporter/aktuell", "/rapporter/aktuell/pdf", "/plan", "/utvarderingar", "/anvandare", "/plan.csv"]) {
      const res = await as.coordinator.get(`${base}${page}`);
      expect(res.status, page).toBe(200);
      await res.arrayBuffer();
    }
  });
});
