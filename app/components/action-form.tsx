import { Form, Link } from "@remix-run/react";
import { DECISION_REFERENCE_MAX, effectField } from "~/forms/action.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { FieldError } from "~/components/ui/field-error.tsx";
import { t } from "~/i18n/sv.ts";
import { formatPoints } from "~/utils/format.ts";
import { SubmissionKey } from "./submission-key.tsx";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export interface ActionFormQuestion {
  id: string;
  code: string;
  text: string;
  maxPoints: number;
  currentPoints: number | null;
  suggested: boolean;
}

interface ActionFormProps {
  values: Record<string, string>;
  errors: FieldErrors;
  owners: Array<{ id: string; name: string }>;
  /** The municipality's committees and departments, and where the list is kept (issue #14, item 5). */
  committees: Array<{ id: string; name: string }>;
  manageCommittees: string;
  questions: ActionFormQuestion[];
  editing: boolean;
  submitLabel: string;
  cancelTo: string;
}


/** Creating and editing an action (coordinators). */
export function ActionForm({ values, errors, owners, committees, manageCommittees, questions, editing, submitLabel, cancelTo }: ActionFormProps) {
  const attrs = (name: string) => ({
    id: name,
    name,
    defaultValue: values[name] ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  return (
    <Form method="post" className="stacked">
      <input type="hidden" name="version" value={values.version ?? "0"} />
      <SubmissionKey />
      {/* Also the edit conflict: someone else saved the action meanwhile (a form-level error). */}
      <ErrorSummary errors={errors} idFor={(name) => name} />
      <div className="field">
        <label htmlFor="title">{t.action.titleField}</label>
        <input {...attrs("title")} required maxLength={200} />
        <FieldError name="title" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="description">{t.action.description}</label>
        <textarea {...attrs("description")} rows={4} />
        <FieldError name="description" errors={errors} />
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="ownerId">{t.action.owner}</label>
          <select {...attrs("ownerId")}>
            <option value="">{t.action.noOwner}</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError name="ownerId" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="deadline">{t.action.deadline}</label>
          <input {...attrs("deadline")} type="date" required />
          <FieldError name="deadline" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="priority">{t.action.priority}</label>
          <select {...attrs("priority")} defaultValue={values.priority ?? "MEDIUM"}>
            {(["HIGH", "MEDIUM", "LOW"] as const).map((p) => (
              <option key={p} value={p}>
                {t.priorities[p]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="inviteEmail">{t.action.inviteOwner}</label>
          <input {...attrs("inviteEmail")} type="email" autoComplete="off" />
          <FieldError name="inviteEmail" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="inviteName">{t.action.inviteName}</label>
          <input {...attrs("inviteName")} autoComplete="off" />
          <FieldError name="inviteName" errors={errors} />
        </div>
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="committeeId">{t.committees.committee}</label>
          <select {...attrs("committeeId")}>
            <option value="">{t.committees.noCommittee}</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError name="committeeId" errors={errors} />
          <span className="hint">
            <Link to={manageCommittees}>{t.committees.manageLink}</Link>
          </span>
        </div>
        <div className="field">
          <label htmlFor="decisionReference">{t.committees.decisionReference}</label>
          <span className="hint" id="decisionReference-hint">
            {t.committees.decisionReferenceHint}
          </span>
          <input
            {...attrs("decisionReference")}
            maxLength={DECISION_REFERENCE_MAX}
            aria-describedby={errors.decisionReference ? "decisionReference-error decisionReference-hint" : "decisionReference-hint"}
          />
          <FieldError name="decisionReference" errors={errors} />
        </div>
      </div>
      {editing ? (
        <div className="field">
          <label htmlFor="deadlineReason">{t.action.deadlineReason}</label>
          <span className="hint">{t.action.deadlineReasonHint}</span>
          <input {...attrs("deadlineReason")} />
          <FieldError name="deadlineReason" errors={errors} />
        </div>
      ) : null}
      <fieldset className="card" aria-describedby={errors.questions ? "questions-error" : "questions-hint"}>
        <legend>{t.action.questions}</legend>
        <p className="hint" id="questions-hint">
          {t.action.questionsHint}
        </p>
        <FieldError name="questions" errors={errors} />
        <TableFrame label={t.action.questions}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.evaluation.code}</th>
              <th scope="col">{t.evaluation.question}</th>
              <th scope="col" className="num">{t.plan.effects}</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => {
              const name = effectField(q.id);
              return (
                <tr key={q.id} className={q.suggested ? "suggested" : undefined}>
                  <td>
                    {q.code}
                    {q.suggested ? (
                      <>
                        {" "}
                        <span className="badge">{t.action.suggested}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <label htmlFor={name}>{q.text}</label> <br />
                    <small className="muted" id={`${name}-now`}>
                      {(q.currentPoints !== null && q.currentPoints >= q.maxPoints ? t.action.currentFull : t.action.current)(
                        q.currentPoints === null ? "–" : formatPoints(q.currentPoints),
                        formatPoints(q.maxPoints),
                      )}
                    </small>
                    <FieldError name={name} errors={errors} />
                  </td>
                  <td className="num">
                    <input
                      {...attrs(name)}
                      aria-describedby={errors[name] ? `${name}-now ${name}-error` : `${name}-now`}
                      inputMode="decimal"
                      size={5}
                      className="points-input"
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </TableFrame>
      </fieldset>
      <div className="inline-form">
        <button type="submit">{submitLabel}</button>
        <Link to={cancelTo}>{t.importer.cancel}</Link>
      </div>
    </Form>
  );
}
