import type { InputHTMLAttributes, ReactNode } from "react";

/** What a field's control needs to be labelled and tied to its hint and error. */
export interface FieldControlProps {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "children"> {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  /** The error's element id, where it must differ from `<id>-error` (two forms on a page). */
  errorId?: string;
  /** Another control than an input (a select, a textarea), given the props that tie it to the label, hint and error. */
  children?: (control: FieldControlProps) => ReactNode;
}

/** A labelled input (or the control `children` renders) whose error is announced and tied to it with aria-describedby. */
export function Field({ name, label, error, hint, id, errorId: fixedErrorId, children, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? (fixedErrorId ?? `${inputId}-error`) : undefined;
  const control: FieldControlProps = {
    id: inputId,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children ? children(control) : <input {...control} {...input} />}
      {error ? (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
