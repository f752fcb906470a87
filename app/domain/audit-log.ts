/**
 * The audit log as its readers see it (docs/decisions/0031-audit-log.md): which events belong to
 * which kind, which events are about a person rather than a municipality, and the bounded date
 * range and page a reader may ask for. Pure: `today` is passed in.
 */
import { DAY_MS, TIME_ZONE } from "./dates.ts";

export const AUDIT_KINDS = ["sign-in", "members", "settings", "account", "plan"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** How a kind is recognised: an event name prefix, a list of events, or the entity changed. */
export interface KindRule {
  prefix?: string;
  events?: readonly string[];
  entityTypes?: readonly string[];
}

export const KIND_RULES: Record<AuditKind, KindRule> = {
  "sign-in": { prefix: "sign-in." },
  members: { prefix: "membership." },
  settings: {
    events: ["municipality.settings-changed", "oidc.configured", "municipality.created", "municipality.deactivated", "municipality.reactivated", "correspondence.changed"],
  },
  account: { events: ["password.changed", "password.reset", "totp.enabled", "totp.disabled", "user.erased"] },
  plan: { entityTypes: ["Action", "Evaluation", "Committee"] },
};

/**
 * Events about a person's own account, recorded without a municipality (a sign-in is not per
 * municipality). Each municipality the person is a member of sees them in its log; nothing else
 * recorded without a municipality is shown to a municipality.
 */
export const PERSONAL_EVENTS: readonly string[] = [
  "sign-in.succeeded",
  "sign-in.failed",
  "password.changed",
  "password.reset",
  "totp.enabled",
  "totp.disabled",
];

export function kindOf(event: string, entityType: string): AuditKind | null {
  for (const kind of AUDIT_KINDS) {
    const rule = KIND_RULES[kind];
    if (rule.prefix && event.startsWith(rule.prefix)) return kind;
    if (rule.events?.includes(event)) return kind;
    if (rule.entityTypes?.includes(entityType)) return kind;
  }
  return null;
}

/** Rows per page, the last page one may ask for, and the most rows one CSV export holds. */
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE = 1000;
export const AUDIT_EXPORT_LIMIT = 10_000;
/** The widest date range one may ask for, and the range shown when none is given. */
export const AUDIT_MAX_RANGE_DAYS = 366;
export const AUDIT_DEFAULT_RANGE_DAYS = 30;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export type RangeResult = { ok: true; from: string; to: string } | { ok: false; field: "from" | "to"; problem: "order" | "span" };

/**
 * The dates (YYYY-MM-DD, both included) a reader asked for, with the missing ends filled in: up
 * to `today` and 30 days back. A range running backwards or wider than 366 days is refused.
 */
export function auditRange(input: { from: string | null; to: string | null }, today: string): RangeResult {
  const to = input.to ?? (input.from && addDays(input.from, AUDIT_DEFAULT_RANGE_DAYS) < today ? addDays(input.from, AUDIT_DEFAULT_RANGE_DAYS) : today);
  const from = input.from ?? addDays(to, -AUDIT_DEFAULT_RANGE_DAYS);
  if (from > to) return { ok: false, field: "to", problem: "order" };
  // Both ends count: 2024-01-01..2024-12-31 is 366 days.
  if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > (AUDIT_MAX_RANGE_DAYS - 1) * DAY_MS) {
    return { ok: false, field: "from", problem: "span" };
  }
  return { ok: true, from, to };
}

const parts = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** How far Stockholm's clock is ahead of UTC at an instant, in milliseconds. */
function stockholmOffset(instant: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a Stockholm calendar date begins. */
export function stockholmMidnight(date: string): Date {
  const utc = Date.parse(`${date}T00:00:00Z`);
  const guess = utc - stockholmOffset(utc);
  return new Date(utc - stockholmOffset(guess));
}

/** The instants [start, end) covering the dates from..to (both included) in Stockholm. */
export function rangeInstants(from: string, to: string): { start: Date; end: Date } {
  return { start: stockholmMidnight(from), end: stockholmMidnight(addDays(to, 1)) };
}
