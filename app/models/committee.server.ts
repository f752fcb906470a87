import { committeeNameKey } from "~/domain/committees.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { compareSwedish } from "~/domain/swedish-order.ts";

/**
 * The committees and departments (nämnder och förvaltningar) a municipality keeps, which own its
 * actions (issue #14, item 5; ADR 0041). Every function takes the municipality id: another
 * municipality's entry is never found, named or used.
 */

export interface CommitteeEntry {
  id: string;
  name: string;
  /** How many of the municipality's actions it owns. */
  actions: number;
}

const byName = (a: { name: string }, b: { name: string }) => compareSwedish(a.name, b.name);

/** The list, sorted by name, with how many actions each owns. */
export async function listCommittees(municipalityId: string): Promise<CommitteeEntry[]> {
  const rows = await getDb().committee.findMany({
    where: { municipalityId },
    select: { id: true, name: true, _count: { select: { actions: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, actions: r._count.actions })).sort(byName);
}

/** The names only, for the action form and the plan's filter. */
export async function committeeChoices(municipalityId: string): Promise<Array<{ id: string; name: string }>> {
  // Read flat: the plan and the report page ask for it on every view (ADR 0046).
  const rows = await readRows<Array<{ id: string; name: string }>>(Prisma.sql`
    SELECT c."id"::text AS "id", c."name" FROM "Committee" c WHERE c."municipalityId" = ${municipalityId}::uuid`);
  return rows.sort(byName);
}

const isDuplicate = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export type CommitteeResult =
  | { ok: true; name: string }
  | { ok: false; reason: "duplicate" | "gone" }
  | { ok: false; reason: "in-use"; name: string; count: number };

export async function createCommittee(municipalityId: string, name: string, actorId: string): Promise<CommitteeResult> {
  try {
    return await getDb().$transaction(async (tx) => {
      const created = await tx.committee.create({ data: { municipalityId, name, nameKey: committeeNameKey(name) } });
      await recordAudit(
        { municipalityId, actorId, entityType: "Committee", entityId: created.id, event: "committee.created", field: "name", newValue: name },
        tx,
      );
      return { ok: true as const, name };
    });
  } catch (error) {
    if (isDuplicate(error)) return { ok: false, reason: "duplicate" };
    throw error;
  }
}

export async function renameCommittee(municipalityId: string, id: string, name: string, actorId: string): Promise<CommitteeResult> {
  try {
    return await getDb().$transaction(async (tx) => {
      const found = await tx.$queryRaw<Array<{ name: string }>>`
        SELECT name FROM "Committee" WHERE id = ${id}::uuid AND "municipalityId" = ${municipalityId}::uuid FOR UPDATE`;
      const before = found[0];
      if (!before) return { ok: false as const, reason: "gone" as const };
      if (before.name === name) return { ok: true as const, name };
      await tx.committee.update({ where: { id }, data: { name, nameKey: committeeNameKey(name) } });
      await recordAudit(
        { municipalityId, actorId, entityType: "Committee", entityId: id, event: "committee.renamed", field: "name", oldValue: before.name, newValue: name },
        tx,
      );
      return { ok: true as const, name };
    });
  } catch (error) {
    if (isDuplicate(error)) return { ok: false, reason: "duplicate" };
    throw error;
  }
}

/**
 * Removes an entry no action uses. One that actions use is refused with their number: the
 * coordinator moves them first, so no action loses its committee unnoticed. The row is locked,
 * and an action save takes a share lock on it, so a save naming it at the same moment either
 * comes first (and the removal is refused) or finds it gone.
 */
export async function removeCommittee(municipalityId: string, id: string, actorId: string): Promise<CommitteeResult> {
  return getDb().$transaction(async (tx) => {
    const found = await tx.$queryRaw<Array<{ name: string }>>`
      SELECT name FROM "Committee" WHERE id = ${id}::uuid AND "municipalityId" = ${municipalityId}::uuid FOR UPDATE`;
    const entry = found[0];
    if (!entry) return { ok: false as const, reason: "gone" as const };
    const count = await tx.action.count({ where: { committeeId: id, municipalityId } });
    if (count > 0) return { ok: false as const, reason: "in-use" as const, name: entry.name, count };
    await tx.committee.delete({ where: { id } });
    await recordAudit(
      { municipalityId, actorId, entityType: "Committee", entityId: id, event: "committee.deleted", field: "name", oldValue: entry.name },
      tx,
    );
    return { ok: true as const, name: entry.name };
  });
}

/**
 * Inside an action's save: the committee, if it is this municipality's, locked against removal
 * until the save commits. Null when it is not (another municipality's, or removed meanwhile).
 */
export async function lockCommitteeForAction(tx: Prisma.TransactionClient, municipalityId: string, id: string) {
  const found = await tx.$queryRaw<Array<{ name: string }>>`
    SELECT name FROM "Committee" WHERE id = ${id}::uuid AND "municipalityId" = ${municipalityId}::uuid FOR SHARE`;
  return found[0] ?? null;
}
