import { diffFields } from "~/domain/actions/changes.ts";
import { isoDate } from "~/domain/dates.ts";
import { checkEffect } from "~/domain/actions/effects.ts";
import { checkStatusChange, type ActionStatus, type StatusChangeError } from "~/domain/actions/status.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { lockCommitteeForAction } from "./committee.server.ts";
import { withdrawPendingReminders } from "./mail.server.ts";
import { evaluationIdSql, type EvaluationRef } from "./latest-evaluation-rows.server.ts";
import { planActionRows } from "./plan-rows.server.ts";
import { latestStatuses } from "./status-note.server.ts";
import type { LatestStatus } from "~/domain/actions/status-note.ts";

/** Actions of the improvement plan. Every function takes the municipality id. */

export type Priority = "LOW" | "MEDIUM" | "HIGH";

export interface ActionInput {
  title: string;
  description: string;
  ownerId: string | null;
  /** YYYY-MM-DD */
  deadline: string;
  priority: Priority;
  effects: Array<{ questionId: string; expectedEffect: number }>;
  /** Issue #14, item 5: the committee that owns the action (this municipality's) and the decision behind it. */
  committeeId?: string | null;
  decisionReference?: string | null;
}

export class ActionConflictError extends Error {
  constructor(public readonly currentVersion: number) {
    super("action was changed by someone else");
  }
}
export class ActionRuleError extends Error {
  constructor(
    public readonly code: StatusChangeError | "deadline-reason-required" | "owner-not-member" | "effect-too-large" | "question-not-in-evaluation" | "committee-unknown",
    public readonly detail?: string,
  ) {
    super(code);
  }
}

const dateValue = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Sub-questions an item's evaluation has, with max and current points (for caps and suggestions). */
export async function questionsForItem(municipalityId: string, improvementItemId: string) {
  const item = await getDb().improvementItem.findFirst({
    where: { id: improvementItemId, evaluationArea: { evaluation: { municipalityId } } },
    include: {
      evaluationArea: {
        include: {
          frameworkArea: true,
          evaluation: {
            include: {
              scores: true,
              frameworkVersion: { include: { areas: { include: { questions: { orderBy: { sortOrder: "asc" } } }, orderBy: { number: "asc" } } } },
              areas: { select: { frameworkAreaId: true, goodExamples: true } },
            },
          },
        },
      },
    },
  });
  if (!item) return null;
  const evaluation = item.evaluationArea.evaluation;
  const points = new Map(evaluation.scores.map((s) => [s.questionId, Number(s.points)]));
  return {
    item: { id: item.id, text: item.text, area: item.evaluationArea.frameworkArea.number, areaName: item.evaluationArea.frameworkArea.name },
    evaluationId: evaluation.id,
    goodExamples: item.evaluationArea.goodExamples,
    questions: evaluation.frameworkVersion.areas.flatMap((area) =>
      area.questions.map((q) => ({
        id: q.id,
        code: q.code,
        text: q.text,
        area: area.number,
        maxPoints: Number(q.maxPoints),
        currentPoints: points.get(q.id) ?? null,
      })),
    ),
  };
}

async function assertInput(tx: Prisma.TransactionClient, municipalityId: string, improvementItemId: string, input: ActionInput) {
  if (input.ownerId) {
    // Locked, so that a removal of this member at the same moment waits and then finds the action
    // (to hand it over), or this save waits and then finds no member.
    const member = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Membership" WHERE "municipalityId" = ${municipalityId}::uuid AND "userId" = ${input.ownerId}::uuid FOR SHARE`;
    if (member.length === 0) throw new ActionRuleError("owner-not-member");
  }
  // A committee id from another municipality (or one removed meanwhile) is refused.
  const committee = input.committeeId ? await lockCommitteeForAction(tx, municipalityId, input.committeeId) : null;
  if (input.committeeId && !committee) throw new ActionRuleError("committee-unknown");
  const context = await questionsForItem(municipalityId, improvementItemId);
  if (!context) throw new ActionRuleError("question-not-in-evaluation");
  for (const effect of input.effects) {
    const q = context.questions.find((x) => x.id === effect.questionId);
    if (!q) throw new ActionRuleError("question-not-in-evaluation", effect.questionId);
    if (checkEffect(effect.expectedEffect, q.maxPoints, q.currentPoints)) throw new ActionRuleError("effect-too-large", q.code);
  }
  return { committeeName: committee?.name ?? null };
}

export async function createAction(municipalityId: string, improvementItemId: string, input: ActionInput, actorId: string) {
  return getDb().$transaction(async (tx) => {
    await assertInput(tx, municipalityId, improvementItemId, input);
    const action = await tx.action.create({
      data: {
        municipalityId,
        improvementItemId,
        title: input.title,
        description: input.description,
        ownerId: input.ownerId,
        deadline: dateValue(input.deadline),
        priority: input.priority,
        committeeId: input.committeeId ?? null,
        decisionReference: input.decisionReference ?? null,
        questions: { create: input.effects.map((e) => ({ questionId: e.questionId, expectedEffect: e.expectedEffect })) },
      },
    });
    await recordAudit({ municipalityId, actorId, entityType: "Action", entityId: action.id, event: "created", newValue: input.title }, tx);
    return action;
  });
}

async function lockAction(tx: Prisma.TransactionClient, municipalityId: string, actionId: string, expectedVersion: number) {
  await tx.$queryRaw`SELECT id FROM "Action" WHERE id = ${actionId}::uuid FOR UPDATE`;
  const action = await tx.action.findFirst({
    where: { id: actionId, municipalityId },
    include: {
      questions: { include: { question: { select: { code: true } } } },
      owner: { select: { name: true } },
      committee: { select: { name: true } },
    },
  });
  if (!action) return null;
  if (action.version !== expectedVersion) throw new ActionConflictError(action.version);
  return action;
}

/** Saves a coordinator's edit; a changed deadline needs a reason and is counted. */
export async function updateAction(
  municipalityId: string,
  actionId: string,
  expectedVersion: number,
  input: ActionInput,
  deadlineReason: string | null,
  actorId: string,
) {
  return getDb().$transaction(async (tx) => {
    const action = await lockAction(tx, municipalityId, actionId, expectedVersion);
    if (!action) return null;
    const { committeeName } = await assertInput(tx, municipalityId, action.improvementItemId, input);
    const deadlineChanged = isoDate(action.deadline) !== input.deadline;
    if (deadlineChanged && !deadlineReason?.trim()) throw new ActionRuleError("deadline-reason-required");
    const owners = input.ownerId ? await tx.user.findUnique({ where: { id: input.ownerId }, select: { name: true } }) : null;
    const codeOf = new Map(action.questions.map((q) => [q.questionId, q.question.code]));
    const newCodes = await tx.frameworkQuestion.findMany({ where: { id: { in: input.effects.map((e) => e.questionId) } }, select: { id: true, code: true } });
    for (const q of newCodes) codeOf.set(q.id, q.code);
    const effects = (list: Array<{ questionId: string; expectedEffect: number | { toString(): string } }>) =>
      list.map((e) => `${codeOf.get(e.questionId)}: +${Number(e.expectedEffect)}`);
    const changes = diffFields(
      {
        title: action.title,
        description: action.description,
        owner: action.owner?.name ?? null,
        deadline: isoDate(action.deadline),
        priority: action.priority,
        effects: effects(action.questions),
        committee: action.committee?.name ?? null,
        decisionReference: action.decisionReference,
      },
      {
        title: input.title,
        description: input.description,
        owner: owners?.name ?? null,
        deadline: input.deadline,
        priority: input.priority,
        effects: effects(input.effects),
        committee: committeeName,
        decisionReference: input.decisionReference ?? null,
      },
    );
    await tx.action.update({
      where: { id: action.id },
      data: {
        title: input.title,
        description: input.description,
        ownerId: input.ownerId,
        deadline: dateValue(input.deadline),
        priority: input.priority,
        committeeId: input.committeeId ?? null,
        decisionReference: input.decisionReference ?? null,
        version: { increment: 1 },
        deadlineChangeCount: deadlineChanged ? { increment: 1 } : undefined,
      },
    });
    if (deadlineChanged || input.ownerId !== action.ownerId) {
      // Reminders scheduled for the old deadline or the previous owner are withdrawn.
      await withdrawPendingReminders(tx, action.id);
    }
    await tx.actionQuestion.deleteMany({ where: { actionId: action.id } });
    await tx.actionQuestion.createMany({
      data: input.effects.map((e) => ({ actionId: action.id, questionId: e.questionId, expectedEffect: e.expectedEffect })),
    });
    await recordAudit(
      changes.map((c) => ({
        municipalityId,
        actorId,
        entityType: "Action",
        entityId: action.id,
        event: "updated",
        ...c,
        reason: c.field === "deadline" ? deadlineReason : null,
      })),
      tx,
    );
    return { changes, previousOwnerId: action.ownerId };
  });
}

export async function changeStatus(
  municipalityId: string,
  actionId: string,
  expectedVersion: number,
  to: ActionStatus,
  reason: string | null,
  actorId: string,
) {
  return getDb().$transaction(async (tx) => {
    const action = await lockAction(tx, municipalityId, actionId, expectedVersion);
    if (!action) return null;
    const notesAndEvidence =
      (await tx.progressNote.count({ where: { actionId } })) + (await tx.evidence.count({ where: { actionId } }));
    const problem = checkStatusChange(action.status, to, { notesAndEvidence, reason });
    if (problem) throw new ActionRuleError(problem);
    await tx.action.update({
      where: { id: actionId },
      data: {
        status: to,
        cancelReason: to === "CANCELLED" ? reason : null,
        completedAt: to === "DONE" ? new Date() : null,
        version: { increment: 1 },
      },
    });
    if (to === "DONE" || to === "CANCELLED") {
      await withdrawPendingReminders(tx, actionId);
    }
    await recordAudit(
      { municipalityId, actorId, entityType: "Action", entityId: actionId, event: "status", field: "status", oldValue: action.status, newValue: to, reason },
      tx,
    );
    return true;
  });
}

export async function addNote(municipalityId: string, actionId: string, body: string, authorId: string) {
  const action = await getDb().action.findFirst({ where: { id: actionId, municipalityId }, select: { id: true } });
  if (!action) return null;
  return getDb().progressNote.create({ data: { actionId, body, authorId } });
}

export interface EvidenceInput {
  kind: "LINK" | "FILE";
  title: string;
  url?: string | null;
  storageKey?: string | null;
  fileName?: string | null;
  mimeType?: string | null;
  sizeBytes?: number | null;
  /** YYYY-MM-DD */
  evidenceDate: string;
}

export async function addEvidence(municipalityId: string, actionId: string, input: EvidenceInput, addedById: string) {
  const action = await getDb().action.findFirst({ where: { id: actionId, municipalityId }, select: { id: true } });
  if (!action) return null;
  return getDb().evidence.create({
    data: { actionId, addedById, ...input, evidenceDate: dateValue(input.evidenceDate) },
  });
}

/** The evidence of one action, as a removal's confirmation describes it (null: not this action's). */
export async function findActionEvidence(municipalityId: string, actionId: string, evidenceId: string) {
  return getDb().evidence.findFirst({
    where: { id: evidenceId, actionId, action: { municipalityId } },
    select: { id: true, kind: true, title: true, fileName: true, sizeBytes: true, storageKey: true },
  });
}

/**
 * Removes evidence from its action and records who did (the history keeps its title). Returns
 * the stored file's key for the caller to delete, or null when there was no such evidence.
 */
export async function removeEvidence(municipalityId: string, actionId: string, evidenceId: string, actorId: string) {
  return getDb().$transaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({ where: { id: evidenceId, actionId, action: { municipalityId } }, select: { id: true, title: true, storageKey: true } });
    if (!evidence) return null;
    await tx.evidence.delete({ where: { id: evidence.id } });
    await recordAudit(
      { municipalityId, actorId, entityType: "Action", entityId: actionId, event: "evidence-removed", oldValue: evidence.title },
      tx,
    );
    return { storageKey: evidence.storageKey };
  });
}

export async function findEvidence(municipalityId: string, evidenceId: string) {
  return getDb().evidence.findFirst({ where: { id: evidenceId, action: { municipalityId } } });
}

export async function getActionSummary(municipalityId: string, actionId: string) {
  return getDb().action.findFirst({ where: { id: actionId, municipalityId }, select: { id: true, ownerId: true, version: true, status: true, title: true } });
}

/** An action with its item, linked sub-questions, notes, evidence and audit trail. */
export async function getActionDetail(municipalityId: string, actionId: string) {
  const action = await getDb().action.findFirst({
    where: { id: actionId, municipalityId },
    include: {
      owner: { select: { id: true, name: true, email: true } },
      committee: { select: { id: true, name: true } },
      improvementItem: {
        include: { evaluationArea: { include: { frameworkArea: true, evaluation: { select: { id: true, year: true } } } } },
      },
      questions: { include: { question: true } },
      notes: { include: { author: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      evidence: { include: { addedBy: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      mails: { where: { status: { in: ["SENT", "KEPT"] } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!action) return null;
  const audit = await getDb().auditEvent.findMany({
    where: { municipalityId, entityType: "Action", entityId: actionId },
    include: { actor: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return { action, audit };
}

export interface PlanAction {
  id: string;
  title: string;
  status: ActionStatus;
  priority: Priority;
  deadline: string;
  ownerId: string | null;
  ownerName: string | null;
  deadlineChangeCount: number;
  effects: Array<{ code: string; expectedEffect: number }>;
  committeeId: string | null;
  committeeName: string | null;
  decisionReference: string | null;
  /** The latest status text (lägesbeskrivning), or null. */
  latestStatus: LatestStatus | null;
}

export interface Plan {
  evaluation: { id: string; year: number } | null;
  areas: Array<{
    number: number;
    name: string;
    goodExamples: string[];
    items: Array<{ id: string; text: string; actions: PlanAction[] }>;
  }>;
}

/** The plan of the latest evaluation (or the one given): areas → improvement items → actions. */
export async function getPlan(municipalityId: string, evaluationId?: string): Promise<Plan> {
  // One round trip: the evaluation, its areas with their items, the actions and the status texts
  // each find the evaluation themselves (the latest unless one is given; ADR 0046).
  const ref: EvaluationRef = evaluationId ? { id: evaluationId } : { latestOf: municipalityId };
  const [evaluation, statuses, rows] = await Promise.all([
    planEvaluationRows(municipalityId, ref),
    latestStatuses(municipalityId),
    planActionRows(municipalityId, ref),
  ]);
  if (!evaluation) return { evaluation: null, areas: [] };
  // The actions flat in one query, grouped here under their items (ADR 0046).
  const byItem = new Map<string, PlanAction[]>();
  for (const a of rows) {
    const action: PlanAction = {
      id: a.id,
      title: a.title,
      status: a.status,
      priority: a.priority,
      deadline: a.deadline,
      ownerId: a.ownerId,
      ownerName: a.ownerName,
      deadlineChangeCount: a.deadlineChangeCount,
      effects: a.effects,
      committeeId: a.committeeId,
      committeeName: a.committeeName,
      decisionReference: a.decisionReference,
      latestStatus: statuses.get(a.id) ?? null,
    };
    const list = byItem.get(a.improvementItemId);
    if (list) list.push(action);
    else byItem.set(a.improvementItemId, [action]);
  }
  return {
    evaluation: { id: evaluation.id, year: evaluation.year },
    areas: evaluation.areas.map((area) => ({
      number: area.number,
      name: area.name,
      goodExamples: area.goodExamples,
      items: area.items.map((item) => ({ id: item.id, text: item.text, actions: byItem.get(item.id) ?? [] })),
    })),
  };
}

/** The evaluation of the plan with its areas (by number) and their improvement items (in their order): two flat queries in one round trip. */
async function planEvaluationRows(municipalityId: string, ref: EvaluationRef) {
  const evaluationId = evaluationIdSql(ref);
  const [[header], rows] = await Promise.all([
    readRows<Array<{ id: string; year: number }>>(Prisma.sql`
      SELECT e."id"::text AS "id", e."year" FROM "Evaluation" e
      WHERE e."municipalityId" = ${municipalityId}::uuid AND e."id" = ${evaluationId}`),
    readRows<Array<{ number: number; name: string; goodExamples: string[]; itemId: string | null; itemText: string | null }>>(Prisma.sql`
      SELECT fa."number", fa."name", ea."goodExamples", i."id"::text AS "itemId", i."text" AS "itemText"
      FROM "EvaluationArea" ea
      JOIN "Evaluation" e ON e."id" = ea."evaluationId"
      JOIN "FrameworkArea" fa ON fa."id" = ea."frameworkAreaId"
      LEFT JOIN "ImprovementItem" i ON i."evaluationAreaId" = ea."id"
      WHERE e."municipalityId" = ${municipalityId}::uuid AND ea."evaluationId" = ${evaluationId}
      ORDER BY fa."number" ASC, i."sortOrder" ASC, i."id" ASC`),
  ]);
  if (!header) return null;
  const areas: Array<{ number: number; name: string; goodExamples: string[]; items: Array<{ id: string; text: string }> }> = [];
  for (const row of rows) {
    const number = Number(row.number);
    let area = areas.at(-1);
    if (area?.number !== number) {
      area = { number, name: row.name, goodExamples: row.goodExamples, items: [] };
      areas.push(area);
    }
    if (row.itemId !== null) area.items.push({ id: row.itemId, text: row.itemText ?? "" });
  }
  return { id: header.id, year: Number(header.year), areas };
}

/** The user's own actions in this municipality. */
export async function listOwnActions(municipalityId: string, userId: string) {
  // One flat query: the ORM's nested include read it in four (actions, items, areas, framework areas) on every view of *Mina åtgärder* (ADR 0046).
  return readRows<Array<{ id: string; title: string; status: ActionStatus; deadline: string; priority: Priority; area: number; item: string }>>(Prisma.sql`
    SELECT a."id"::text AS "id", a."title", a."status"::text AS "status", to_char(a."deadline", 'YYYY-MM-DD') AS "deadline",
           a."priority"::text AS "priority", fa."number" AS "area", i."text" AS "item"
    FROM "Action" a
    JOIN "ImprovementItem" i ON i."id" = a."improvementItemId"
    JOIN "EvaluationArea" ea ON ea."id" = i."evaluationAreaId"
    JOIN "FrameworkArea" fa ON fa."id" = ea."frameworkAreaId"
    WHERE a."municipalityId" = ${municipalityId}::uuid AND a."ownerId" = ${userId}::uuid`);
}

/** Every open action with an owner across municipalities the user belongs to (for the calendar). */
export async function listDeadlinesForCalendar(userId: string) {
  return getDb().action.findMany({
    // Finished and cancelled actions leave the feed: their deadlines no longer ask anything.
    where: { ownerId: userId, status: { notIn: ["DONE", "CANCELLED"] }, municipality: { memberships: { some: { userId } } } },
    include: { municipality: { select: { slug: true, name: true } } },
    orderBy: { deadline: "asc" },
  });
}

/** What the mail to a new owner needs: the owner (any user) and the action, if it is this municipality's. */
export async function assignmentMailData(municipalityId: string, actionId: string, ownerId: string) {
  const [owner, action] = await Promise.all([
    getDb().user.findUnique({ where: { id: ownerId }, select: { email: true, name: true } }),
    getDb().action.findFirst({ where: { id: actionId, municipalityId }, select: { title: true, deadline: true, version: true } }),
  ]);
  return owner && action ? { owner, action } : null;
}
