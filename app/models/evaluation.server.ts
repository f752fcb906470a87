import type { EvaluationDraft } from "~/domain/evaluation-draft.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { AreaInput } from "~/domain/scoring.ts";
import { getDb } from "~/platform/db.server.ts";
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
  frameworkVersion: { id: string; key: string; name: string };
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
    frameworkVersion: { id: evaluation.frameworkVersion.id, key: evaluation.frameworkVersion.key, name: evaluation.frameworkVersion.name },
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

/** The latest evaluations, newest first, ready for scoring (`skip` 1 starts from the one before the latest). */
export async function getLatestEvaluations(municipalityId: string, count = 2, skip = 0) {
  const latest = await getDb().evaluation.findMany({
    where: { municipalityId },
    select: { id: true },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    take: count,
    skip,
  });
  const loaded = await Promise.all(latest.map((e) => getEvaluation(municipalityId, e.id)));
  return loaded.filter((e): e is EvaluationForScoring => e !== null);
}

export class EvaluationHasActionsError extends Error {
  constructor(public readonly actionCount: number) {
    super(`evaluation has ${actionCount} actions`);
  }
}

/** How many actions a linked-actions refusal lists by name (the rest are counted). */
export const LINKED_ACTIONS_SHOWN = 10;

/**
 * What deleting an evaluation would remove (sub-question scores, improvement items) and the
 * actions that make it refused: the text of the confirmation and of the refusal (ADR 0043).
 */
export async function evaluationDeletionFacts(municipalityId: string, evaluationId: string) {
  const evaluation = await getDb().evaluation.findFirst({ where: { id: evaluationId, municipalityId }, select: { id: true, year: true } });
  if (!evaluation) return null;
  const linked = { municipalityId, improvementItem: { evaluationArea: { evaluationId } } };
  const [questions, improvements, actionCount, actions] = await Promise.all([
    getDb().questionScore.count({ where: { evaluationId } }),
    getDb().improvementItem.count({ where: { evaluationArea: { evaluationId } } }),
    getDb().action.count({ where: linked }),
    getDb().action.findMany({ where: linked, select: { id: true, title: true }, orderBy: [{ deadline: "asc" }, { id: "asc" }], take: LINKED_ACTIONS_SHOWN }),
  ]);
  return { year: evaluation.year, questions, improvements, actionCount, actions };
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

/** A draft to save, with the fingerprint of the report it was read from (null when entered by hand). */
export type NewEvaluation = Omit<EvaluationDraft, "reportDate"> & { reportDate: Date | null; sourceHash: string | null };

export function fromDraft(draft: EvaluationDraft, sourceHash: string | null): NewEvaluation {
  return { ...draft, reportDate: draft.reportDate ? new Date(`${draft.reportDate}T00:00:00Z`) : null, sourceHash };
}

export class UnknownQuestionError extends Error {}

/** What runs in the same transaction right after an evaluation is created (a new round closing the old one). */
export type AfterEvaluationCreated = (tx: Prisma.TransactionClient, evaluation: { id: string; frameworkVersionId: string }) => Promise<void>;

/** Creates an evaluation with its scores and lists in one transaction (with `afterCreate`, if given). */
export async function createEvaluation(municipalityId: string, input: NewEvaluation, actorId: string | null, afterCreate?: AfterEvaluationCreated) {
  return getDb().$transaction((tx) => createEvaluationIn(tx, municipalityId, input, actorId, afterCreate));
}

/** Saves an evaluation inside the caller's transaction (with a learned version, issue #13). */
export async function createEvaluationIn(
  tx: Prisma.TransactionClient,
  municipalityId: string,
  input: NewEvaluation,
  actorId: string | null,
  afterCreate?: AfterEvaluationCreated,
) {
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
  if (afterCreate) await afterCreate(tx, evaluation);
  return evaluation;
}

/**
 * An evaluation of this municipality that is the same report: the same fingerprint, or the same
 * year, version and sub-question points.
 */
export async function findSameEvaluation(municipalityId: string, input: NewEvaluation) {
  if (input.sourceHash) {
    const byHash = await getDb().evaluation.findFirst({
      where: { municipalityId, sourceHash: input.sourceHash },
      select: { id: true, year: true },
    });
    if (byHash) return byHash;
  }
  const candidates = await getDb().evaluation.findMany({
    where: { municipalityId, year: input.year, frameworkVersion: { key: input.frameworkVersionKey } },
    select: { id: true, year: true, scores: { select: { points: true, question: { select: { code: true } } } } },
  });
  const wanted = new Map(input.areas.flatMap((a) => a.scores.map((s) => [s.code, s.points] as const)));
  return (
    candidates.find(
      (c) =>
        c.scores.length === wanted.size &&
        c.scores.every((s) => wanted.get(s.question.code) === Number(s.points)),
    ) ?? null
  );
}

export class ItemHasActionsError extends Error {
  constructor(public readonly text: string) {
    super(`improvement item has actions: ${text}`);
  }
}

/**
 * Saves corrections to an evaluation in one transaction. Improvement items keep their identity
 * when their text is unchanged, so actions stay linked; removing an item that has actions is
 * refused.
 */
export async function updateEvaluation(municipalityId: string, evaluationId: string, draft: EvaluationDraft, actorId: string) {
  return getDb().$transaction(async (tx) => {
    const evaluation = await tx.evaluation.findFirst({
      where: { id: evaluationId, municipalityId },
      include: {
        frameworkVersion: { include: { areas: { include: { questions: true } } } },
        areas: { include: { improvements: { include: { _count: { select: { actions: true } } } } } },
      },
    });
    if (!evaluation) return null;
    await tx.evaluation.update({
      where: { id: evaluation.id },
      data: {
        year: draft.year,
        period: draft.period,
        reportDate: draft.reportDate ? new Date(`${draft.reportDate}T00:00:00Z`) : null,
        evaluators: draft.evaluators,
        statedTotal: draft.statedTotal,
        sourceName: draft.sourceName,
      },
    });
    for (const area of draft.areas) {
      const frameworkArea = evaluation.frameworkVersion.areas.find((a) => a.number === area.number);
      if (!frameworkArea) continue;
      const evalArea =
        evaluation.areas.find((a) => a.frameworkAreaId === frameworkArea.id) ??
        (await tx.evaluationArea.create({
          data: { evaluationId: evaluation.id, frameworkAreaId: frameworkArea.id, goodExamples: [] },
          include: { improvements: { include: { _count: { select: { actions: true } } } } },
        }));
      await tx.evaluationArea.update({
        where: { id: evalArea.id },
        data: { statedPoints: area.statedPoints, goodExamples: area.goodExamples },
      });
      for (const score of area.scores) {
        const question = frameworkArea.questions.find((q) => q.code === score.code);
        if (!question) throw new UnknownQuestionError(score.code);
        await tx.questionScore.upsert({
          where: { evaluationId_questionId: { evaluationId: evaluation.id, questionId: question.id } },
          create: { evaluationId: evaluation.id, questionId: question.id, points: score.points, printedPercent: score.printedPercent },
          update: { points: score.points, printedPercent: score.printedPercent },
        });
      }
      await tx.strength.deleteMany({ where: { evaluationAreaId: evalArea.id } });
      await tx.strength.createMany({
        data: area.strengths.map((text, sortOrder) => ({ evaluationAreaId: evalArea.id, text, sortOrder })),
      });
      const remaining = [...evalArea.improvements];
      for (const [sortOrder, text] of area.improvements.entries()) {
        const index = remaining.findIndex((i) => i.text === text);
        if (index >= 0) {
          const [kept] = remaining.splice(index, 1);
          await tx.improvementItem.update({ where: { id: kept!.id }, data: { sortOrder } });
        } else {
          await tx.improvementItem.create({ data: { evaluationAreaId: evalArea.id, text, sortOrder } });
        }
      }
      for (const removed of remaining) {
        if (removed._count.actions > 0) throw new ItemHasActionsError(removed.text);
        await tx.improvementItem.delete({ where: { id: removed.id } });
      }
    }
    await recordAudit(
      { municipalityId, actorId, entityType: "Evaluation", entityId: evaluation.id, event: "updated" },
      tx,
    );
    return evaluation.id;
  });
}
