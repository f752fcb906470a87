import { z } from "zod";
import { t } from "~/i18n/sv.ts";
import { MIN_PASSWORD_LENGTH } from "./accept-invitation.ts";
import { controlCharacters, singleLine } from "./fields.ts";

const s = t.operatorSetup;

const name = z.string({ error: s.nameRequired }).trim().min(1, { error: s.nameRequired }).max(200, { error: s.nameRequired }).refine(singleLine, controlCharacters);
const password = z
  .string({ error: t.invitation.passwordTooShort })
  .min(MIN_PASSWORD_LENGTH, { error: t.invitation.passwordTooShort })
  .max(200, { error: t.invitation.passwordTooShort });
const confirm = z.string({ error: t.invitation.mismatch });
const same = (v: { password: string; confirm: string }) => v.password === v.confirm;

/** The first-start link: the first operator enters name and e-mail and chooses a password. */
export const firstOperatorSchema = z
  .object({
    name,
    email: z.string({ error: t.signIn.emailInvalid }).trim().max(320, { error: t.signIn.emailInvalid }).pipe(z.email({ error: t.signIn.emailInvalid })),
    password,
    confirm,
  })
  .refine(same, { error: t.invitation.mismatch, path: ["confirm"] });

/** A link from `npm run operator`: the address is known; the operator confirms the name and chooses a password. */
export const invitedOperatorSchema = z.object({ name, password, confirm }).refine(same, { error: t.invitation.mismatch, path: ["confirm"] });
