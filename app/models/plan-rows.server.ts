import { Prisma, type ActionStatus, type Priority } from "~/generated/prisma/client.ts";
import { readRows } from "~/platform/db.server.ts";
import { evaluationIdSql, type EvaluationRef } from "./latest-evaluation-rows.server.ts";

/**
 * The plan's actions under one evaluation, flat, in one query: what the plan, the readiness
 * projection, the status page and the follow-up report read for every action. Written in SQL
 * because the ORM's nested reads of 300 actions (evaluation → areas → items → actions → owner,
 * committee, sub-questions) cost 11–17 ms a page, most of a page's time; this query takes a
 * fraction of that (ADR 0046).
 */
export interface PlanActionRow {
  id: string;
  title: string;
  status: ActionStatus;
  priority: Priority;
  /** YYYY-MM-DD */
  deadline: string;
  completedAt: Date | null;
  ownerId: string | null;
  ownerName: string | null;
  deadlineChangeCount: number;
  committeeId: string | null;
  committeeName: string | null;
  decisionReference: string | null;
  improvementItemId: string;
  itemText: string;
  /** The framework area's number. */
  area: number;
  hasEvidence: boolean;
  /** In the framework's order of the sub-questions. */
  effects: { code: string; expectedEffect: number }[];
}

type RawRow = Omit<PlanActionRow, "effects">;

/** Ordered by deadline (then creation), as the plan lists them. */
export async function planActionRows(municipalityId: string, evaluation: EvaluationRef): Promise<PlanActionRow[]> {
  // Two flat queries in one round trip, joined here: aggregating each action's sub-questions in
  // SQL (a subquery or JSON per row) made PostgreSQL's plan depend on fresh statistics and cost more.
  const [rows, effects] = await Promise.all([
    readRows<RawRow[]>(Prisma.sql`
      SELECT a."id"::text AS "id", a."title", a."status"::text AS "status", a."priority"::text AS "priority",
             to_char(a."deadline", 'YYYY-MM-DD') AS "deadline", a."completedAt",
             a."ownerId"::text AS "ownerId", u."name" AS "ownerName", a."deadlineChangeCount",
             a."committeeId"::text AS "committeeId", c."name" AS "committeeName", a."decisionReference",
             a."improvementItemId"::text AS "improvementItemId", i."text" AS "itemText", fa."number" AS "area",
             EXISTS (SELECT 1 FROM "Evidence" e WHERE e."actionId" = a."id") AS "hasEvidence"
      FROM "Action" a
      JOIN "ImprovementItem" i ON i."id" = a."improvementItemId"
      JOIN "EvaluationArea" ea ON ea."id" = i."evaluationAreaId"
      JOIN "FrameworkArea" fa ON fa."id" = ea."frameworkAreaId"
      LEFT JOIN "User" u ON u."id" = a."ownerId"
      LEFT JOIN "Committee" c ON c."id" = a."committeeId"
      WHERE a."municipalityId" = ${municipalityId}::uuid AND ea."evaluationId" = ${evaluationIdSql(evaluation)}
      ORDER BY a."deadline" ASC, a."createdAt" ASC, a."id" ASC`),
    readRows<{ actionId: string; code: string; expectedEffect: number }[]>(Prisma.sql`
      SELECT aq."actionId"::text AS "actionId", q."code", aq."expectedEffect"::float8 AS "expectedEffect"
      FROM "ActionQuestion" aq
      JOIN "Action" a ON a."id" = aq."actionId"
      JOIN "FrameworkQuestion" q ON q."id" = aq."questionId"
      WHERE a."municipalityId" = ${municipalityId}::uuid
      ORDER BY q."sortOrder" ASC, q."code" ASC`),
  ]);
  const byAction = new Map<string, PlanActionRow["effects"]>();
  for (const e of effects) {
    const list = byAction.get(e.actionId);
    const effect = { code: e.code, expectedEffect: Number(e.expectedEffect) };
    if (list) list.push(effect);
    else byAction.set(e.actionId, [effect]);
  }
  // Field by field rather than spread: 300 rows a page (ADR 0046).
  return rows.map(
    (r): PlanActionRow => ({
      id: r.id,
      title: r.title,
      status: r.status,
      priority: r.priority,
      deadline: r.deadline,
      completedAt: r.completedAt,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      deadlineChangeCount: Number(r.deadlineChangeCount),
      committeeId: r.committeeId,
      committeeName: r.committeeName,
      decisionReference: r.decisionReference,
      improvementItemId: r.improvementItemId,
      itemText: r.itemText,
      area: Number(r.area),
      hasEvidence: r.hasEvidence,
      effects: byAction.get(r.id) ?? [],
    }),
  );
}

/** An evaluation's improvement items, with their area and whether an action is linked; in one query. */
export async function improvementItemRows(municipalityId: string, evaluation: EvaluationRef) {
  const rows = await readRows<Array<{ id: string; text: string; sortOrder: number; area: number; hasAction: boolean }>>(Prisma.sql`
    SELECT i."id"::text AS "id", i."text", i."sortOrder", fa."number" AS "area",
           EXISTS (SELECT 1 FROM "Action" a WHERE a."improvementItemId" = i."id") AS "hasAction"
    FROM "ImprovementItem" i
    JOIN "EvaluationArea" ea ON ea."id" = i."evaluationAreaId"
    JOIN "Evaluation" e ON e."id" = ea."evaluationId"
    JOIN "FrameworkArea" fa ON fa."id" = ea."frameworkAreaId"
    WHERE e."municipalityId" = ${municipalityId}::uuid AND ea."evaluationId" = ${evaluationIdSql(evaluation)}
    ORDER BY i."id" ASC`);
  return rows.map((r) => ({ id: r.id, text: r.text, sortOrder: Number(r.sortOrder), area: Number(r.area), hasAction: r.hasAction }));
}
