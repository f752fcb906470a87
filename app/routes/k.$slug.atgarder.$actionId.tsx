import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { StatusBadge } from "~/components/status-badge.tsx";
import { can, canUpdateAction } from "~/domain/access.ts";
import { isoDate, stockholmDate } from "~/domain/dates.ts";
import { daysLate, STATUSES } from "~/domain/actions/status.ts";
import { evidenceSchema, noteSchema, statusSchema } from "~/forms/action.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { FieldError } from "~/components/ui/field-error.tsx";
import { t } from "~/i18n/sv.ts";
import {
  ActionConflictError,
  ActionRuleError,
  addEvidence,
  addNote,
  changeStatus,
  getActionDetail,
  getActionSummary,
} from "~/models/action.server.ts";
import { discardBody, forbidden, notFound, requireMunicipalityForUpload, requireMunicipality } from "~/services/access.server.ts";
import { MAX_EVIDENCE_BYTES, storedFileName, storeFile } from "~/services/file-storage.server.ts";
import { newSubmissionKey, oncePerSubmission } from "~/services/submission.server.ts";
import { readUploadForm } from "~/services/upload.server.ts";
import { formatDate, formatPoints } from "~/utils/format.ts";
import { SubmissionKey } from "~/components/submission-key.tsx";
import { notice, paths, QUERY } from "~/paths.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.action.title ?? t.action.title} – ${t.app.name}` },
];

const idSchema = z.uuid();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  const id = idSchema.safeParse(params.actionId);
  if (!id.success) throw notFound();
  const detail = await getActionDetail(municipality.id, id.data);
  if (!detail) throw notFound();
  const { action, audit } = detail;
  const principal = { isOperator: user.isOperator, role };
  const timeline = [
    ...audit.map((a) => ({
      at: a.createdAt.toISOString(),
      who: a.actor?.name ?? "Kompassplan",
      kind: a.event,
      field: a.field,
      oldValue: a.oldValue,
      newValue: a.newValue,
      reason: a.reason,
    })),
    ...action.notes.map((n) => ({ at: n.createdAt.toISOString(), who: n.author?.name ?? "–", kind: "note", field: null, oldValue: null, newValue: n.body, reason: null })),
    ...action.evidence.map((e) => ({ at: e.createdAt.toISOString(), who: e.addedBy?.name ?? "–", kind: "evidence", field: null, oldValue: null, newValue: e.title, reason: null })),
    ...action.mails.map((m) => ({
      at: (m.sentAt ?? m.createdAt).toISOString(),
      who: "Kompassplan",
      kind: "mail",
      field: null,
      oldValue: null,
      newValue: `${t.reminders.kindLabel[m.kind ?? ""] ?? m.kind ?? ""} → ${m.recipient}`,
      reason: null,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    submissionKey: newSubmissionKey(),
    municipality,
    action: {
      id: action.id,
      title: action.title,
      description: action.description,
      status: action.status,
      priority: action.priority,
      deadline: isoDate(action.deadline),
      daysLate: daysLate({ status: action.status, deadline: isoDate(action.deadline) }, new Date()),
      version: action.version,
      cancelReason: action.cancelReason,
      deadlineChangeCount: action.deadlineChangeCount,
      owner: action.owner ? { name: action.owner.name, email: action.owner.email } : null,
      item: action.improvementItem.text,
      area: `${action.improvementItem.evaluationArea.frameworkArea.number}. ${action.improvementItem.evaluationArea.frameworkArea.name}`,
      effects: action.questions.map((q) => ({ code: q.question.code, text: q.question.text, effect: Number(q.expectedEffect) })),
      evidence: action.evidence.map((e) => ({ id: e.id, kind: e.kind, title: e.title, url: e.url, fileName: e.storageKey ? storedFileName(e.fileName, e.storageKey) : null, date: isoDate(e.evidenceDate) })),
    },
    timeline,
    canUpdate: canUpdateAction(principal, user.id, action.ownerId),
    canManage: can(principal, "actions:manage"),
    today: stockholmDate(new Date()),
  };
}

type Result = { intent: string; errors: FieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality, role } = await requireMunicipalityForUpload(request, params.slug, "municipality:read");
  const id = idSchema.safeParse(params.actionId);
  if (!id.success) throw notFound();
  const summary = await getActionSummary(municipality.id, id.data);
  if (!summary) throw notFound();
  if (!canUpdateAction({ isOperator: user.isOperator, role }, user.id, summary.ownerId)) {
    await discardBody(request);
    throw forbidden();
  }
  const back = paths.action(municipality.slug, summary.id);
  const read = await readUploadForm(request, MAX_EVIDENCE_BYTES);
  if ("tooLarge" in read) return data<Result>({ intent: "evidence", errors: { file: t.action.errors.fileSize } }, { status: 413 });
  const form = read.form;
  const intent = String(form.get("intent") ?? "");

  if (intent === "note") {
    return oncePerSubmission(request, form, user.id, async () => {
      const parsed = parseForm(noteSchema, form);
      if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors }, { status: 400 });
      await addNote(municipality.id, summary.id, parsed.data.body, user.id);
      throw redirect(`${back}${notice("saved")}`);
    });
  }

  if (intent === "status") {
    const parsed = parseForm(statusSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors }, { status: 400 });
    try {
      await changeStatus(municipality.id, summary.id, parsed.data.version, parsed.data.status, parsed.data.reason, user.id);
    } catch (error) {
      if (error instanceof ActionConflictError) return data<Result>({ intent, errors: { "": t.action.conflict } }, { status: 409 });
      if (error instanceof ActionRuleError) {
        const field = error.code === "reason-required" ? "reason" : "status";
        const message = t.action.errors[error.code as "reason-required" | "evidence-required" | "unchanged"];
        return data<Result>({ intent, errors: { [field]: message } }, { status: 400 });
      }
      throw error;
    }
    throw redirect(`${back}${notice("saved")}`);
  }

  if (intent === "evidence") return oncePerSubmission(request, form, user.id, () => saveEvidence(summary));
  return data<Result>({ intent, errors: { "": t.errors.fixErrors } }, { status: 400 });

  async function saveEvidence(summary: { id: string }) {
    const parsed = parseForm(evidenceSchema, form);
    const file = form.get("file");
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const isFile = parsed.ok && parsed.data.kind === "FILE";
    const hasFile = file instanceof Blob && file.size > 0;
    if (isFile && !hasFile) errors.file = t.action.errors.file;
    if (!parsed.ok || Object.keys(errors).length > 0) return data<Result>({ intent, errors }, { status: 400 });
    let fileData: { storageKey: string; mimeType: string; sizeBytes: number; fileName: string } | null = null;
    if (isFile && hasFile) {
      const name = "name" in file ? String(file.name) : "fil";
      const stored = await storeFile(new Uint8Array(await file.arrayBuffer()), name);
      if (!stored.ok) {
        const message = stored.reason === "too-large" ? t.action.errors.fileSize : stored.reason === "empty" ? t.action.errors.file : t.action.errors.fileType;
        return data<Result>({ intent, errors: { file: message } }, { status: 400 });
      }
      fileData = { storageKey: stored.storageKey, mimeType: stored.mimeType, sizeBytes: stored.sizeBytes, fileName: storedFileName(name, stored.storageKey) };
    }
    await addEvidence(
      municipality.id,
      summary.id,
      {
        kind: parsed.data.kind,
        title: parsed.data.title,
        url: parsed.data.kind === "LINK" ? parsed.data.url : null,
        evidenceDate: parsed.data.evidenceDate,
        ...(fileData ?? {}),
      },
      user.id,
    );
    throw redirect(`${back}${notice("saved")}`);
  }
}

const localized = (field: string | null, value: string | null): string => {
  if (value === null) return "–";
  if (field === "status") return t.statuses[value as keyof typeof t.statuses] ?? value;
  if (field === "priority") return t.priorities[value as keyof typeof t.priorities] ?? value;
  return value;
};

/** The rest of a timeline line after "who did what", as one string. */
function describeChange(entry: { kind: string; field: string | null; oldValue: string | null; newValue: string | null }): string {
  if (entry.kind === "note" || entry.kind === "evidence" || entry.kind === "mail") return `: ${entry.newValue ?? ""}`;
  if (!entry.field) return "";
  const label = entry.kind === "status" ? "" : ` ${(t.action.fields[entry.field] ?? entry.field).toLowerCase()}`;
  return `${label}: ${localized(entry.field, entry.oldValue)} → ${localized(entry.field, entry.newValue)}`;
}


export default function ActionPage() {
  const { municipality, action: current, timeline, canUpdate, canManage, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errorsFor = (intent: string): FieldErrors => (result?.intent === intent ? result.errors : {});
  const invalid = (errors: FieldErrors, name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  const statusErrors = errorsFor("status");
  const noteErrors = errorsFor("note");
  const evidenceErrors = errorsFor("evidence");
  return (
    <>
      <p className="no-print">
        <Link to={paths.plan(municipality.slug)}>← {t.plan.title}</Link>
      </p>
      <h1>{current.title}</h1>
      {params.get(QUERY.created) ? <p className="notice success" role="status">{t.action.created}</p> : null}
      {params.get(QUERY.saved) ? <p className="notice success" role="status">{t.action.saved}</p> : null}
      <dl className="facts">
        <dt>{t.action.item}</dt>
        <dd>
          {current.area}: {current.item}
        </dd>
        <dt>{t.action.owner}</dt>
        <dd>{current.owner?.name ?? t.plan.unassigned}</dd>
        <dt>{t.action.deadline}</dt>
        <dd>
          {formatDate(current.deadline)}
          {current.deadlineChangeCount > 0 ? ` (${t.plan.deadlineChanges(current.deadlineChangeCount)})` : null}
        </dd>
        <dt>{t.action.statusTitle}</dt>
        <dd>
          <StatusBadge status={current.status} daysLate={current.daysLate} />
          {current.cancelReason ? ` – ${current.cancelReason}` : null}
        </dd>
        <dt>{t.action.priority}</dt>
        <dd>{t.priorities[current.priority]}</dd>
        <dt>{t.plan.effects}</dt>
        <dd>
          <ul className="plain">
            {current.effects.map((e) => (
              <li key={e.code}>
                {e.code} {e.text}: +{formatPoints(e.effect)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {current.description ? <p className="description">{current.description}</p> : null}
      {canManage ? (
        <p className="no-print">
          <Link className="button secondary" to={paths.editAction(municipality.slug, current.id)}>
            {t.action.edit}
          </Link>
        </p>
      ) : null}

      <section className="card" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t.action.evidence}</h2>
        {current.evidence.length === 0 ? (
          <p className="muted">{t.action.none}</p>
        ) : (
          <ul>
            {current.evidence.map((e) => (
              <li key={e.id}>
                {e.kind === "LINK" ? (
                  <a href={e.url ?? "#"} rel="noopener noreferrer">
                    {e.title}
                  </a>
                ) : (
                  <a href={paths.evidence(municipality.slug, e.id)}>
                    {e.title} ({e.fileName})
                  </a>
                )}{" "}
                <span className="muted">{formatDate(e.date)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canUpdate ? (
        <div className="lists no-print">
          <section className="card" aria-labelledby="status-heading">
            <h2 id="status-heading">{t.action.changeStatus}</h2>
            {statusErrors[""] ? (
              <p className="notice error" role="alert">
                {statusErrors[""]}
              </p>
            ) : null}
            <Form method="post" className="stacked">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="version" value={current.version} />
              <div className="field">
                <label htmlFor="status">{t.action.newStatus}</label>
                <select id="status" name="status" defaultValue={current.status} {...invalid(statusErrors, "status")}>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t.statuses[s]}
                    </option>
                  ))}
                </select>
                <FieldError errors={statusErrors} name="status" />
              </div>
              <div className="field">
                <label htmlFor="reason">{t.action.cancelReason}</label>
                <input id="reason" name="reason" {...invalid(statusErrors, "reason")} />
                <FieldError errors={statusErrors} name="reason" />
              </div>
              <div>
                <button type="submit">{t.action.changeStatus}</button>
              </div>
            </Form>
          </section>
          <section className="card" aria-labelledby="note-heading">
            <h2 id="note-heading">{t.action.noteTitle}</h2>
            <Form method="post" className="stacked">
              <input type="hidden" name="intent" value="note" />
              <SubmissionKey />
              <div className="field">
                <label htmlFor="body">{t.action.note}</label>
                <textarea id="body" name="body" rows={4} {...invalid(noteErrors, "body")} />
                <FieldError errors={noteErrors} name="body" />
              </div>
              <div>
                <button type="submit">{t.action.addNote}</button>
              </div>
            </Form>
          </section>
          <section className="card" aria-labelledby="add-evidence-heading">
            <h2 id="add-evidence-heading">{t.action.evidenceTitle}</h2>
            <Form method="post" encType="multipart/form-data" className="stacked">
              <input type="hidden" name="intent" value="evidence" />
              <SubmissionKey />
              <fieldset>
                <legend>{t.action.evidenceKind}</legend>
                <label>
                  <input type="radio" name="kind" value="LINK" defaultChecked /> {t.action.evidenceLink}
                </label>{" "}
                <label>
                  <input type="radio" name="kind" value="FILE" /> {t.action.evidenceFile}
                </label>
              </fieldset>
              <div className="field">
                <label htmlFor="evidence-title">{t.action.evidenceTitleField}</label>
                <input id="evidence-title" name="title" {...invalid(evidenceErrors, "title")} />
                <FieldError errors={evidenceErrors} name="title" />
              </div>
              <div className="field">
                <label htmlFor="url">{t.action.evidenceUrl}</label>
                <input id="url" name="url" type="url" {...invalid(evidenceErrors, "url")} />
                <FieldError errors={evidenceErrors} name="url" />
              </div>
              <div className="field">
                <label htmlFor="file">{t.action.evidenceUpload}</label>
                <input id="file" name="file" type="file" {...invalid(evidenceErrors, "file")} />
                <FieldError errors={evidenceErrors} name="file" />
              </div>
              <div className="field">
                <label htmlFor="evidenceDate">{t.action.evidenceDate}</label>
                <input id="evidenceDate" name="evidenceDate" type="date" defaultValue={today} {...invalid(evidenceErrors, "evidenceDate")} />
                <FieldError errors={evidenceErrors} name="evidenceDate" />
              </div>
              <div>
                <button type="submit">{t.action.addEvidence}</button>
              </div>
            </Form>
          </section>
        </div>
      ) : null}

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t.action.timeline}</h2>
        <ol className="timeline">
          {timeline.map((entry, i) => (
            <li key={i}>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" })}</time>{" "}
              <strong>{entry.who}</strong> {`${t.action.events[entry.kind] ?? entry.kind}${describeChange(entry)}`}
              {entry.reason ? <div className="muted">{t.action.because(entry.reason)}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
