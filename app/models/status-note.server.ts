import { stockholmDate } from "~/domain/dates.ts";
import type { LatestStatus } from "~/domain/actions/status-note.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";

/** Actions' status texts (lägesbeskrivningar). Every query takes the municipality id. */

/** Adds a status text to the municipality's action; null when it has no such action. */
export async function addStatusNote(municipalityId: string, actionId: string, text: string, authorId: string) {
  const action = await getDb().action.findFirst({ where: { id: actionId, municipalityId }, select: { id: true } });
  if (!action) return null;
  return getDb().actionStatusNote.create({ data: { actionId, municipalityId, authorId, text }, select: { id: true } });
}

/** Every status text of one action, oldest first (the action page's history). */
export async function listStatusNotes(municipalityId: string, actionId: string) {
  const rows = await getDb().actionStatusNote.findMany({
    where: { municipalityId, actionId },
    orderBy: { createdAt: "asc" },
    select: { text: true, createdAt: true, author: { select: { name: true } } },
  });
  return rows.map((r) => ({ text: r.text, createdAt: r.createdAt, date: stockholmDate(r.createdAt), author: r.author?.name ?? null }));
}

/**
 * The latest status text of each of the municipality's actions that has one (optionally only
 * the given actions), in one query whatever the number of actions.
 */
export async function latestStatuses(municipalityId: string, actionIds?: readonly string[]): Promise<Map<string, LatestStatus>> {
  if (actionIds && actionIds.length === 0) return new Map();
  const rows = await readRows<Array<{ actionId: string; text: string; createdAt: Date; author: string | null }>>(Prisma.sql`
    SELECT DISTINCT ON (n."actionId") n."actionId"::text AS "actionId", n.text, n."createdAt", u.name AS author
    FROM "ActionStatusNote" n LEFT JOIN "User" u ON u.id = n."authorId"
    WHERE n."municipalityId" = ${municipalityId}::uuid
      AND (${actionIds ?? null}::uuid[] IS NULL OR n."actionId" = ANY(${actionIds ?? null}::uuid[]))
    ORDER BY n."actionId", n."createdAt" DESC, n.id DESC`);
  return new Map(rows.map((r) => [r.actionId, { text: r.text, date: stockholmDate(r.createdAt), author: r.author }]));
}
