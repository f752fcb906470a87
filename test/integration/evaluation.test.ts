import { describe, expect, it } from "vitest";
import { scoreEvaluation } from "~/domain/scoring.ts";
import {
  createEvaluation,
  deleteEvaluation,
  UnknownQuestionError,
  EvaluationHasActionsError,
  getEvaluation,
  getLatestEvaluations,
} from "~/models/evaluation.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { createTenant, demoEvaluation, PASSWORD } from "../helpers/fixtures.ts";
import { HttpClient } from "../helpers/http.ts";

describe("evaluations", () => {
  it("stores points as exact decimals and keeps stated totals beside the sums", async () => {
    const tenant = await createTenant("eval");
    const evaluation = await getEvaluation(tenant.municipality.id, tenant.evaluationId);
    const scored = scoreEvaluation(evaluation!.areas, evaluation!.statedTotal);
    expect(scored.total).toBe(599);
    expect(scored.questionSum).toBe(601);
    expect(scored.areas.map((a) => a.difference)).toEqual([1, -1, -2, -1, 0, 0, 0, 1]);
    const column = await getDb().$queryRaw<Array<{ data_type: string }>>`
      SELECT data_type FROM information_schema.columns WHERE table_name = 'QuestionScore' AND column_name = 'points'`;
    expect(column[0]!.data_type).toBe("numeric");
  });

  it("shows both numbers on the evaluation page where the report's sums disagree", async () => {
    const tenant = await createTenant("evalpage");
    const http = new HttpClient();
    await http.signIn(tenant.viewer.email, PASSWORD);
    const html = await (await http.get(`/k/${tenant.municipality.slug}/utvarderingar/${tenant.evaluationId}`)).text();
    expect(html).toContain("Rapporten anger 87 poäng för området, men delfrågornas poäng summeras till 89.");
    expect(html).toContain("1.5");
    expect(html).toContain("Etik");
    expect(html).toContain("Stödjande IT-teknik för att föra ut resultat och jämförelser på enhetsnivå");
    expect(html).toContain("Rapporten anger 86 %");
  });

  it("saves an evaluation in one transaction: a failure half-way leaves nothing behind", async () => {
    const tenant = await createTenant("atomic");
    const before = await getDb().evaluation.count({ where: { municipalityId: tenant.municipality.id } });
    const draft = demoEvaluation({ year: 2030 });
    draft.areas[7]!.scores.push({ code: "8.99", points: 1, printedPercent: null });
    await expect(createEvaluation(tenant.municipality.id, draft, null)).rejects.toThrow(UnknownQuestionError);
    expect(await getDb().evaluation.count({ where: { municipalityId: tenant.municipality.id } })).toBe(before);
    expect(await getDb().evaluation.count({ where: { municipalityId: tenant.municipality.id, year: 2030 } })).toBe(0);
  });

  it("lists the latest evaluations newest first for the start page", async () => {
    const tenant = await createTenant("latest");
    const latest = await getLatestEvaluations(tenant.municipality.id, 2);
    expect(latest).toHaveLength(1);
    expect(latest[0]!.id).toBe(tenant.evaluationId);
  });

  it("refuses to delete an evaluation that has actions, and the database refuses a cascade too", async () => {
    const tenant = await createTenant("delete");
    const item = await getDb().improvementItem.findFirstOrThrow({
      where: { evaluationArea: { evaluationId: tenant.evaluationId } },
    });
    await getDb().action.create({
      data: {
        municipalityId: tenant.municipality.id,
        improvementItemId: item.id,
        title: "Inför visselblåsarfunktion",
        deadline: new Date("2027-06-30"),
      },
    });
    await expect(deleteEvaluation(tenant.municipality.id, tenant.evaluationId, tenant.coordinator.id)).rejects.toThrow(
      EvaluationHasActionsError,
    );
    await expect(getDb().evaluation.delete({ where: { id: tenant.evaluationId } })).rejects.toThrow();
    expect(await getDb().evaluation.count({ where: { id: tenant.evaluationId } })).toBe(1);

    const http = new HttpClient();
    await http.signIn(tenant.coordinator.email, PASSWORD);
    const res = await http.post(`/k/${tenant.municipality.slug}/utvarderingar/${tenant.evaluationId}`, { intent: "delete" });
    expect(res.status).toBe(409);
    // The refusal names the year and the linked action (issue #14 item 6: a clear reason).
    const refused = await res.text();
    expect(refused).toMatch(/Utvärderingen \d{4} kan inte tas bort: 1 åtgärd är kopplad till dess förbättringsområden\./);
    expect(refused).toContain("Inför visselblåsarfunktion");
  });

  it("lets a coordinator delete an evaluation without actions, with an audit entry", async () => {
    const tenant = await createTenant("deleteok");
    const http = new HttpClient();
    await http.signIn(tenant.coordinator.email, PASSWORD);
    const res = await http.post(`/k/${tenant.municipality.slug}/utvarderingar/${tenant.evaluationId}`, { intent: "delete", confirmed: "yes" });
    expect(res.status).toBe(302);
    expect(await getDb().evaluation.count({ where: { id: tenant.evaluationId } })).toBe(0);
    expect(await getDb().questionScore.count({ where: { evaluationId: tenant.evaluationId } })).toBe(0);
    expect(
      await getDb().auditEvent.count({ where: { entityId: tenant.evaluationId, event: "deleted", actorId: tenant.coordinator.id } }),
    ).toBe(1);
  });
});
