import { useEffect, useId, useRef, type MouseEvent } from "react";
import type { FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";

interface ErrorSummaryProps {
  /** The same error object the form's fields show their errors from ("" key: the form's own error). */
  errors: FieldErrors;
  /**
   * The id of the control a field's error belongs to. Defaults to `Field`'s own `field-<name>`;
   * forms whose controls carry other ids (`id={name}`, a prefix for a second form) pass theirs.
   */
  idFor?: (name: string) => string;
  /** Leave out the form-level error ("" key) where the page already shows it elsewhere. */
  skipFormError?: boolean;
  /** Only these fields' errors, where several forms on a page share one error object. */
  fields?: readonly string[];
}

const defaultId = (name: string) => `field-${name}`;

/**
 * The box at the top of a form with errors (WCAG 3.3.1, 3.3.3): "Formuläret har N fel", the
 * form's own error, then a link per field error to its field. Rendered by the server, so without
 * JavaScript it simply stands first in the form; with JavaScript it takes focus each time a new
 * set of errors arrives (a failed submit), and a link moves focus to its field. The field errors
 * stay next to the fields.
 */
export function ErrorSummary({ errors, idFor = defaultId, skipFormError = false, fields }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const entries = Object.entries(errors).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "" && (entry[0] === "" ? !skipFormError : !fields || fields.includes(entry[0])),
  );
  const count = entries.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
    // A new error object is a new failed submit: focus again even when the count is the same.
  }, [errors, count]);
  if (count === 0) return null;
  const formError = entries.find(([name]) => name === "");
  const fieldErrors = entries.filter(([name]) => name !== "");
  const focusField = (event: MouseEvent<HTMLAnchorElement>, name: string) => {
    const control =
      document.getElementById(idFor(name)) ??
      ref.current?.closest("form")?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`) ??
      document.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
    if (!control) return;
    event.preventDefault();
    // The label (or legend) above the control is scrolled into view with it, as the reader needs both.
    const label = control.id ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
    (label ?? control).scrollIntoView({ block: "center" });
    control.focus({ preventScroll: true });
  };
  return (
    <div className="error-summary notice error" role="alert" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <h2 id={headingId}>{t.errorSummary.heading(count)}</h2>
      {formError ? <p>{formError[1]}</p> : null}
      {fieldErrors.length > 0 ? (
        <ul>
          {fieldErrors.map(([name, message]) => (
            <li key={name}>
              <a href={`#${idFor(name)}`} onClick={(event) => focusField(event, name)}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
