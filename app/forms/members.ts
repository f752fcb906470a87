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

export const removeMemberSchema = z.object({
  intent: z.literal("remove"),
  userId: z.uuid(),
});

export const managerSchema = z.object({
  intent: z.literal("manager"),
  userId: z.uuid(),
  managerId: z
    .string()
    .transform((s) => (s === "" ? null : s))
    .pipe(z.uuid().nullable()),
});

export const memberActionSchema = z.discriminatedUnion("intent", [
  inviteSchema,
  changeRoleSchema,
  removeMemberSchema,
  managerSchema,
]);
