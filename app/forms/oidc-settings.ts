import { z } from "zod";
import type { Role } from "~/domain/access.ts";
import { parseDomain } from "~/domain/oidc.ts";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, singleLine } from "./fields.ts";

const e = t.oidc.errors;
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** Roles a provider may give people it lets in: never coordinator. */
export const OIDC_NEW_MEMBER_ROLES = ["VIEWER", "OWNER"] as const satisfies readonly Role[];

/** The municipality's OpenID Connect provider (/k/$slug/inloggning). An empty secret keeps the stored one. */
export const oidcSettingsSchema = z.object({
  issuer: z
    .string({ error: e.issuer })
    .trim()
    .max(500, { error: e.issuer })
    // As the provider names itself in its discovery document: a trailing "/" is kept.
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), { error: e.issuer }),
  clientId: z.string({ error: e.clientId }).trim().min(1, { error: e.clientId }).max(200, { error: e.clientId }).refine(singleLine, controlCharacters),
  clientSecret: z.string().max(500, { error: e.clientSecret }).refine(singleLine, controlCharacters).optional().default(""),
  displayName: z
    .string({ error: e.displayName })
    .trim()
    .min(1, { error: e.displayName })
    .max(100, { error: e.displayName })
    .refine(singleLine, controlCharacters),
  domains: z
    .string({ error: e.domains })
    .max(2000, { error: e.domains })
    .transform((v) => v.split(/[\s,;]+/).filter(Boolean).map(parseDomain))
    .refine((list) => list.length >= 1 && list.length <= 20 && list.every((d) => d !== null), { error: e.domains })
    .transform((list) => [...new Set(list as string[])]),
  createMembers: checkbox,
  newMemberRole: z.enum(OIDC_NEW_MEMBER_ROLES, { error: e.role }).default("VIEWER"),
  passwordSignInDisabled: checkbox,
});
