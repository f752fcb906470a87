import { isoDate } from "~/domain/actions/dates.ts";
import type { ProjectionAction, ProjectionQuestion } from "~/domain/projection.ts";
import { getDb } from "~/services/db.server.ts";

/** The latest evaluation's sub-questions and the plan's actions, as the projection needs them. */
export async function loadReadinessData(municipalityId: string) {
  const db = getDb();
  const municipality = await db.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { nextEvaluationDate: true } });
  const evaluation = await db.evaluation.findFirst({
    where: { municipalityId },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    include: {
      scores: true,
      frameworkVersion: { include: { areas: { orderBy: { number: "asc" }, include: { questions: { orderBy: { sortOrder: "asc" } } } } } },
    },
  });
  if (!evaluation) return null;
  const points = new Map(evaluation.scores.map((s) => [s.questionId, Number(s.points)]));
  const questions: ProjectionQuestion[] = evaluation.frameworkVersion.areas.flatMap((area) =>
    area.questions.map((q) => ({ code: q.code, text: q.text, area: area.number, maxPoints: Number(q.maxPoints), current: points.get(q.id) ?? 0 })),
  );
  const actions = await db.action.findMany({
    where: { municipalityId, improvementItem: { evaluationArea: { evaluationId: evaluation.id } } },
    include: { questions: { include: { question: { select: { code: true } } } }, _count: { select: { evidence: true } } },
  });
  return {
    evaluation: { id: evaluation.id, year: evaluation.year, version: evaluation.frameworkVersion.name },
    nextEvaluationDate: municipality.nextEvaluationDate ? isoDate(municipality.nextEvaluationDate) : null,
    questions,
    actions: actions.map(
      (a): ProjectionAction => ({
        id: a.id,
        title: a.title,
        status: a.status,
        deadline: isoDate(a.deadline),
        hasEvidence: a._count.evidence > 0,
        effects: a.questions.map((q) => ({ code: q.question.code, expectedEffect: Number(q.expectedEffect) })),
      }),
    ),
  };
}
