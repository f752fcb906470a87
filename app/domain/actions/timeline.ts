import { t } from "~/i18n/sv.ts";
import { formatDate } from "~/utils/format.ts";

/** One line of an action's history: who did what, when, as shown on the action page. */
export interface TimelineEntry {
  /** ISO instant. */
  at: string;
  who: string;
  /** An audit event ("created", "updated", "status") or "note", "evidence", "mail". */
  kind: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

/** What an action's history is made of, as loaded with the action. */
export interface TimelineSources {
  audit: ReadonlyArray<{
    createdAt: Date;
    actor: { name: string } | null;
    event: string;
    field: string | null;
    oldValue: string | null;
    newValue: string | null;
    reason: string | null;
  }>;
  notes: ReadonlyArray<{ createdAt: Date; author: { name: string } | null; body: string }>;
  evidence: ReadonlyArray<{ createdAt: Date; addedBy: { name: string } | null; title: string }>;
  /** `status` KEPT: kept in the outbox, never sent (no mail server). */
  mails: ReadonlyArray<{ createdAt: Date; sentAt: Date | null; kind: string | null; recipient: string; status?: string }>;
  /** Status texts (lägesbeskrivningar), each kept in the history with its date and author. */
  statusNotes?: ReadonlyArray<{ createdAt: Date; author: string | null; text: string }>;
}

/** Changes, notes, evidence and sent mail in one list, oldest first (ties keep that order). */
export function buildTimeline({ audit, notes, evidence, mails, statusNotes = [] }: TimelineSources): TimelineEntry[] {
  return [
    ...audit.map((a) => ({
      at: a.createdAt.toISOString(),
      who: a.actor?.name ?? "Kompassplan",
      kind: a.event,
      field: a.field,
      oldValue: a.oldValue,
      newValue: a.newValue,
      reason: a.reason,
    })),
    ...notes.map((n) => ({ at: n.createdAt.toISOString(), who: n.author?.name ?? "–", kind: "note", field: null, oldValue: null, newValue: n.body, reason: null })),
    ...statusNotes.map((n) => ({ at: n.createdAt.toISOString(), who: n.author ?? "–", kind: "status-note", field: null, oldValue: null, newValue: n.text, reason: null })),
    ...evidence.map((e) => ({ at: e.createdAt.toISOString(), who: e.addedBy?.name ?? "–", kind: "evidence", field: null, oldValue: null, newValue: e.title, reason: null })),
    ...mails.map((m) => ({
      at: (m.sentAt ?? m.createdAt).toISOString(),
      who: "Kompassplan",
      kind: m.status === "KEPT" ? "mail-kept" : "mail",
      field: null,
      oldValue: null,
      newValue: `${t.reminders.kindLabel[m.kind ?? ""] ?? m.kind ?? ""} → ${m.recipient}`,
      reason: null,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}

const localized = (field: string | null, value: string | null): string => {
  if (value === null) return "–";
  if (field === "status") return t.statuses[value as keyof typeof t.statuses] ?? value;
  if (field === "priority") return t.priorities[value as keyof typeof t.priorities] ?? value;
  // A deadline is kept as 2027-01-31 and written out as the rest of the history: 31 januari 2027.
  if (field === "deadline" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return value;
};

/** The rest of a timeline line after "who did what", as one string. */
function describeChange(entry: Pick<TimelineEntry, "kind" | "field" | "oldValue" | "newValue">): string {
  if (entry.kind === "note" || entry.kind === "status-note" || entry.kind === "evidence" || entry.kind === "mail" || entry.kind === "mail-kept") return `: ${entry.newValue ?? ""}`;
  if (entry.kind === "evidence-removed") return `: ${entry.oldValue ?? ""}`;
  if (!entry.field) return "";
  const label = entry.kind === "status" ? "" : ` ${(t.action.fields[entry.field] ?? t.committees.actionFields[entry.field] ?? entry.field).toLowerCase()}`;
  return `${label}: ${localized(entry.field, entry.oldValue)} → ${localized(entry.field, entry.newValue)}`;
}

/** What a timeline line says after the person's name, in Swedish. */
export function timelineText(entry: Pick<TimelineEntry, "kind" | "field" | "oldValue" | "newValue">): string {
  const event = entry.kind === "status-note" ? t.councilReport.timelineEvent : (t.action.events[entry.kind] ?? entry.kind);
  return `${event}${describeChange(entry)}`;
}
