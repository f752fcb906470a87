import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConfirmForm, ConfirmPage } from "~/components/confirm-step.tsx";
import { StatusBadge } from "~/components/status-badge.tsx";
import { SubmissionKey } from "~/components/submission-key.tsx";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Field } from "~/components/ui/field.tsx";
import { canUpdateAction } from "~/domain/access.ts";
import { STATUSES } from "~/domain/actions/status.ts";
import { timelineText } from "~/domain/actions/timeline.ts";
import { notice, paths, QUERY } from "~/paths.ts";
import { evidenceSchema, noteSchema, removeEvidenceSchema, statusSchema } from "~/forms/action.ts";
import { actionCancellation, evidenceRemoval, type ConfirmPrompt } from "~/forms/confirm.ts";
import { confirmationStep } from "~/http/confirm.server.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { addNote, findActionEvidence, getActionSummary } from "~/models/action.server.ts";
import { addStatusNote } from "~/models/status-note.server.ts";
import { statusNoteSchema } from "~/forms/status-note.ts";
import { STATUS_NOTE_ANCHOR, STATUS_NOTE_MAX } from "~/domain/actions/status-note.ts";
import { discardBody, forbidden, notFound, requireMunicipalityForUpload, requireMunicipality } from "~/http/access.server.ts";
import { actionPage, changeStatusFromForm } from "~/workflows/action-page.server.ts";
import { addEvidenceFromForm, readEvidenceUpload, removeEvidenceFromAction } from "~/workflows/evidence.server.ts";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { formatDate, formatPoints, formatWrittenDateTime } from "~/utils/format.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.action.title ?? t.action.title} – ${t.app.name}` },
];

const idSchema = z.uuid();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  const id = idSchema.safeParse(params.actionId);
  if (!id.success) throw notFound();
  const page = await actionPage(municipality.id, id.data, { userId: user.id, isOperator: user.isOperator, role }, new Date());
  if (!page) throw notFound();
  return { submissionKey: newSubmissionKey(), municipality, ...page };
}

type Result = { intent: string; errors: FieldErrors; confirm?: ConfirmPrompt };

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
  const read = await readEvidenceUpload(request);
  if ("errors" in read) return data<Result>({ intent: "evidence", errors: read.errors }, { status: 413 });
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

  if (intent === "status-note") {
    return oncePerSubmission(request, form, user.id, async () => {
      const parsed = parseForm(statusNoteSchema, form);
      if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors }, { status: 400 });
      await addStatusNote(municipality.id, summary.id, parsed.data.text, user.id);
      // The saved notice names the status text and stands in its section, where the anchor leads.
      throw redirect(`${back}?${QUERY.saved}=${STATUS_NOTE_ANCHOR}#${STATUS_NOTE_ANCHOR}`);
    });
  }

  if (intent === "status") {
    const parsed = parseForm(statusSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors }, { status: 400 });
    // Cancelling asks first (ADR 0043); other status changes are undone as easily as made.
    const cancelling = parsed.data.status === "CANCELLED" && summary.status !== "CANCELLED";
    if (cancelling && !parsed.data.reason) return data<Result>({ intent, errors: { reason: t.action.errors["reason-required"] } }, { status: 400 });
    const confirm = cancelling ? confirmationStep(form, actionCancellation(summary.title)) : null;
    if (confirm) return data<Result>({ intent, errors: {}, confirm });
    const changed = await changeStatusFromForm(municipality.id, summary.id, parsed.data, user.id);
    if (!changed.ok) return data<Result>({ intent, errors: changed.errors }, { status: changed.status });
    throw redirect(`${back}${notice("saved")}`);
  }

  if (intent === "evidence") {
    return oncePerSubmission(request, form, user.id, async () => {
      const parsed = parseForm(evidenceSchema, form);
      if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors }, { status: 400 });
      const added = await addEvidenceFromForm(municipality.id, summary.id, parsed.data, form.get("file"), user.id);
      if (!added.ok) return data<Result>({ intent, errors: added.errors }, { status: 400 });
      throw redirect(`${back}${notice("saved")}`);
    });
  }
  if (intent === "remove-evidence") {
    const parsed = parseForm(removeEvidenceSchema, form);
    const evidence = parsed.ok ? await findActionEvidence(municipality.id, summary.id, parsed.data.evidenceId) : null;
    if (!evidence) return data<Result>({ intent, errors: { "": t.confirm.evidenceGone } }, { status: 404 });
    const confirm = confirmationStep(form, evidenceRemoval(evidence));
    if (confirm) return data<Result>({ intent, errors: {}, confirm });
    await removeEvidenceFromAction(municipality.id, summary.id, evidence.id, user.id);
    throw redirect(`${back}${notice("saved")}`);
  }
  return data<Result>({ intent, errors: { "": t.errors.fixErrors } }, { status: 400 });
}

export default function ActionPage() {
  const { municipality, action: current, latestStatus, timeline, canUpdate, canManage, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errorsFor = (intent: string): FieldErrors => (result?.intent === intent ? result.errors : {});
  const statusErrors = errorsFor("status");
  const noteErrors = errorsFor("note");
  const evidenceErrors = errorsFor("evidence");
  if (result?.confirm) return <ConfirmPage prompt={result.confirm} cancelHref={paths.action(municipality.slug, current.id)} />;
  const statusNoteErrors = errorsFor("status-note");
  return (
    <>
      <p className="no-print">
        <Link to={paths.plan(municipality.slug)}>← {t.plan.title}</Link>
      </p>
      <h1>{current.title}</h1>
      {params.get(QUERY.created) ? <p className="notice success" role="status">{t.action.created}</p> : null}
      {params.get(QUERY.saved) && params.get(QUERY.saved) !== STATUS_NOTE_ANCHOR ? <p className="notice success" role="status">{t.action.saved}</p> : null}
      <dl className="facts">
        <dt>{t.action.item}</dt>
        <dd>
          {current.area}: {current.item}
        </dd>
        <dt>{t.action.owner}</dt>
        <dd>{current.owner?.name ?? t.plan.unassigned}</dd>
        <dt>{t.committees.committee}</dt>
        <dd>{current.committee ?? t.committees.noCommittee}</dd>
        <dt>{t.committees.decisionReference}</dt>
        <dd>{current.decisionReference ?? t.committees.noDecisionReference}</dd>
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

      <section className="card" id={STATUS_NOTE_ANCHOR} aria-labelledby="status-note-heading">
        <h2 id="status-note-heading">{t.councilReport.statusTitle}</h2>
        {params.get(QUERY.saved) === STATUS_NOTE_ANCHOR ? (
          <p className="notice success" role="status">
            {t.councilReport.statusSaved}
          </p>
        ) : null}
        {latestStatus ? (
          <>
            <p className="muted">{t.councilReport.statusLatest(formatDate(latestStatus.date), latestStatus.author)}</p>
            <p className="description" data-testid="latest-status">
              {latestStatus.text}
            </p>
          </>
        ) : (
          <p className="muted">{t.councilReport.statusNone}</p>
        )}
        {canUpdate ? (
          <Form method="post" className="stacked no-print" noValidate>
            <ErrorSummary errors={statusNoteErrors} idFor={() => "status-note-text"} />
            <input type="hidden" name="intent" value="status-note" />
            <SubmissionKey />
            <p>{t.councilReport.statusIntro}</p>
            <Field id="status-note-text" name="text" label={t.councilReport.statusField} hint={t.councilReport.statusHint} error={statusNoteErrors.text}>
              {(control) => <textarea {...control} rows={4} maxLength={STATUS_NOTE_MAX} />}
            </Field>
            <div>
              <button type="submit">{t.councilReport.statusSave}</button>
            </div>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t.action.evidence}</h2>
        <ErrorSummary errors={errorsFor("remove-evidence")} />
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
                {canUpdate ? (
                  <ConfirmForm
                    text={evidenceRemoval({ title: e.title, kind: e.kind, fileName: e.fileName, sizeBytes: e.sizeBytes })}
                    className="inline-form no-print"
                  >
                    <input type="hidden" name="intent" value="remove-evidence" />
                    <input type="hidden" name="evidenceId" value={e.id} />
                    <button type="submit" className="secondary small" aria-label={t.confirm.evidenceRemoveLabel(e.title)}>
                      {t.confirm.evidenceRemove}
                    </button>
                  </ConfirmForm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canUpdate ? (
        <div className="lists no-print">
          <section className="card" aria-labelledby="status-heading">
            <h2 id="status-heading">{t.action.changeStatus}</h2>
            <ConfirmForm
              text={actionCancellation(current.title)}
              when={(form) => new FormData(form).get("status") === "CANCELLED" && current.status !== "CANCELLED"}
              className="stacked"
            >
              <ErrorSummary errors={statusErrors} idFor={(name) => name} />
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="version" value={current.version} />
              <Field id="status" name="status" label={t.action.newStatus} error={statusErrors.status}>
                {(control) => (
                  <select {...control} defaultValue={current.status}>
                    {STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t.statuses[s]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="reason" name="reason" label={t.action.cancelReason} error={statusErrors.reason} />
              <div>
                <button type="submit">{t.action.changeStatus}</button>
              </div>
            </ConfirmForm>
          </section>
          <section className="card" aria-labelledby="note-heading">
            <h2 id="note-heading">{t.action.noteTitle}</h2>
            <Form method="post" className="stacked">
              <ErrorSummary errors={noteErrors} idFor={(name) => name} />
              <input type="hidden" name="intent" value="note" />
              <SubmissionKey />
              <Field id="body" name="body" label={t.action.note} error={noteErrors.body}>
                {(control) => <textarea {...control} rows={4} />}
              </Field>
              <div>
                <button type="submit">{t.action.addNote}</button>
              </div>
            </Form>
          </section>
          <section className="card" aria-labelledby="add-evidence-heading">
            <h2 id="add-evidence-heading">{t.action.evidenceTitle}</h2>
            <Form method="post" encType="multipart/form-data" className="stacked">
              <ErrorSummary errors={evidenceErrors} idFor={(name) => (name === "title" ? "evidence-title" : name)} />
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
              <Field id="evidence-title" errorId="title-error" name="title" label={t.action.evidenceTitleField} error={evidenceErrors.title} />
              <Field id="url" name="url" type="url" label={t.action.evidenceUrl} error={evidenceErrors.url} />
              <Field id="file" name="file" type="file" label={t.action.evidenceUpload} error={evidenceErrors.file} />
              <Field id="evidenceDate" name="evidenceDate" type="date" label={t.action.evidenceDate} defaultValue={today} error={evidenceErrors.evidenceDate} />
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
              <time dateTime={entry.at}>{formatWrittenDateTime(entry.at)}</time>{" "}
              <strong>{entry.who}</strong> {timelineText(entry)}
              {entry.reason ? <div className="muted">{t.action.because(entry.reason)}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
