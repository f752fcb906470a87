import { t } from "~/i18n/sv.ts";

/** How the audit log names its events, fields and values, the same on the page and in CSV. */

export function auditEventLabel(event: string): string {
  return t.auditLog.events[event] ?? t.committees.auditEvents[event] ?? event;
}

export function auditFieldLabel(field: string): string {
  return t.auditLog.fields[field] ?? t.committees.auditFields[field] ?? field;
}

const roleNames: Record<string, string> = t.roles;

/** A stored value as the reader knows it: roles by their Swedish names, the rest as stored. */
export function auditValue(field: string | null, value: string | null): string | null {
  if (value === null) return null;
  if (field === "role") return roleNames[value] ?? value;
  return value;
}

/** The reason column: for a sign-in, how the person signed in (or tried to). */
export function auditReason(row: { event: string; reason: string | null }): string | null {
  if (row.reason && row.event.startsWith("sign-in.")) return t.auditLog.methods[row.reason] ?? row.reason;
  return row.reason;
}
