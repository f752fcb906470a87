import type { AreaInput } from "~/domain/scoring.ts";
import { getDb } from "~/services/db.server.ts";
import { recordAudit } from "./audit.server.ts";

/** Evaluation queries. Every function takes the municipality id, so tenancy cannot be forgotten. */

export async function listEvaluations(municipalityId: string) {
  const rows = await getDb().evaluation.findMany({
    where: { municipalityId },
    select: {
      id: true,
      year: true,
      period: true,
      statedTotal: true,
      frameworkVersion: { select: { key: true, name: true } },
    },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
  });
  return rows.map((r) => ({ ...r, statedTotal: r.statedTotal?.toString() ?? null }));
}

export interface EvaluationForScoring {
  id: string;
  year: number;
  period: string | null;
  reportDate: Date | null;
  evaluators: string[];
  sourceName: string | null;
  statedTotal: string | null;
  frameworkVersion: { key: string; name: string };
  areas: Array<
    AreaInput & {
      headings: string[];
      strengths: string[];
      improvements: Array<{ id: string; text: string }>;
      goodExamples: string[];
    }
  >;
}

/**
 * One evaluation with every area of its framework version: the sub-questions (points null
 * where the evaluation has none), stated totals, strengths, improvement items, good examples.
 */
export async function getEvaluation(
  municipalityId: string,
  evaluationId: string,
): Promise<EvaluationForScoring | null> {
  const evaluation = await getDb().evaluation.findFirst({
    where: { id: evaluationId, municipalityId },
    include: {
      frameworkVersion: {
        include: { areas: { include: { questions: true }, orderBy: { number: "asc" } } },
      },
      scores: true,
      areas: {
        include: {
          strengths: { orderBy: { sortOrder: "asc" } },
          improvements: { orderBy: { sortOrder: "asc" } },
        },
      },
    },
  });
  if (!evaluation) return null;
  const scoreByQuestion = new Map(evaluation.scores.map((s) => [s.questionId, s]));
  const evalAreaByFramework = new Map(evaluation.areas.map((a) => [a.frameworkAreaId, a]));
  return {
    id: evaluation.id,
    year: evaluation.year,
    period: evaluation.period,
    reportDate: evaluation.reportDate,
    evaluators: evaluation.evaluators,
    sourceName: evaluation.sourceName,
    statedTotal: evaluation.statedTotal?.toString() ?? null,
    frameworkVersion: { key: evaluation.frameworkVersion.key, name: evaluation.frameworkVersion.name },
    areas: evaluation.frameworkVersion.areas.map((area) => {
      const evalArea = evalAreaByFramework.get(area.id);
      return {
        number: area.number,
        name: area.name,
        maxPoints: area.maxPoints.toString(),
        headings: area.headings,
        statedPoints: evalArea?.statedPoints?.toString() ?? null,
        questions: area.questions.map((q) => {
          const score = scoreByQuestion.get(q.id);
          return {
            code: q.code,
            text: q.text,
            maxPoints: q.maxPoints.toString(),
            points: score ? score.points.toString() : null,
            printedPercent: score?.printedPercent ?? null,
          };
        }),
        strengths: evalArea?.strengths.map((s) => s.text) ?? [],
        improvements: evalArea?.improvements.map((i) => ({ id: i.id, text: i.text })) ?? [],
        goodExamples: evalArea?.goodExamples ?? [],
      };
    }),
  };
}

/** The latest evaluations, newest first, ready for scoring (for the start page). */
export async function getLatestEvaluations(municipalityId: string, count = 2) {
  const latest = await getDb().evaluation.findMany({
    where: { municipalityId },
    select: { id: true },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    take: count,
  });
  const loaded = await Promise.all(latest.map((e) => getEvaluation(municipalityId, e.id)));
  return loaded.filter((e): e is EvaluationForScoring => e !== null);
}

export class EvaluationHasActionsError extends Error {
  constructor(public readonly actionCount: number) {
    super(`evaluation has ${actionCount} actions`);
  }
}

/** Deletes an evaluation; refused (not cascaded) when any of its items carries actions. */
export async function deleteEvaluation(municipalityId: string, evaluationId: string, actorId: string) {
  return getDb().$transaction(async (tx) => {
    const evaluation = await tx.evaluation.findFirst({
      where: { id: evaluationId, municipalityId },
      select: { id: true, year: true },
    });
    if (!evaluation) return false;
    const actionCount = await tx.action.count({
      where: { municipalityId, improvementItem: { evaluationArea: { evaluationId } } },
    });
    if (actionCount > 0) throw new EvaluationHasActionsError(actionCount);
    await tx.evaluation.delete({ where: { id: evaluation.id } });
    await recordAudit(
      {
        municipalityId,
        actorId,
        entityType: "Evaluation",
        entityId: evaluation.id,
        event: "deleted",
        oldValue: String(evaluation.year),
      },
      tx,
    );
    return true;
  });
}

export interface NewEvaluation {
  frameworkVersionKey: string;
  year: number;
  period: string | null;
  reportDate: Date | null;
  evaluators: string[];
  statedTotal: number | null;
  sourceHash: string | null;
  sourceName: string | null;
  areas: Array<{
    number: number;
    statedPoints: number | null;
    goodExamples: string[];
    scores: Array<{ code: string; points: number; printedPercent: number | null }>;
    strengths: string[];
    improvements: string[];
  }>;
}

export class UnknownQuestionError extends Error {}

/** Creates an evaluation with its scores and lists in one transaction. */
export async function createEvaluation(municipalityId: string, input: NewEvaluation, actorId: string | null) {
  return getDb().$transaction(async (tx) => {
    const version = await tx.frameworkVersion.findUniqueOrThrow({
      where: { key: input.frameworkVersionKey },
      include: { areas: { include: { questions: true } } },
    });
    const evaluation = await tx.evaluation.create({
      data: {
        municipalityId,
        frameworkVersionId: version.id,
        year: input.year,
        period: input.period,
        reportDate: input.reportDate,
        evaluators: input.evaluators,
        statedTotal: input.statedTotal,
        sourceHash: input.sourceHash,
        sourceName: input.sourceName,
        createdById: actorId,
      },
    });
    for (const area of input.areas) {
      const frameworkArea = version.areas.find((a) => a.number === area.number);
      if (!frameworkArea) throw new UnknownQuestionError(`area ${area.number}`);
      const evalArea = await tx.evaluationArea.create({
        data: {
          evaluationId: evaluation.id,
          frameworkAreaId: frameworkArea.id,
          statedPoints: area.statedPoints,
          goodExamples: area.goodExamples,
        },
      });
      await tx.questionScore.createMany({
        data: area.scores.map((s) => {
          const question = frameworkArea.questions.find((q) => q.code === s.code);
          if (!question) throw new UnknownQuestionError(s.code);
          return {
            evaluationId: evaluation.id,
            questionId: question.id,
            points: s.points,
            printedPercent: s.printedPercent,
          };
        }),
      });
      await tx.strength.createMany({
        data: area.strengths.map((text, sortOrder) => ({ evaluationAreaId: evalArea.id, text, sortOrder })),
      });
      await tx.improvementItem.createMany({
        data: area.improvements.map((text, sortOrder) => ({ evaluationAreaId: evalArea.id, text, sortOrder })),
      });
    }
    await recordAudit(
      {
        municipalityId,
        actorId,
        entityType: "Evaluation",
        entityId: evaluation.id,
        event: "created",
        newValue: String(input.year),
      },
      tx,
    );
    return evaluation;
  });
}
