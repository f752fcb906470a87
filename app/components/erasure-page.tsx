import { Form, Link } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import type { ErasureRefusal } from "~/domain/personal-data.ts";
import { erasePersonSchema } from "~/forms/erase-person.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { t } from "~/i18n/sv.ts";

export interface ErasurePreview {
  name: string;
  pseudonym: string;
  memberships: number;
  openActions: number;
  kept: { actions: number; notes: number; evidence: number; mails: number };
  refusal: ErasureRefusal | null;
}

export type ErasureResult = { errors?: FieldErrors; refusal?: ErasureRefusal; openActions?: number };

export function refusalMessage(refusal: ErasureRefusal, openActions: number): string {
  return refusal === "open-actions" ? t.personalData.openActions(openActions) : t.personalData.refusals[refusal];
}

/**
 * The confirmation step before a person is erased: what happens, what stays, and a box to tick.
 * A plain form: it works without JavaScript, and the server checks everything again.
 */
export function ErasurePage({
  done,
  preview,
  result,
  exportHref,
  backHref,
  backLabel,
}: {
  /** The pseudonym, once the person is erased. */
  done: string | null;
  preview: ErasurePreview | null;
  result: ErasureResult | undefined;
  exportHref: string;
  backHref: string;
  backLabel: string;
}) {
  const form = useValidatedForm(erasePersonSchema, result?.errors);
  if (done !== null || !preview) {
    return (
      <>
        <h1>{t.personalData.erasedTitle}</h1>
        <p className="notice success" role="status">
          {t.personalData.erased(done ?? "")}
        </p>
        <p>
          <Link to={backHref}>{backLabel}</Link>
        </p>
      </>
    );
  }
  const refusal = result?.refusal ?? preview.refusal;
  const openActions = result?.openActions ?? preview.openActions;
  return (
    <>
      <h1>{t.personalData.eraseTitle(preview.name)}</h1>
      <p className="lead">{t.personalData.eraseIntro}</p>
      {refusal ? (
        <div className="notice error" role="alert">
          <h2>{t.personalData.refusedTitle}</h2>
          <p>{refusalMessage(refusal, openActions)}</p>
        </div>
      ) : null}
      <section className="card" aria-labelledby="erase-what">
        <h2 id="erase-what">{t.personalData.whatHappens}</h2>
        <ul>
          <li>{t.personalData.happensName(preview.pseudonym)}</li>
          <li>{t.personalData.happensAccount}</li>
          <li>{t.personalData.happensMemberships(preview.memberships)}</li>
          <li>{t.personalData.happensMail(preview.kept.mails)}</li>
          <li>{t.personalData.happensKept(preview.kept.actions, preview.kept.notes, preview.kept.evidence)}</li>
        </ul>
        <p>
          <strong>{t.personalData.cannotUndo}</strong>
        </p>
        <p>
          {t.personalData.exportFirst} <a href={exportHref}>{t.personalData.exportLink}</a>
        </p>
      </section>
      {refusal ? (
        <p>
          <Link to={backHref}>{backLabel}</Link>
        </p>
      ) : (
        <Form method="post" className="stacked" noValidate onSubmit={form.onSubmit}>
          <ErrorSummary errors={form.errors} />
          <div className="field">
            <label>
              <input
                type="checkbox"
                id="field-confirm"
                name="confirm"
                value="ja"
                aria-invalid={form.errors.confirm ? true : undefined}
                aria-describedby={form.errors.confirm ? "confirm-error" : undefined}
              />{" "}
              {t.personalData.confirm}
            </label>
            {form.errors.confirm ? (
              <span className="field-error" id="confirm-error">
                {form.errors.confirm}
              </span>
            ) : null}
          </div>
          <div>
            <button type="submit" className="danger">
              {t.personalData.submit}
            </button>{" "}
            <Link to={backHref}>{t.personalData.cancel}</Link>
          </div>
        </Form>
      )}
    </>
  );
}
