import { daysBetween, stockholmDate, TIME_ZONE } from "./dates.ts";
import { isOpen, type ActionStatus } from "./actions/status.ts";

/**
 * Which notifications are due at `now`: a pure function of (municipalities with their policy,
 * actions, users, holidays, now). Each notification has a deterministic identity (who, which
 * action, which kind, which date), so storing it under that identity sends it at most once.
 * Mails go out from 07:00 Stockholm time on working days; a date that falls on a weekend or
 * holiday moves to the next working day.
 */

export interface PolicySettings {
  daysBefore: number[];
  onDeadlineDay: boolean;
  lateEveryDays: number;
  graceDays: number;
  secondLevelDays: number;
  silenceDays: number;
  /** ISO weekday, 1 = Monday. */
  digestWeekday: number;
}

export const DEFAULT_POLICY: PolicySettings = {
  daysBefore: [14, 3],
  onDeadlineDay: true,
  lateEveryDays: 7,
  graceDays: 7,
  secondLevelDays: 14,
  silenceDays: 30,
  digestWeekday: 1,
};

/** Days before the next evaluation on which coordinators get a readiness summary. */
export const READINESS_DAYS = [90, 30];
export const SEND_HOUR = 7;

export type NotificationKind =
  | "before"
  | "due-today"
  | "late"
  | "escalation"
  | "escalation-manager"
  | "silence"
  | "digest"
  | "readiness";

export interface PolicyMunicipality {
  id: string;
  policy: PolicySettings;
  coordinatorIds: string[];
  nextEvaluationDate: string | null;
  /** The current members, each with their manager in this municipality. Nobody else is sent anything. */
  members: ReadonlyArray<{ userId: string; managerId: string | null }>;
}

export interface PolicyAction {
  id: string;
  municipalityId: string;
  status: ActionStatus;
  /** YYYY-MM-DD */
  deadline: string;
  ownerId: string | null;
  /** YYYY-MM-DD of the last note, evidence or status change (for silence). */
  lastActivity: string;
}

export interface PolicyUser {
  id: string;
  email: string;
  digest: "SINGLE" | "WEEKLY";
}

export interface DueNotification {
  identity: string;
  municipalityId: string;
  recipientId: string;
  recipient: string;
  kind: NotificationKind;
  actionId: string | null;
  /** The working day it is scheduled for (YYYY-MM-DD); it goes out from 07:00 that day. */
  sendDate: string;
  /** For digests and readiness summaries: the actions they list, and why. */
  items?: Array<{ actionId: string; kind: NotificationKind }>;
  /** For readiness: days left to the evaluation. */
  daysLeft?: number;
}

export interface PolicyInput {
  municipalities: readonly PolicyMunicipality[];
  actions: readonly PolicyAction[];
  users: readonly PolicyUser[];
  /** Public holidays (YYYY-MM-DD) on which no mail goes out. */
  holidays: ReadonlySet<string>;
  now: Date;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function weekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  return weekday(date) <= 5 && !holidays.has(date);
}

export function nextWorkingDay(date: string, holidays: ReadonlySet<string>): string {
  let d = date;
  while (!isWorkingDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/** The hour of day in Stockholm at `now`. */
function stockholmHour(now: Date): number {
  return Number(new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, hour: "2-digit", hourCycle: "h23" }).format(now));
}

export function dueNotifications(input: PolicyInput): DueNotification[] {
  const { holidays, now } = input;
  const today = stockholmDate(now);
  // Nothing goes out on weekends, holidays, or before 07:00.
  if (!isWorkingDay(today, holidays) || stockholmHour(now) < SEND_HOUR) return [];
  const users = new Map(input.users.map((u) => [u.id, u]));
  const municipalities = new Map(input.municipalities.map((m) => [m.id, m]));
  // Per municipality: member id → their manager there (a manager who is not a member is no manager).
  const members = new Map(
    input.municipalities.map((m) => {
      const ids = new Set(m.members.map((x) => x.userId));
      return [m.id, new Map(m.members.map((x) => [x.userId, x.managerId && ids.has(x.managerId) ? x.managerId : null]))];
    }),
  );
  const out: DueNotification[] = [];
  const send = (base: string) => nextWorkingDay(base, holidays);
  // Weekly digests are per person and municipality: one municipality's mail never lists another's actions.
  const digestItems = new Map<string, { userId: string; municipalityId: string; items: NonNullable<DueNotification["items"]> }>();

  const push = (n: Omit<DueNotification, "recipient" | "identity"> & { key: string }) => {
    const user = users.get(n.recipientId);
    // Only current members of the municipality hear about its actions.
    if (!user || !members.get(n.municipalityId)?.has(user.id)) return;
    const { key, ...rest } = n;
    const individual = n.kind === "escalation" || n.kind === "escalation-manager" || n.kind === "readiness";
    if (!individual && user.digest === "WEEKLY" && n.actionId) {
      const digestKey = `${user.id}:${n.municipalityId}`;
      const entry = digestItems.get(digestKey) ?? { userId: user.id, municipalityId: n.municipalityId, items: [] };
      entry.items.push({ actionId: n.actionId, kind: n.kind });
      digestItems.set(digestKey, entry);
      return;
    }
    out.push({ ...rest, recipient: user.email, identity: `${n.kind}:${key}:${n.recipientId}:${n.sendDate}` });
  };

  for (const action of input.actions) {
    const municipality = municipalities.get(action.municipalityId);
    if (!municipality || !isOpen(action.status)) continue;
    const p = municipality.policy;
    const owner = action.ownerId;
    const lateDays = daysBetween(action.deadline, today);

    if (owner) {
      // Before the deadline: the latest reminder whose day has come, until the deadline day.
      if (lateDays < 0) {
        const before = [...p.daysBefore].sort((a, b) => b - a).map((n) => ({ n, date: send(addDays(action.deadline, -n)) }));
        const current = before.filter((b) => b.date <= today).pop();
        if (current && current.date < action.deadline) {
          push({ municipalityId: municipality.id, recipientId: owner, kind: "before", actionId: action.id, sendDate: current.date, key: `${action.id}:${current.n}` });
        }
      }
      // On the day, until the first weekly late reminder.
      if (p.onDeadlineDay && lateDays >= 0 && lateDays < p.lateEveryDays) {
        const date = send(action.deadline);
        if (date <= today) push({ municipalityId: municipality.id, recipientId: owner, kind: "due-today", actionId: action.id, sendDate: date, key: action.id });
      }
      // Once a week while late: only the latest week.
      if (lateDays >= p.lateEveryDays && p.lateEveryDays > 0) {
        const week = Math.floor(lateDays / p.lateEveryDays);
        const date = send(addDays(action.deadline, week * p.lateEveryDays));
        if (date <= today) push({ municipalityId: municipality.id, recipientId: owner, kind: "late", actionId: action.id, sendDate: date, key: `${action.id}:${week}` });
      }
      // Silence: in progress with nothing new for a while.
      if (action.status === "IN_PROGRESS" && p.silenceDays > 0) {
        const quiet = daysBetween(action.lastActivity, today);
        if (quiet >= p.silenceDays) {
          const period = Math.floor(quiet / p.silenceDays);
          const date = send(addDays(action.lastActivity, period * p.silenceDays));
          if (date <= today) push({ municipalityId: municipality.id, recipientId: owner, kind: "silence", actionId: action.id, sendDate: date, key: `${action.id}:${action.lastActivity}:${period}` });
        }
      }
    }
    // Escalation: the coordinators after the grace period, the owner's manager after a further one.
    if (lateDays >= p.graceDays) {
      const date = send(addDays(action.deadline, p.graceDays));
      if (date <= today) {
        for (const coordinatorId of municipality.coordinatorIds) {
          push({ municipalityId: municipality.id, recipientId: coordinatorId, kind: "escalation", actionId: action.id, sendDate: date, key: `${action.id}:${action.deadline}` });
        }
      }
    }
    const manager = owner ? members.get(municipality.id)?.get(owner) : null;
    if (manager && lateDays >= p.graceDays + p.secondLevelDays) {
      const date = send(addDays(action.deadline, p.graceDays + p.secondLevelDays));
      if (date <= today) push({ municipalityId: municipality.id, recipientId: manager, kind: "escalation-manager", actionId: action.id, sendDate: date, key: `${action.id}:${action.deadline}` });
    }
  }

  // Weekly digests: on the municipality's digest day (moved past holidays), for that week.
  for (const { userId, municipalityId, items } of digestItems.values()) {
    const user = users.get(userId)!;
    const policy = municipalities.get(municipalityId)!.policy;
    const offset = (weekday(today) - policy.digestWeekday + 7) % 7;
    const date = send(addDays(today, -offset));
    if (date > today || addDays(date, 7) <= today) continue;
    out.push({
      identity: `digest:${userId}:${municipalityId}:${date}`,
      municipalityId,
      recipientId: userId,
      recipient: user.email,
      kind: "digest",
      actionId: null,
      sendDate: date,
      items,
    });
  }

  // Readiness summaries before the next evaluation.
  for (const municipality of input.municipalities) {
    if (!municipality.nextEvaluationDate) continue;
    const left = daysBetween(today, municipality.nextEvaluationDate);
    const current = [...READINESS_DAYS]
      .sort((a, b) => b - a)
      .map((n) => ({ n, date: send(addDays(municipality.nextEvaluationDate!, -n)) }))
      .filter((r) => r.date <= today)
      .pop();
    if (!current || left <= 0) continue;
    for (const coordinatorId of municipality.coordinatorIds) {
      push({
        municipalityId: municipality.id,
        recipientId: coordinatorId,
        kind: "readiness",
        actionId: null,
        sendDate: current.date,
        daysLeft: current.n,
        key: `${municipality.id}:${municipality.nextEvaluationDate}:${current.n}`,
      });
    }
  }

  return out.sort((a, b) => a.identity.localeCompare(b.identity));
}
