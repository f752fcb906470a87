import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";

type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  municipalityId: string | null;
  actorId: string | null;
  entityType: string;
  entityId: string;
  event: string;
  field?: string;
  oldValue?: string | null;
  newValue?: string | null;
  reason?: string | null;
}

/** Records who changed what and when. Pass the transaction the change itself runs in. */
export async function recordAudit(entries: AuditEntry | AuditEntry[], tx: Tx = getDb()) {
  const rows = Array.isArray(entries) ? entries : [entries];
  if (rows.length === 0) return;
  await tx.auditEvent.createMany({ data: rows });
}

export async function listAudit(municipalityId: string, entityType: string, entityId: string) {
  return getDb().auditEvent.findMany({
    where: { municipalityId, entityType, entityId },
    orderBy: { createdAt: "asc" },
    include: { actor: { select: { name: true } } },
  });
}
