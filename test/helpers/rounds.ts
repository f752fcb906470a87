import { randomUUID } from "node:crypto";
import { addEvidence, changeStatus, createAction } from "~/models/action.server.ts";
import { upsertFrameworkVersion } from "~/models/catalog.server.ts";
import type { NewEvaluation } from "~/models/evaluation.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { ensureCatalog, type Tenant } from "./fixtures.ts";

/**
 * Fictional evaluation rounds for the tests of a new round (issue #13 item 5): the questions
 * of a catalog version with generated points (never a real municipality's scores), and
 * fictional strengths and improvement items.
 */

/** Half of each maximum (rounded down to a half point), changed where `changes` says. */
export async function fictionalRound(year: number, changes: Record<string, number> = {}, versionKey = "2010"): Promise<NewEvaluation> {
  await ensureCatalog();
  const version = await getDb().frameworkVersion.findUniqueOrThrow({
    where: { key: versionKey },
    include: { areas: { orderBy: { number: "asc" }, include: { questions: { orderBy: { sortOrder: "asc" } } } } },
  });
  const areas = version.areas.map((area) => {
    const scores = area.questions.map((q) => {
      const max = Number(q.maxPoints);
      const points = Math.min(max, Math.floor(max) / 2 + (changes[q.code] ?? 0));
      return { code: q.code, points, printedPercent: null };
    });
    return {
      number: area.number,
      statedPoints: scores.reduce((s, q) => s + q.points, 0),
      scores,
      strengths: [`Fiktiv styrka ${area.number}`],
      improvements: [`Fiktivt förbättringsområde ${area.number}.1 (${year})`, `Fiktivt förbättringsområde ${area.number}.2 (${year})`],
      goodExamples: [],
    };
  });
  return {
    frameworkVersionKey: versionKey,
    year,
    period: null,
    reportDate: new Date(`${year}-05-01T00:00:00Z`),
    evaluators: ["Fiktiv utvärderare"],
    statedTotal: areas.reduce((s, a) => s + a.statedPoints, 0),
    sourceName: `Fiktiv utvärdering ${year}`,
    sourceHash: null,
    areas,
  };
}

/** Current points of a question in an evaluation. */
export async function pointsOf(evaluationId: string, code: string) {
  const score = await getDb().questionScore.findFirstOrThrow({ where: { evaluationId, question: { code } } });
  return Number(score.points);
}

/** An action on the first improvement item of `area` in the evaluation, linked to `code` with `effect`. */
export async function actionOn(tenant: Tenant, area: number, code: string, effect: number, title: string, deadline = "2027-02-01") {
  const item = await getDb().improvementItem.findFirstOrThrow({
    where: { evaluationArea: { evaluationId: tenant.evaluationId, frameworkArea: { number: area } } },
    orderBy: { sortOrder: "asc" },
  });
  const question = await getDb().frameworkQuestion.findFirstOrThrow({
    where: { code, area: { version: { evaluations: { some: { id: tenant.evaluationId } } } } },
  });
  return createAction(
    tenant.municipality.id,
    item.id,
    { title, description: "", ownerId: tenant.owner.id, deadline, priority: "MEDIUM", effects: [{ questionId: question.id, expectedEffect: effect }] },
    tenant.coordinator.id,
  );
}

/** Marks an action done with a piece of evidence (as the owner would). */
export async function finish(tenant: Tenant, actionId: string) {
  await addEvidence(tenant.municipality.id, actionId, { kind: "LINK", title: "Beslut", url: "https://example.se", evidenceDate: "2026-11-01" }, tenant.owner.id);
  await changeStatus(tenant.municipality.id, actionId, 1, "DONE", null, tenant.owner.id);
}

export async function start(tenant: Tenant, actionId: string) {
  await changeStatus(tenant.municipality.id, actionId, 1, "IN_PROGRESS", null, tenant.owner.id);
}

/**
 * A fictional framework version created at run time: 8 areas of 100 points, each with the
 * questions `<area>.1` (60 p) and `<area>.2` (40 p). Returns its key.
 */
export async function fictionalVersion() {
  const key = `fiktiv-${randomUUID().slice(0, 8)}`;
  await upsertFrameworkVersion({
    key,
    name: `Fiktiv version ${key}`,
    firstYear: 1900,
    areas: Array.from({ length: 8 }, (_, i) => ({
      number: i + 1,
      name: `Fiktivt område ${i + 1}`,
      maxPoints: 100,
      headings: [],
      questions: [
        { code: `${i + 1}.1`, text: `Fiktiv delfråga ${i + 1}.1`, maxPoints: 60 },
        { code: `${i + 1}.2`, text: `Fiktiv delfråga ${i + 1}.2`, maxPoints: 40 },
      ],
    })),
  } as never);
  return key;
}
