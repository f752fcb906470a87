import { z } from "zod";
import { t } from "~/i18n/sv.ts";

export const MIN_PASSWORD_LENGTH = 10;

export const acceptInvitationSchema = z
  .object({
    password: z
      .string({ error: t.invitation.passwordTooShort })
      .min(MIN_PASSWORD_LENGTH, { error: t.invitation.passwordTooShort })
      .max(200),
    confirm: z.string({ error: t.invitation.mismatch }),
  })
  .refine((v) => v.password === v.confirm, { error: t.invitation.mismatch, path: ["confirm"] });
