import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { parseForm, type FieldErrors } from "./parse.ts";

/**
 * Runs the form's zod schema in the browser before submitting, so mistakes show at once; the
 * server runs the same schema again (and is the only check without JavaScript).
 */
export function useValidatedForm(schema: z.ZodType, serverErrors: FieldErrors | undefined) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const parsed = parseForm(schema, new FormData(event.currentTarget));
    if (parsed.ok) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    setClientErrors(parsed.errors);
    const firstInvalid = Object.keys(parsed.errors)[0];
    if (firstInvalid) event.currentTarget.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
  };
  return { errors: clientErrors ?? serverErrors ?? {}, onSubmit };
}
