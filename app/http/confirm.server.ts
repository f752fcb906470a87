import { CONFIRM_FIELD, CONFIRM_VALUE, type ConfirmPrompt, type ConfirmText } from "~/forms/confirm.ts";

/** Whether a destructive post carries the confirmation (ADR 0043). */
export function isConfirmed(form: FormData): boolean {
  return form.get(CONFIRM_FIELD) === CONFIRM_VALUE;
}

/**
 * The confirmation step of a destructive post: null when the post is confirmed (go ahead),
 * otherwise the confirmation page to answer with (200), carrying the post's own text fields so
 * that confirming posts the same thing again. A forged single post therefore removes nothing.
 */
export function confirmationStep(form: FormData, text: ConfirmText): ConfirmPrompt | null {
  if (isConfirmed(form)) return null;
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && key !== CONFIRM_FIELD) fields[key] = value;
  return { ...text, fields };
}
