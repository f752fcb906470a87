import { stockholmDate, isoDate } from "~/domain/dates.ts";
import type { ActionStatus } from "~/domain/actions/status.ts";
import { DEFAULT_POLICY, type PolicyAction, type PolicyMunicipality, type PolicySettings, type PolicyUser } from "~/domain/reminder-policy.ts";
import { getDb } from "~/services/db.server.ts";

/** What the reminder policy needs, loaded in a few set-based queries (it runs for every municipality). */
export async function loadPolicyData(municipalityId?: string) {
  const db = getDb();
  const municipalities = await db.municipality.findMany({
    where: municipalityId ? { id: municipalityId } : {},
    select: {
      id: true,
      nextEvaluationDate: true,
      reminderPolicy: true,
      memberships: { select: { userId: true, role: true, managerId: true } },
    },
  });
  const actions = await db.$queryRaw<Array<{ id: string; municipalityId: string; status: ActionStatus; deadline: Date; ownerId: string | null; lastActivity: Date }>>`
    SELECT a.id, a."municipalityId", a.status::text AS status, a.deadline, a."ownerId",
      GREATEST(
        a."createdAt",
        COALESCE((SELECT max(n."createdAt") FROM "ProgressNote" n WHERE n."actionId" = a.id), a."createdAt"),
        COALESCE((SELECT max(e."createdAt") FROM "Evidence" e WHERE e."actionId" = a.id), a."createdAt"),
        COALESCE((SELECT max(x."createdAt") FROM "AuditEvent" x WHERE x."entityType" = 'Action' AND x."entityId" = a.id::text AND x.event = 'status'), a."createdAt")
      ) AS "lastActivity"
    FROM "Action" a
    WHERE a.status IN ('NOT_STARTED', 'IN_PROGRESS')
      AND (${municipalityId ?? null}::uuid IS NULL OR a."municipalityId" = ${municipalityId ?? null}::uuid)`;
  // Only members are ever sent anything: owners, coordinators and managers all come from memberships.
  const userIds = new Set<string>();
  for (const m of municipalities) for (const member of m.memberships) userIds.add(member.userId);
  const users = await db.user.findMany({
    where: { id: { in: [...userIds] } },
    select: { id: true, email: true, digestPreference: true },
  });
  return {
    municipalities: municipalities.map(
      (m): PolicyMunicipality => ({
        id: m.id,
        policy: m.reminderPolicy ? toSettings(m.reminderPolicy) : DEFAULT_POLICY,
        coordinatorIds: m.memberships.filter((c) => c.role === "COORDINATOR").map((c) => c.userId),
        nextEvaluationDate: m.nextEvaluationDate ? isoDate(m.nextEvaluationDate) : null,
        members: m.memberships.map((x) => ({ userId: x.userId, managerId: x.managerId })),
      }),
    ),
    actions: actions.map(
      (a): PolicyAction => ({
        id: a.id,
        municipalityId: a.municipalityId,
        status: a.status,
        deadline: isoDate(a.deadline),
        ownerId: a.ownerId,
        lastActivity: stockholmDate(a.lastActivity),
      }),
    ),
    users: users.map((u): PolicyUser => ({ id: u.id, email: u.email, digest: u.digestPreference })),
  };
}

function toSettings(p: { daysBefore: number[]; onDeadlineDay: boolean; lateEveryDays: number; graceDays: number; secondLevelDays: number; silenceDays: number; digestWeekday: number }): PolicySettings {
  return {
    daysBefore: p.daysBefore,
    onDeadlineDay: p.onDeadlineDay,
    lateEveryDays: p.lateEveryDays,
    graceDays: p.graceDays,
    secondLevelDays: p.secondLevelDays,
    silenceDays: p.silenceDays,
    digestWeekday: p.digestWeekday,
  };
}

export async function getReminderPolicy(municipalityId: string): Promise<PolicySettings> {
  const row = await getDb().reminderPolicy.findUnique({ where: { municipalityId } });
  return row ? toSettings(row) : DEFAULT_POLICY;
}

export async function saveReminderPolicy(municipalityId: string, settings: PolicySettings) {
  await getDb().reminderPolicy.upsert({ where: { municipalityId }, create: { municipalityId, ...settings }, update: settings });
}

export async function setDigestPreference(userId: string, preference: "SINGLE" | "WEEKLY") {
  await getDb().user.update({ where: { id: userId }, data: { digestPreference: preference } });
}

export async function getDigestPreference(userId: string) {
  return (await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { digestPreference: true } })).digestPreference;
}

/**
 * A person's manager in this municipality (second escalation level), kept on the membership so
 * that no other municipality can change it; both must be members here.
 */
export async function setManager(municipalityId: string, userId: string, managerId: string | null) {
  if (managerId === userId) return false;
  return getDb().$transaction(async (tx) => {
    if (managerId) {
      // The manager's membership is locked so that a removal at the same moment cannot slip between.
      const manager = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "Membership" WHERE "municipalityId" = ${municipalityId}::uuid AND "userId" = ${managerId}::uuid FOR SHARE`;
      if (manager.length === 0) return false;
    }
    const updated = await tx.membership.updateMany({ where: { municipalityId, userId }, data: { managerId } });
    return updated.count === 1;
  });
}

/** Stores notifications once per identity; returns the ids still waiting to be sent. */
export async function storeNotifications(
  mails: Array<{ identity: string; municipalityId: string; recipient: string; subject: string; text: string; html: string; actionId: string | null; kind: string; sendAt: Date }>,
) {
  if (mails.length === 0) return [];
  const ids: string[] = [];
  for (let i = 0; i < mails.length; i += 1000) {
    const batch = mails.slice(i, i + 1000);
    await getDb().mailMessage.createMany({ data: batch, skipDuplicates: true });
    const rows = await getDb().mailMessage.findMany({
      where: { identity: { in: batch.map((m) => m.identity) }, status: "PENDING" },
      select: { id: true },
    });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function listOutbox(municipalityId: string, take = 200) {
  return getDb().mailMessage.findMany({ where: { municipalityId }, orderBy: { createdAt: "desc" }, take });
}

export async function mailCounts() {
  const rows = await getDb().mailMessage.groupBy({ by: ["status"], _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count])) as Record<string, number>;
}

export async function getNextEvaluationDate(municipalityId: string): Promise<string | null> {
  const m = await getDb().municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { nextEvaluationDate: true } });
  return m.nextEvaluationDate ? isoDate(m.nextEvaluationDate) : null;
}

export async function setNextEvaluationDate(municipalityId: string, date: string | null) {
  await getDb().municipality.update({
    where: { id: municipalityId },
    data: { nextEvaluationDate: date ? new Date(`${date}T00:00:00Z`) : null },
  });
}
