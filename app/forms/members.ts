import { z } from "zod";
import { ROLES, type Role } from "~/domain/access.ts";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, singleLine } from "./fields.ts";

const role = z.enum(ROLES as [Role, ...Role[]], { error: t.users.roleInvalid });

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  name: z.string({ error: t.users.nameRequired }).trim().min(1, { error: t.users.nameRequired }).max(200, { error: t.users.nameRequired }).refine(singleLine, controlCharacters),
  email: z.string({ error: t.signIn.emailInvalid }).trim().pipe(z.email({ error: t.signIn.emailInvalid })),
  role,
});

export const changeRoleSchema = z.object({
  intent: z.literal("change-role"),
  userId: z.uuid(),
  role,
});

/** A new owner chosen in a list: empty means none chosen (or "the same as for all"). */
const ownerChoice = z
  .string({ error: t.users.newOwnerInvalid })
  .max(100, { error: t.users.newOwnerInvalid })
  .transform((s) => (s.trim() === "" ? null : s.trim()))
  .pipe(z.uuid({ error: t.users.newOwnerInvalid }).nullable());

/** Fields `owner.<action id>` choose a new owner per action; at most this many are read. */
export const MAX_HANDOVER_FIELDS = 500;
const PER_ACTION = /^owner\.([0-9a-f-]{36})$/;

/**
 * Removing a member: who takes over their open actions, one person for all (`newOwnerId`) or
 * per action (`owner.<action id>`). Whether the choices are members is checked on the server.
 */
export const removeMemberSchema = z
  .object({
    intent: z.literal("remove"),
    userId: z.uuid(),
    newOwnerId: ownerChoice.optional().transform((v) => v ?? null),
    /** The confirmation page's own mark (ADR 0043); checked by the route, not here. */
    confirmed: z.string().max(10).optional(),
  })
  .catchall(ownerChoice)
  .refine((form) => Object.keys(form).length <= MAX_HANDOVER_FIELDS + 4, { error: t.users.newOwnerInvalid });

/** The per-action choices of a removal form (action id → new owner). */
export function perActionOwners(form: Record<string, unknown>): Record<string, string> {
  const choices: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const m = PER_ACTION.exec(key);
    if (m && typeof value === "string" && value) choices[m[1]!] = value;
  }
  return choices;
}

export const managerSchema = z.object({
  intent: z.literal("manager"),
  userId: z.uuid(),
  managerId: z
    .string()
    .transform((s) => (s === "" ? null : s))
    .pipe(z.uuid().nullable()),
});

/** A member row's one save: the role and the manager together. */
export const memberSchema = z.object({
  intent: z.literal("member"),
  userId: z.uuid(),
  role,
  managerId: managerSchema.shape.managerId,
});

export const memberActionSchema = z.discriminatedUnion("intent", [
  inviteSchema,
  changeRoleSchema,
  removeMemberSchema,
  managerSchema,
  memberSchema,
]);
