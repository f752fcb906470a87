import { roundPoints } from "~/domain/points.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import type { Correspondence } from "./correspondence.server.ts";

type Tx = Prisma.TransactionClient;

/**
 * Open actions carried from one evaluation to the next (issue #13 item 5, ADR 0037). An open
 * action (not done, not cancelled) moves to a copy of its improvement item in the new
 * evaluation (the copy names the old item in carriedFromId), so the plan, the readiness view and
 * the reports of the new round show it. Its sub-question links stay as they are when the version
 * is the same; when it changed, they are re-linked through the correspondence (the effect times
 * the share, capped at the new maximum), and the old links are kept in ActionCarryOver with the
 * codes that had no counterpart. Done and cancelled actions stay with the old round.
 */

export interface CarryOverResult {
  carried: number;
  withoutCounterpart: Array<{ actionId: string; title: string; codes: string[] }>;
}

/** Runs inside the transaction that creates the new evaluation. `correspondences` is null when the version is the same. */
export async function carryOpenActions(
  tx: Tx,
  municipalityId: string,
  from: { id: string; frameworkVersionId: string },
  to: { id: string; frameworkVersionId: string },
  correspondences: readonly Correspondence[] | null,
  actorId: string | null,
): Promise<CarryOverResult> {
  const open = await tx.action.findMany({
    where: { municipalityId, status: { in: ["NOT_STARTED", "IN_PROGRESS"] }, improvementItem: { evaluationArea: { evaluationId: from.id } } },
    include: {
      improvementItem: { include: { evaluationArea: { include: { frameworkArea: true } } } },
      questions: { include: { question: { select: { id: true, code: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const result: CarryOverResult = { carried: 0, withoutCounterpart: [] };
  if (open.length === 0) return result;
  const sameVersion = from.frameworkVersionId === to.frameworkVersionId;
  const newAreas = await tx.frameworkArea.findMany({ where: { versionId: to.frameworkVersionId }, include: { questions: true }, orderBy: { number: "asc" } });
  const questionArea = new Map(newAreas.flatMap((a) => a.questions.map((q) => [q.id, a] as const)));
  const evalAreas = new Map(
    (await tx.evaluationArea.findMany({ where: { evaluationId: to.id }, select: { id: true, frameworkAreaId: true } })).map((a) => [a.frameworkAreaId, a.id]),
  );
  const copies = new Map<string, string>();

  for (const action of open) {
    const oldArea = action.improvementItem.evaluationArea.frameworkArea;
    const links = action.questions.map((q) => ({ questionId: q.question.id, code: q.question.code, expectedEffect: Number(q.expectedEffect) }));
    let newLinks = links.map((l) => ({ questionId: l.questionId, expectedEffect: l.expectedEffect }));
    const unmatched: string[] = [];
    if (!sameVersion) {
      const merged = new Map<string, number>();
      for (const link of links) {
        const targets = (correspondences ?? []).filter((c) => c.fromQuestionId === link.questionId);
        if (targets.length === 0) unmatched.push(link.code);
        for (const c of targets) merged.set(c.toQuestionId, (merged.get(c.toQuestionId) ?? 0) + link.expectedEffect * c.share);
      }
      newLinks = [...merged].map(([questionId, effect]) => {
        const max = Number(questionArea.get(questionId)?.questions.find((q) => q.id === questionId)?.maxPoints ?? effect);
        return { questionId, expectedEffect: Math.min(max, roundPoints(effect)) };
      });
    }
    const targetArea = sameVersion
      ? newAreas.find((a) => a.id === oldArea.id)
      : (newLinks.length > 0 ? questionArea.get(newLinks[0]!.questionId) : undefined) ?? newAreas.find((a) => a.number === oldArea.number);
    const area = targetArea ?? newAreas[0];
    if (!area) continue; // a version without areas: nothing to carry into (cannot happen with a validated catalog)
    let evalAreaId = evalAreas.get(area.id);
    if (!evalAreaId) {
      evalAreaId = (await tx.evaluationArea.create({ data: { evaluationId: to.id, frameworkAreaId: area.id, goodExamples: [] } })).id;
      evalAreas.set(area.id, evalAreaId);
    }
    const copyKey = `${action.improvementItemId}:${evalAreaId}`;
    let itemId = copies.get(copyKey);
    if (!itemId) {
      const count = await tx.improvementItem.count({ where: { evaluationAreaId: evalAreaId } });
      itemId = (
        await tx.improvementItem.create({
          data: { evaluationAreaId: evalAreaId, text: action.improvementItem.text, sortOrder: count, carriedFromId: action.improvementItemId },
        })
      ).id;
      copies.set(copyKey, itemId);
    }
    if (!sameVersion) {
      await tx.actionQuestion.deleteMany({ where: { actionId: action.id } });
      if (newLinks.length > 0) await tx.actionQuestion.createMany({ data: newLinks.map((l) => ({ actionId: action.id, ...l })) });
    }
    await tx.action.update({ where: { id: action.id }, data: { improvementItemId: itemId, version: { increment: 1 } } });
    await tx.actionCarryOver.create({
      data: { municipalityId, actionId: action.id, fromEvaluationId: from.id, toEvaluationId: to.id, previousLinks: links, unmatchedCodes: unmatched },
    });
    await recordAudit(
      { municipalityId, actorId, entityType: "Action", entityId: action.id, event: "carried-over", oldValue: from.id, newValue: to.id },
      tx,
    );
    result.carried++;
    if (unmatched.length > 0) result.withoutCounterpart.push({ actionId: action.id, title: action.title, codes: unmatched });
  }
  return result;
}

/** Carried actions of an evaluation whose old sub-questions had no counterpart (for the coordinator). */
export async function carriedWithoutCounterpart(municipalityId: string, toEvaluationId: string) {
  const rows = await getDb().actionCarryOver.findMany({
    where: { municipalityId, toEvaluationId, NOT: { unmatchedCodes: { isEmpty: true } } },
    include: { action: { select: { id: true, title: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ actionId: r.action.id, title: r.action.title, codes: r.unmatchedCodes }));
}

/** How many actions were carried into an evaluation. */
export async function carriedCount(municipalityId: string, toEvaluationId: string) {
  return getDb().actionCarryOver.count({ where: { municipalityId, toEvaluationId } });
}
