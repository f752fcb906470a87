import { AUDIT_EXPORT_LIMIT, AUDIT_PAGE_SIZE, auditRange, rangeInstants } from "~/domain/audit-log.ts";
import { stockholmDate } from "~/domain/dates.ts";
import { auditFilterSchema } from "~/forms/audit-log.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { readAuditLog, type AuditScope } from "~/models/audit.server.ts";
import { auditToCsv } from "~/render/audit-csv.server.ts";

/**
 * Reading the audit log: the filter from the address (bounded: one kind, at most 366 days, a page
 * of 50), one page of events, or the CSV of the whole selection (at most 10 000 events).
 */
function readFilter(params: URLSearchParams, now: Date) {
  const raw = Object.fromEntries(["typ", "fran", "till", "sida", "kommun"].flatMap((k) => (params.has(k) ? [[k, params.get(k)!]] : [])));
  const parsed = auditFilterSchema.safeParse(raw);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
  }
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const today = stockholmDate(now);
  let range = auditRange({ from: filter.fran, to: filter.till }, today);
  if (!range.ok) {
    errors[range.field === "from" ? "fran" : "till"] = range.problem === "order" ? t.auditLog.errors.order : t.auditLog.errors.span;
    range = auditRange({ from: null, to: null }, today);
  }
  if (!range.ok) throw new Error("the default range is always valid");
  return { filter: { ...filter, fran: range.from, till: range.to }, errors, valid: Object.keys(errors).length === 0 };
}

export async function auditLogPage(scope: AuditScope, params: URLSearchParams, now = new Date()) {
  const { filter, errors, valid } = readFilter(params, now);
  const effectiveScope: AuditScope = "all" in scope ? { all: true, municipalityId: filter.kommun ?? undefined } : scope;
  const { start, end } = rangeInstants(filter.fran, filter.till);
  const page = valid ? filter.sida : 1;
  const { total, rows } = await readAuditLog(effectiveScope, { kind: filter.typ, start, end }, { skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE });
  return {
    filter: { typ: filter.typ, fran: filter.fran, till: filter.till, kommun: filter.kommun },
    errors,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

/** The CSV of the selection, newest first; null when the filter is not valid. */
export async function auditLogCsv(scope: AuditScope, params: URLSearchParams, now = new Date()) {
  const { filter, valid } = readFilter(params, now);
  if (!valid) return null;
  const effectiveScope: AuditScope = "all" in scope ? { all: true, municipalityId: filter.kommun ?? undefined } : scope;
  const { start, end } = rangeInstants(filter.fran, filter.till);
  const { total, rows } = await readAuditLog(effectiveScope, { kind: filter.typ, start, end }, { skip: 0, take: AUDIT_EXPORT_LIMIT });
  return { csv: auditToCsv(rows, "all" in scope), total, capped: total > AUDIT_EXPORT_LIMIT, from: filter.fran, to: filter.till };
}
