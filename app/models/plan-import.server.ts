import { randomUUID } from "node:crypto";
import type { ActionStatus } from "~/domain/actions/status.ts";
import { DAY_MS } from "~/domain/dates.ts";
import type { ColumnMapping } from "~/domain/plan-import/columns.ts";
import type { PlanContext, SheetRow } from "~/domain/plan-import/rows.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { inviteInTransaction, type Invited } from "./user.server.ts";

/**
 * The plan import (issue #13, item 6; ADR 0038): the uploaded file kept between its steps, what
 * its rows are checked against, and the one transaction that saves them. Every function takes
 * the municipality id.
 */

/** How long an unfinished import is kept. */
export const PLAN_IMPORT_KEPT_MS = DAY_MS;

export interface StoredPlanImport {
  id: string;
  fileName: string;
  headings: string[];
  rows: SheetRow[];
  mapping: ColumnMapping | null;
  choices: Record<string, string>;
  confirmedAt: Date | null;
  createdCount: number;
}

/** Keeps an uploaded file's cells for the next steps; earlier unfinished imports past their day go. */
export async function createPlanImport(
  municipalityId: string,
  createdById: string,
  input: { fileName: string; headings: string[]; rows: SheetRow[]; mapping: ColumnMapping },
  now = new Date(),
) {
  await getDb().planImport.deleteMany({ where: { municipalityId, createdAt: { lt: new Date(now.getTime() - PLAN_IMPORT_KEPT_MS) } } });
  return getDb().planImport.create({
    data: {
      municipalityId,
      createdById,
      fileName: input.fileName,
      headings: input.headings,
      rows: input.rows as unknown as Prisma.InputJsonValue,
      mapping: input.mapping as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
}

export async function getPlanImport(municipalityId: string, importId: string, now = new Date()): Promise<StoredPlanImport | null> {
  const row = await getDb().planImport.findFirst({
    where: { id: importId, municipalityId, createdAt: { gte: new Date(now.getTime() - PLAN_IMPORT_KEPT_MS) } },
  });
  if (!row) return null;
  return {
    id: row.id,
    fileName: row.fileName,
    headings: row.headings,
    rows: row.rows as unknown as SheetRow[],
    mapping: row.mapping as unknown as ColumnMapping | null,
    choices: row.choices as unknown as Record<string, string>,
    confirmedAt: row.confirmedAt,
    createdCount: row.createdCount,
  };
}

export async function savePlanImportMapping(municipalityId: string, importId: string, mapping: ColumnMapping) {
  const { count } = await getDb().planImport.updateMany({
    where: { id: importId, municipalityId, confirmedAt: null },
    data: { mapping: mapping as unknown as Prisma.InputJsonValue },
  });
  return count === 1;
}

export async function savePlanImportChoices(municipalityId: string, importId: string, choices: Record<string, string>) {
  await getDb().planImport.updateMany({ where: { id: importId, municipalityId, confirmedAt: null }, data: { choices } });
}

/**
 * What the rows are checked against: the latest evaluation's improvement items and its version's
 * sub-questions, the members, and the actions already in the plan. Null without an evaluation.
 */
export async function planImportContext(municipalityId: string): Promise<(PlanContext & { evaluation: { id: string; year: number }; itemLabels: Map<string, string> }) | null> {
  const evaluation = await getDb().evaluation.findFirst({
    where: { municipalityId },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      year: true,
      frameworkVersion: { select: { areas: { select: { questions: { select: { id: true, code: true }, orderBy: { sortOrder: "asc" } } }, orderBy: { number: "asc" } } } },
      areas: {
        select: {
          frameworkArea: { select: { number: true } },
          improvements: {
            orderBy: { sortOrder: "asc" },
            select: { id: true, text: true, actions: { where: { municipalityId }, select: { title: true } } },
          },
        },
      },
    },
  });
  if (!evaluation) return null;
  const areas = [...evaluation.areas].sort((a, b) => a.frameworkArea.number - b.frameworkArea.number);
  const items = areas.flatMap((area) => area.improvements.map((item) => ({ id: item.id, text: item.text, area: area.frameworkArea.number })));
  const members = await getDb().membership.findMany({ where: { municipalityId }, select: { role: true, user: { select: { id: true, email: true } } } });
  return {
    evaluation: { id: evaluation.id, year: evaluation.year },
    items,
    itemLabels: new Map(items.map((i) => [i.id, `${i.area}. ${i.text}`])),
    questions: evaluation.frameworkVersion.areas.flatMap((a) => a.questions),
    members: members.map((m) => ({ id: m.user.id, email: m.user.email, role: m.role })),
    existing: areas.flatMap((area) => area.improvements.flatMap((item) => item.actions.map((a) => ({ improvementItemId: item.id, title: a.title })))),
  };
}

export interface ImportedAction {
  title: string;
  improvementItemId: string;
  questionIds: string[];
  /** A member who may own actions, or null (with inviteEmail: the person invited in the same transaction). */
  ownerId: string | null;
  inviteEmail: string | null;
  /** YYYY-MM-DD */
  deadline: string;
  status: ActionStatus;
  note: string;
}

export class PlanImportConflict extends Error {
  constructor(readonly code: "duplicate" | "owner-not-member" | "item-gone") {
    super(code);
  }
}

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

/**
 * Saves every row in one transaction, or nothing: the owners to invite are invited, the actions
 * created with their sub-questions (expected effect 0, to be set on the action's page), notes and
 * audit rows, and the import marked confirmed. A second confirmation of the same import finds it
 * confirmed and saves nothing (`already`). What was checked in the preview is checked again
 * under locks: the items are still this municipality's, the owners still members who may own
 * actions, and no action of the same title has appeared on the same item.
 */
export async function savePlanImport(municipalityId: string, importId: string, rows: readonly ImportedAction[], actorId: string, now = new Date()) {
  return getDb().$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<Array<{ confirmedAt: Date | null; createdCount: number }>>`
        SELECT "confirmedAt", "createdCount" FROM "PlanImport" WHERE id = ${importId}::uuid AND "municipalityId" = ${municipalityId}::uuid FOR UPDATE`;
      if (!locked) return null;
      if (locked.confirmedAt) return { already: true as const, count: locked.createdCount };

      const itemIds = [...new Set(rows.map((r) => r.improvementItemId))];
      const items = await tx.improvementItem.findMany({
        where: { id: { in: itemIds }, evaluationArea: { evaluation: { municipalityId } } },
        select: { id: true, actions: { where: { municipalityId }, select: { title: true } } },
      });
      if (items.length !== itemIds.length) throw new PlanImportConflict("item-gone");
      const taken = new Set(items.flatMap((item) => item.actions.map((a) => `${item.id}\n${fold(a.title)}`)));
      for (const row of rows) {
        const key = `${row.improvementItemId}\n${fold(row.title)}`;
        if (taken.has(key)) throw new PlanImportConflict("duplicate");
        taken.add(key);
      }

      // Owners are locked as members, as when an action is saved by hand.
      const ownerIds = [...new Set(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))];
      if (ownerIds.length > 0) {
        const owners = await tx.$queryRaw<Array<{ userId: string }>>`
          SELECT "userId" FROM "Membership" WHERE "municipalityId" = ${municipalityId}::uuid AND "userId" = ANY(${ownerIds}::uuid[]) AND role <> 'VIEWER' FOR SHARE`;
        if (owners.length !== ownerIds.length) throw new PlanImportConflict("owner-not-member");
      }

      // Invitations, with inviteMember's protections; someone who became a member meanwhile is used as is.
      const invitedIds = new Map<string, string>();
      const invitations: Invited[] = [];
      for (const email of new Set(rows.flatMap((r) => (r.inviteEmail ? [r.inviteEmail] : [])))) {
        const [member] = await tx.$queryRaw<Array<{ userId: string; role: string }>>`
          SELECT m."userId", m.role FROM "Membership" m JOIN "User" u ON u.id = m."userId"
           WHERE m."municipalityId" = ${municipalityId}::uuid AND u.email = ${email} FOR SHARE OF m`;
        if (member) {
          if (member.role === "VIEWER") throw new PlanImportConflict("owner-not-member");
          invitedIds.set(email, member.userId);
          continue;
        }
        const invited = await inviteInTransaction(tx, municipalityId, { email, name: email, role: "OWNER" }, actorId);
        invitedIds.set(email, invited.userId);
        invitations.push(invited);
      }

      const created = rows.map((row) => ({
        id: randomUUID(),
        row,
        ownerId: row.ownerId ?? (row.inviteEmail ? invitedIds.get(row.inviteEmail)! : null),
      }));
      await tx.action.createMany({
        data: created.map(({ id, row, ownerId }) => ({
          id,
          municipalityId,
          improvementItemId: row.improvementItemId,
          title: row.title,
          ownerId,
          deadline: new Date(`${row.deadline}T00:00:00Z`),
          status: row.status,
          cancelReason: row.status === "CANCELLED" ? row.note : null,
          completedAt: row.status === "DONE" ? now : null,
        })),
      });
      await tx.actionQuestion.createMany({
        data: created.flatMap(({ id, row }) => row.questionIds.map((questionId) => ({ actionId: id, questionId, expectedEffect: 0 }))),
      });
      await tx.progressNote.createMany({
        data: created.filter(({ row }) => row.note !== "").map(({ id, row }) => ({ actionId: id, body: row.note, authorId: actorId })),
      });
      await recordAudit(
        created.map(({ id, row }) => ({ municipalityId, actorId, entityType: "Action", entityId: id, event: "created", newValue: row.title })),
        tx,
      );
      // The file's cells are no longer needed once saved.
      await tx.planImport.update({ where: { id: importId }, data: { confirmedAt: now, createdCount: created.length, rows: [] } });

      const people = await tx.user.findMany({
        where: { id: { in: [...new Set(created.flatMap((c) => (c.ownerId ? [c.ownerId] : [])))] } },
        select: { id: true, name: true, email: true },
      });
      const byId = new Map(people.map((p) => [p.id, p]));
      return {
        already: false as const,
        count: created.length,
        invitations,
        actions: created.map(({ id, row, ownerId }) => ({
          id,
          title: row.title,
          deadline: row.deadline,
          status: row.status,
          version: 1,
          owner: ownerId ? byId.get(ownerId)! : null,
        })),
      };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
