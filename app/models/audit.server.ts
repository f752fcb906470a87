import { createHash } from "node:crypto";
import { KIND_RULES, PERSONAL_EVENTS, type AuditKind } from "~/domain/audit-log.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";

type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  /** Null for what belongs to no municipality: a sign-in, an operator's action. */
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

/**
 * How a failed sign-in for an address without an account is recorded: the address is not kept
 * as typed (it may be a password typed in the wrong field), only its SHA-256, so an operator
 * can still tell repeated attempts on one address apart and check a given address.
 */
export function unknownAddressId(email: string): string {
  return `sha256:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
}

/** The audit row of a sign-in, successful or not; a sign-in belongs to no municipality. */
export function signInAuditEntry(entry: { userId: string | null; email?: string; succeeded: boolean; method: string; ip?: string | undefined }): AuditEntry {
  return {
    municipalityId: null,
    // A failed attempt has no actor: nobody proved who they are.
    actorId: entry.succeeded ? entry.userId : null,
    entityType: "User",
    entityId: entry.userId ?? unknownAddressId(entry.email ?? ""),
    event: entry.succeeded ? "sign-in.succeeded" : "sign-in.failed",
    field: entry.ip ? "ip" : undefined,
    newValue: entry.ip ?? null,
    reason: entry.method,
  };
}

/** Records a refused sign-in: against the account when the address has one, else the address's hash. */
export async function recordRefusedSignIn(entry: { email: string; method: string; ip?: string | undefined }) {
  const user = await getDb().user.findUnique({ where: { email: entry.email.trim().toLowerCase() }, select: { id: true } });
  await recordAudit(signInAuditEntry({ userId: user?.id ?? null, email: entry.email, succeeded: false, method: entry.method, ip: entry.ip }));
}

// --- Reading the log ------------------------------------------------------------------------

/** Whose log: one municipality's (its coordinators), or every event (operators, optionally one municipality's). */
export type AuditScope = { municipalityId: string } | { all: true; municipalityId?: string | undefined };

export interface AuditQuery {
  kind: AuditKind | null;
  start: Date;
  end: Date;
}

function kindWhere(kind: AuditKind): Prisma.AuditEventWhereInput {
  const rule = KIND_RULES[kind];
  if (rule.prefix) return { event: { startsWith: rule.prefix } };
  if (rule.events) return { event: { in: [...rule.events] } };
  return { entityType: { in: [...(rule.entityTypes ?? [])] } };
}

/**
 * A municipality's events, and the personal events (sign-ins and the like, recorded without a
 * municipality) of the people who are its members now. Another municipality's events never.
 */
async function scopeWhere(scope: AuditScope): Promise<Prisma.AuditEventWhereInput> {
  if ("all" in scope && !scope.municipalityId) return {};
  const municipalityId = scope.municipalityId!;
  const members = await getDb().membership.findMany({ where: { municipalityId }, select: { userId: true } });
  return {
    OR: [
      { municipalityId },
      { municipalityId: null, entityType: "User", event: { in: [...PERSONAL_EVENTS] }, entityId: { in: members.map((m) => m.userId) } },
    ],
  };
}

async function where(scope: AuditScope, query: AuditQuery): Promise<Prisma.AuditEventWhereInput> {
  return {
    AND: [await scopeWhere(scope), { createdAt: { gte: query.start, lt: query.end } }, ...(query.kind ? [kindWhere(query.kind)] : [])],
  };
}

export interface AuditRow {
  id: string;
  createdAt: Date;
  municipality: string | null;
  actor: string | null;
  event: string;
  entityType: string;
  subject: string | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

/** One page of the log, newest first, with the total number of matching events. */
export async function readAuditLog(scope: AuditScope, query: AuditQuery, page: { skip: number; take: number }) {
  const filter = await where(scope, query);
  const [total, rows] = await Promise.all([
    getDb().auditEvent.count({ where: filter }),
    getDb().auditEvent.findMany({
      where: filter,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
      include: { actor: { select: { name: true } }, municipality: { select: { name: true } } },
    }),
  ]);
  // The person or action an event is about, by name: people removed or gone keep theirs.
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))].filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const [users, actions] = await Promise.all([
    getDb().user.findMany({ where: { id: { in: ids("User") } }, select: { id: true, name: true, email: true } }),
    getDb().action.findMany({
      where: { id: { in: ids("Action") }, ...("all" in scope ? {} : { municipalityId: scope.municipalityId }) },
      select: { id: true, title: true },
    }),
  ]);
  const names = new Map<string, string>([...users.map((u) => [u.id, `${u.name} (${u.email})`] as const), ...actions.map((a) => [a.id, a.title] as const)]);
  const result: AuditRow[] = rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    municipality: r.municipality?.name ?? null,
    actor: r.actor?.name ?? null,
    event: r.event,
    entityType: r.entityType,
    subject: names.get(r.entityId) ?? (r.entityId.startsWith("sha256:") ? r.entityId : null),
    field: r.field,
    oldValue: r.oldValue,
    newValue: r.newValue,
    reason: r.reason,
  }));
  return { total, rows: result };
}

