import { stockholmDate, isoDate } from "~/domain/dates.ts";
import type { ActionStatus } from "~/domain/actions/status.ts";
import { DEFAULT_POLICY, type PolicyAction, type PolicyMunicipality, type PolicySettings, type PolicyUser } from "~/domain/reminder-policy.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { settingsAudit } from "./municipality.server.ts";

/** What the reminder policy needs, loaded in a few set-based queries (it runs for every municipality). */
export async function loadPolicyData(municipalityId?: string) {
  const db = getDb();
  // A deactivated municipality (issue #12) is sent nothing until it is reactivated.
  const municipalities = await db.municipality.findMany({
    where: municipalityId ? { id: municipalityId, deactivatedAt: null } : { deactivatedAt: null },
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
      AND a."municipalityId" IN (SELECT id FROM "Municipality" WHERE "deactivatedAt" IS NULL)
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

/** Saves the reminder policy; each changed setting is recorded in the audit log. */
export async function saveReminderPolicy(municipalityId: string, settings: PolicySettings, actorId: string | null = null) {
  await getDb().$transaction(async (tx) => {
    const row = await tx.reminderPolicy.findUnique({ where: { municipalityId } });
    const before = row ? toSettings(row) : DEFAULT_POLICY;
    await tx.reminderPolicy.upsert({ where: { municipalityId }, create: { municipalityId, ...settings }, update: settings });
    const show = (p: PolicySettings) => ({ ...p, daysBefore: p.daysBefore.join(", ") });
    await recordAudit(settingsAudit(municipalityId, actorId, show(before), show(settings)), tx);
  });
}

export async function setDigestPreference(userId: string, preference: "SINGLE" | "WEEKLY") {
  await getDb().user.update({ where: { id: userId }, data: { digestPreference: preference } });
}

export async function getDigestPreference(userId: string) {
  return (await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { digestPreference: true } })).digestPreference;
}

/**
 * Everything the reminder mails of one run mention, in a few set-based queries however many
 * mails there are: the actions (with owner and municipality), the recipients' names, the
 * municipalities, and the status and deadline of every action where a readiness summary is due.
 */
export async function loadReminderMailData(ids: { actionIds: string[]; recipientIds: string[]; municipalityIds: string[]; readinessMunicipalityIds: string[] }) {
  const db = getDb();
  const [actions, recipients, municipalities, planActions] = await Promise.all([
    db.action.findMany({
      where: { id: { in: ids.actionIds } },
      select: {
        id: true,
        title: true,
        deadline: true,
        ownerId: true,
        owner: { select: { name: true } },
        municipality: { select: { slug: true } },
        // The latest status text's time: the owner's reminder asks for a new one when it is old.
        statusNotes: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
      },
    }),
    db.user.findMany({ where: { id: { in: ids.recipientIds } }, select: { id: true, name: true } }),
    db.municipality.findMany({ where: { id: { in: ids.municipalityIds } }, select: { id: true, slug: true, name: true, nextEvaluationDate: true } }),
    ids.readinessMunicipalityIds.length === 0
      ? Promise.resolve([])
      : db.action.findMany({ where: { municipalityId: { in: ids.readinessMunicipalityIds } }, select: { municipalityId: true, status: true, deadline: true } }),
  ]);
  const plans = new Map<string, Array<{ status: ActionStatus; deadline: Date }>>(ids.readinessMunicipalityIds.map((id) => [id, []]));
  for (const a of planActions) plans.get(a.municipalityId)!.push({ status: a.status, deadline: a.deadline });
  return {
    actions: new Map(actions.map((a) => [a.id, a])),
    recipientNames: new Map(recipients.map((u) => [u.id, u.name])),
    municipalities: new Map(municipalities.map((m) => [m.id, m])),
    /** Per municipality with a readiness summary due: all its actions' status and deadline. */
    plans,
  };
}
