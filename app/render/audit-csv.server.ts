import type { AuditRow } from "~/models/audit.server.ts";
import { t } from "~/i18n/sv.ts";
import { toCsv } from "./csv.server.ts";
import { auditEventLabel, auditFieldLabel, auditReason, auditValue } from "~/utils/audit-text.ts";

/** The audit log as CSV (semicolons, through the one CSV renderer that neutralises formulas). */
export function auditToCsv(rows: AuditRow[], withMunicipality: boolean): string {
  const l = t.auditLog;
  const header = [l.time, ...(withMunicipality ? [l.municipalityColumn] : []), l.actor, l.event, l.subject, l.field, l.oldValue, l.newValue, l.reason];
  return toCsv(
    header,
    rows.map((r) => [
      r.createdAt.toISOString(),
      ...(withMunicipality ? [r.municipality ?? ""] : []),
      r.actor ?? "",
      auditEventLabel(r.event),
      r.subject ?? "",
      r.field ? auditFieldLabel(r.field) : "",
      auditValue(r.field, r.oldValue) ?? "",
      auditValue(r.field, r.newValue) ?? "",
      auditReason(r) ?? "",
    ]),
  );
}
