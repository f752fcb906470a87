import { z } from "zod";
import { classifySecondStepCode, normaliseTotpCode } from "~/domain/two-step.ts";
import { t } from "~/i18n/sv.ts";

const e = t.twoStep.errors;

/** The code page of a sign-in: an authenticator code or a recovery code. */
export const secondStepSchema = z.object({
  code: z
    .string({ error: e.codeOrRecovery })
    .max(40, { error: e.codeOrRecovery })
    .refine((v) => classifySecondStepCode(v) !== null, { error: e.codeOrRecovery }),
});

/** Confirming a new authenticator secret with its current code. */
export const twoStepConfirmSchema = z.object({
  code: z
    .string({ error: e.code })
    .max(20, { error: e.code })
    .refine((v) => normaliseTotpCode(v) !== null, { error: e.code }),
});

/** Switching two-step sign-in off: a current code or the password. */
export const twoStepDisableSchema = z
  .object({
    code: z.string().max(20, { error: e.code }).optional(),
    password: z.string().max(1000, { error: e.codeOrPassword }).optional(),
  })
  .superRefine((v, ctx) => {
    const code = v.code?.trim() ?? "";
    const password = v.password ?? "";
    if (!code && !password) ctx.addIssue({ code: "custom", path: ["code"], message: e.codeOrPassword });
    else if (code && normaliseTotpCode(code) === null) ctx.addIssue({ code: "custom", path: ["code"], message: e.code });
  });

/** A coordinator's requirement for the municipality (a checkbox). */
export const twoStepRequirementSchema = z.object({
  required: z
    .string()
    .max(10)
    .optional()
    .transform((v) => v === "on"),
});
