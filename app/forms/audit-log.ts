import { z } from "zod";
import { AUDIT_KINDS, AUDIT_MAX_PAGE, type AuditKind } from "~/domain/audit-log.ts";
import { t } from "~/i18n/sv.ts";
import { optionalDate } from "./fields.ts";

const e = t.auditLog.errors;

/**
 * The audit log's filter (a GET form: `typ`, `fran`, `till`, `sida`, and for operators `kommun`).
 * Every value is bounded; the date range itself is checked by `auditRange` in the domain.
 */
export const auditFilterSchema = z.object({
  typ: z
    .string({ error: e.kind })
    .default("")
    .refine((s) => s === "" || (AUDIT_KINDS as readonly string[]).includes(s), { error: e.kind })
    .transform((s) => (s === "" ? null : (s as AuditKind))),
  fran: optionalDate(e.date),
  till: optionalDate(e.date),
  sida: z
    .string({ error: e.page })
    .default("1")
    .refine((s) => /^\d{1,4}$/.test(s) && Number(s) >= 1 && Number(s) <= AUDIT_MAX_PAGE, { error: e.page })
    .transform(Number),
  kommun: z
    .string({ error: e.municipality })
    .default("")
    .transform((s) => (s === "" ? null : s))
    .pipe(z.uuid({ error: e.municipality }).nullable()),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
