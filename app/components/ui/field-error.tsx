import type { FieldErrors } from "~/forms/parse.ts";

/** The Swedish error for a field, with the id its input points to through aria-describedby. */
export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  return errors[name] ? (
    <span className="field-error" id={`${name}-error`}>
      {errors[name]}
    </span>
  ) : null;
}
