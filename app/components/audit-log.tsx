import { Form, Link } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Field } from "~/components/ui/field.tsx";
import { AUDIT_KINDS } from "~/domain/audit-log.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { auditEventLabel, auditFieldLabel, auditReason, auditValue } from "~/utils/audit-text.ts";
import { formatDateTime } from "~/utils/format.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export interface AuditLogViewProps {
  title: string;
  intro: string;
  /** The page's own address and its CSV's, without a query. */
  basePath: string;
  csvPath: string;
  filter: { typ: string | null; fran: string; till: string; kommun: string | null };
  errors: FieldErrors;
  total: number;
  page: number;
  pages: number;
  rows: Array<{
    id: string;
    createdAt: string;
    municipality: string | null;
    actor: string | null;
    event: string;
    subject: string | null;
    field: string | null;
    oldValue: string | null;
    newValue: string | null;
    reason: string | null;
  }>;
  /** For operators: the municipalities to choose from, and a column naming each row's. */
  municipalities?: Array<{ id: string; name: string }>;
}

/** The audit log: a GET filter (kind, dates, for operators a municipality), one page of events, CSV. */
export function AuditLogView(props: AuditLogViewProps) {
  const { filter, errors, rows, municipalities } = props;
  const l = t.auditLog;
  const query = (page?: number) => {
    const q = new URLSearchParams({ fran: filter.fran, till: filter.till });
    if (filter.typ) q.set("typ", filter.typ);
    if (filter.kommun) q.set("kommun", filter.kommun);
    if (page && page > 1) q.set("sida", String(page));
    return `?${q}`;
  };
  return (
    <>
      <h1>{props.title}</h1>
      <p className="lead">{props.intro}</p>
      <Form method="get" action={props.basePath} className="card filters" aria-labelledby="audit-filter-heading" noValidate>
        <h2 id="audit-filter-heading">{l.filters}</h2>
        <ErrorSummary errors={errors} />
        <div className="form-grid">
          <Field name="typ" label={l.kind} error={errors.typ}>
            {(control) => (
              <select {...control} defaultValue={filter.typ ?? ""}>
                <option value="">{l.allKinds}</option>
                {AUDIT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {l.kinds[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="fran" type="date" label={l.from} defaultValue={filter.fran} error={errors.fran} />
          <Field name="till" type="date" label={l.to} defaultValue={filter.till} error={errors.till} />
          {municipalities ? (
            <Field name="kommun" label={l.municipality} error={errors.kommun}>
              {(control) => (
                <select {...control} defaultValue={filter.kommun ?? ""}>
                  <option value="">{l.allMunicipalities}</option>
                  {municipalities.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
        <div className="inline-form">
          <button type="submit">{l.show}</button>
          <a href={`${props.csvPath}${query()}`} download>
            {l.export}
          </a>
        </div>
      </Form>
      <p role="status">{l.count(props.total, filter.fran, filter.till)}</p>
      {rows.length === 0 ? (
        <p className="notice">{l.empty}</p>
      ) : (
        <TableFrame label={props.title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{l.time}</th>
              {municipalities ? <th scope="col">{l.municipalityColumn}</th> : null}
              <th scope="col">{l.actor}</th>
              <th scope="col">{l.event}</th>
              <th scope="col">{l.subject}</th>
              <th scope="col">{l.change}</th>
              <th scope="col">{l.reason}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.createdAt)}</td>
                {municipalities ? <td>{r.municipality ?? l.nobody}</td> : null}
                <td>{r.actor ?? l.nobody}</td>
                <td>{auditEventLabel(r.event)}</td>
                <td>{r.subject?.startsWith("sha256:") ? l.unknownAddress : (r.subject ?? l.nobody)}</td>
                <td>
                  {r.field
                    ? `${auditFieldLabel(r.field)}: ${[auditValue(r.field, r.oldValue), auditValue(r.field, r.newValue)].filter((v) => v !== null).join(" → ")}`
                    : null}
                </td>
                <td>{auditReason(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
      )}
      {props.pages > 1 ? (
        <nav aria-label={l.pagination} className="inline-form">
          {props.page > 1 ? <Link to={query(props.page - 1)}>{l.previous}</Link> : null}
          <span>{l.page(props.page, props.pages)}</span>
          {props.page < props.pages ? <Link to={query(props.page + 1)}>{l.next}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
