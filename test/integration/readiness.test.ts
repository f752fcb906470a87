import { describe, expect, it } from "vitest";
import { addEvidence, changeStatus } from "~/models/action.server.ts";
import { setNextEvaluationDate } from "~/models/municipality.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, PASSWORD } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";
import { createTestAction } from "../helpers/plan.ts";
import { readinessCommand } from "../helpers/readiness-command.ts";

describe("readiness before the next evaluation", () => {
  it("gives the same numbers on the page and from the command", async () => {
    const tenant = await createTenant("ready");
    await setNextEvaluationDate(tenant.municipality.id, "2030-06-30");
    const done = await createTestAction(tenant, tenant.owner.id, "2029-01-01", "Klar med underlag");
    await addEvidence(tenant.municipality.id, done.id, { kind: "LINK", title: "Beslut", url: "https://example.se", evidenceDate: "2026-11-01" }, tenant.owner.id);
    await changeStatus(tenant.municipality.id, done.id, 1, "DONE", null, tenant.owner.id);
    await createTestAction(tenant, tenant.owner.id, "2031-01-01", "Efter utvärderingen");

    const data = await readinessCommand(tenant.municipality.slug);
    const q15 = data.questions.find((q) => q.code === "1.5")!;
    // 1.5 Etik: 3 of 10 now; +2 secured by the done action; the one due after the evaluation is only potential.
    expect(q15).toEqual({ code: "1.5", maxPoints: 10, current: 3, secured: 5, likely: 5, potential: 7 });
    // The total starts from the report's stated score (599), not the sub-question sum (601): ADR 0040.
    expect(data.total.current).toBe(599);
    expect(data.total.secured).toBe(601);

    const http = new HttpClient();
    await http.signIn(tenant.viewer.email, PASSWORD);
    const res = await http.get(`/k/${tenant.municipality.slug}/infor-utvardering`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, "");
    expect(html).toContain("1.5 Etik - hur hantera korruption?: nu 3, säkrat 5, troligt 5, möjligt 7 av 10");
    // The folded sub-question links to its actions (read when it is unfolded, or followed without JavaScript) …
    const questionPage = `/k/${tenant.municipality.slug}/infor-utvardering/delfraga/1.5`;
    expect(html).toContain(`href="${questionPage}">Visa de 2 åtgärder som bidrar till delfråga 1.5</a>`);
    // … rather than carrying every contribution of every sub-question (ADR 0046).
    expect(html).not.toContain(": +2 × 100 % –");
    expect(html).toContain("1 åtgärd med slutdatum efter utvärderingen");
    for (const a of data.areas) {
      expect(html).toContain(`href="#area-${a.number}"`);
    }
    expect(html).toMatch(new RegExp(`Totalt</th><td class="num">599</td><td class="num">601</td>`));

    const question = await http.get(questionPage);
    expect(question.status).toBe(200);
    const explained = (await question.text()).replace(/<!-- -->/g, "");
    expect(explained).toContain("<h1>Delfråga 1.5: Etik - hur hantera korruption?</h1>");
    expect(explained).toContain("1.5 Etik - hur hantera korruption?: nu 3, säkrat 5, troligt 5, möjligt 7 av 10");
    // The title is the link; effect, weight and rule follow it.
    expect(explained).toContain(`<a href="/k/${tenant.municipality.slug}/atgarder/${done.id}">Klar med underlag</a>: +2 × 100 % – Klar med underlag: räknas som säkrad.`);
    expect(explained).toContain(">Efter utvärderingen</a>: +2 × 0 % – Slutdatum efter utvärderingen: räknas inte som trolig.");
    expect(explained).toContain(`href="/k/${tenant.municipality.slug}/infor-utvardering#delfraga-1.5"`);
    // … and the fold it leads back to has that id.
    expect(html).toContain(`<details id="delfraga-1.5">`);
  });

  it("explains one sub-question only to the municipality's own members, and says so when there is no such sub-question", async () => {
    const tenant = await createTenant("ready-q");
    const other = await createTenant("ready-q-other");
    await createTestAction(tenant, tenant.owner.id, "2029-01-01", "Hemlig åtgärd i A");
    const questionPage = `/k/${tenant.municipality.slug}/infor-utvardering/delfraga/1.5`;

    const stranger = new HttpClient();
    await stranger.signIn(other.coordinator.email, PASSWORD);
    const refused = await stranger.get(questionPage);
    expect([403, 404]).toContain(refused.status);
    expect(await refused.text()).not.toContain("Hemlig åtgärd i A");
    // Fetched as data (as the readiness page does when a sub-question is unfolded): refused too.
    const dataPath = `${questionPage}.data?_route=${encodeURIComponent("routes/k.$slug.infor-utvardering_.delfraga.$code")}`;
    const refusedData = await stranger.get(dataPath);
    expect(refusedData.status).toBe(403);
    expect(await refusedData.text()).not.toContain("Hemlig åtgärd i A");

    const signedOut = await new HttpClient().get(questionPage);
    expect(signedOut.status).toBe(302);
    const signedOutData = await new HttpClient().get(dataPath);
    expect(await signedOutData.text()).not.toContain("Hemlig åtgärd i A");

    const viewer = new HttpClient();
    await viewer.signIn(tenant.viewer.email, PASSWORD);
    expect(await (await viewer.get(questionPage)).text()).toContain("Hemlig åtgärd i A");
    const memberData = await viewer.get(dataPath);
    expect(memberData.status).toBe(200);
    expect(await memberData.text()).toContain("Hemlig åtgärd i A");
    for (const missing of ["9.9", "x".repeat(21)]) {
      const res = await viewer.get(`/k/${tenant.municipality.slug}/infor-utvardering/delfraga/${missing}`);
      expect(res.status).toBe(404);
      const page = await res.text();
      expect(page).toContain("<title>Delfrågan finns inte – Kompassplan</title>");
      expect(page).toContain("<h1>Delfrågan finns inte</h1>");
      expect(page).toContain(`Det finns ingen delfråga ${missing.slice(0, 20)} i prognosen.`);
      expect(page).toContain(`href="/k/${tenant.municipality.slug}/infor-utvardering"`);
    }

    // Without an evaluation there is no projection to explain, and the page says so.
    await getDb().evaluation.deleteMany({ where: { municipalityId: other.municipality.id } });
    const empty = await stranger.get(`/k/${other.municipality.slug}/infor-utvardering/delfraga/1.5`);
    expect(empty.status).toBe(404);
    expect(await empty.text()).toContain("Kommunen har ingen utvärdering ännu, så det finns ingen prognos per delfråga.");
  });
});
