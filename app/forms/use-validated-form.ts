import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { parseForm, type FieldErrors } from "./parse.ts";

/**
 * Runs the form's zod schema in the browser before submitting, so mistakes show at once; the
 * server runs the same schema again (and is the only check without JavaScript). The errors feed
 * both the fields and the form's `ErrorSummary`, which takes focus after a failed submit.
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
    // A new object on every failed submit: the form's ErrorSummary takes focus and links to each field.
    setClientErrors({ ...parsed.errors });
  };
  return { errors: clientErrors ?? serverErrors ?? {}, onSubmit };
}
