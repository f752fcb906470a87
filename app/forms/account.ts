import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { MIN_PASSWORD_LENGTH } from "./accept-invitation.ts";
import { controlCharacters, singleLine } from "./fields.ts";

/** A new password follows the invitation's rules (MIN_PASSWORD_LENGTH), bounded above. */
export const MAX_PASSWORD_LENGTH = 200;

const newPassword = z
  .string({ error: t.account.passwordTooShort })
  .min(MIN_PASSWORD_LENGTH, { error: t.account.passwordTooShort })
  .max(MAX_PASSWORD_LENGTH, { error: t.account.passwordTooLong });

/** Mitt konto: change one's own name. */
export const renameSchema = z.object({
  intent: z.literal("name"),
  name: z
    .string({ error: t.account.nameInvalid })
    .trim()
    .min(1, { error: t.account.nameInvalid })
    .max(200, { error: t.account.nameInvalid })
    .refine(singleLine, controlCharacters),
});

/** Mitt konto: change one's own password; the current one is required. */
export const changePasswordSchema = z
  .object({
    intent: z.literal("password"),
    current: z
      .string({ error: t.account.currentRequired })
      .min(1, { error: t.account.currentRequired })
      .max(MAX_PASSWORD_LENGTH, { error: t.account.currentWrong }),
    password: newPassword,
    confirm: z.string({ error: t.account.mismatch }).max(MAX_PASSWORD_LENGTH, { error: t.account.mismatch }),
  })
  .refine((v) => v.password === v.confirm, { error: t.account.mismatch, path: ["confirm"] });

/** Mitt konto: end one of one's own sessions (by its stored key, a SHA-256 in hex). */
export const endSessionSchema = z.object({
  intent: z.literal("end-session"),
  session: z.string().regex(/^[0-9a-f]{64}$/),
});

export const endAllSessionsSchema = z.object({ intent: z.literal("end-all") });

/** Forgotten password: ask for a link. */
export const forgotPasswordSchema = z.object({
  email: z
    .string({ error: t.signIn.emailInvalid })
    .trim()
    .max(320, { error: t.signIn.emailInvalid })
    .pipe(z.email({ error: t.signIn.emailInvalid })),
});

/** Forgotten password: choose the new one through the mailed link. */
export const resetPasswordSchema = z
  .object({
    password: newPassword,
    confirm: z.string({ error: t.account.mismatch }).max(MAX_PASSWORD_LENGTH, { error: t.account.mismatch }),
  })
  .refine((v) => v.password === v.confirm, { error: t.account.mismatch, path: ["confirm"] });
