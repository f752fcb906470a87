import { z } from "zod";
import { t } from "~/i18n/sv.ts";

export const signInSchema = z.object({
  email: z.string({ error: t.signIn.emailInvalid }).trim().pipe(z.email({ error: t.signIn.emailInvalid })),
  password: z.string({ error: t.signIn.passwordRequired }).min(1, { error: t.signIn.passwordRequired }),
  redirectTo: z.string().optional(),
});

/** Asking for a mailed sign-in link while password sign-in is throttled. */
export const signInLinkSchema = z.object({
  email: z.string({ error: t.signIn.emailInvalid }).trim().pipe(z.email({ error: t.signIn.emailInvalid })),
});
