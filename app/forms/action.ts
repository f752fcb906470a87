import { z } from "zod";
import { STATUSES, type ActionStatus } from "~/domain/actions/status.ts";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, multiLine, requiredDate, singleLine, wholeNumber } from "./fields.ts";
import type { FieldErrors, ParseResult } from "./parse.ts";

/** Forms of the action plan: the action itself, status, note and evidence. */

const e = t.action.errors;
const isoDate = requiredDate(e.deadline);
/** The version the form was loaded with (optimistic locking); a hidden field. */
const version = wholeNumber(t.errors.fixErrors, 0, 2_147_483_647);

/** The longest decision reference (diarienummer, paragraf) an action keeps. */
export const DECISION_REFERENCE_MAX = 100;

export const effectField = (questionId: string) => `effect.${questionId}`;

export const actionBaseSchema = z.object({
  title: z.string({ error: e.title }).trim().min(1, { error: e.title }).max(200, { error: e.title }).refine(singleLine, controlCharacters),
  description: z.string().trim().max(5000).default("").refine(multiLine, controlCharacters),
  ownerId: z
    .string()
    .trim()
    .transform((s) => (s === "" ? null : s))
    .pipe(z.uuid({ error: e.owner }).nullable()),
  inviteEmail: z
    .string()
    .trim()
    .default("")
    .refine((s) => s === "" || z.email().safeParse(s).success, { error: t.signIn.emailInvalid }),
  inviteName: z.string().trim().max(200).default("").refine(singleLine, controlCharacters),
  deadline: isoDate,
  priority: z.enum(["LOW", "MEDIUM", "HIGH"], { error: e.priority }),
  deadlineReason: z.string().trim().max(1000).default("").refine(multiLine, controlCharacters),
  version: version.default(0),
  // Issue #14, item 5: the committee that owns the action (checked against the municipality's
  // list on the server) and the council decision behind it.
  committeeId: z
    .string()
    .trim()
    .default("")
    .transform((s) => (s === "" ? null : s))
    .pipe(z.uuid({ error: t.committees.errors.unknown }).nullable()),
  decisionReference: z
    .string()
    .trim()
    .max(DECISION_REFERENCE_MAX, { error: t.committees.errors.decisionReference })
    .default("")
    .refine(singleLine, controlCharacters)
    .transform((s) => (s === "" ? null : s.replace(/\s+/g, " "))),
});

export type ActionForm = z.infer<typeof actionBaseSchema> & { effects: Array<{ questionId: string; expectedEffect: number }> };

/** Validates the action form; linked sub-questions are those with an effect filled in. */
export function parseActionForm(
  values: Record<string, string>,
  questions: ReadonlyArray<{ id: string; maxPoints: number; currentPoints: number | null }>,
): ParseResult<ActionForm> {
  const errors: FieldErrors = {};
  const base = actionBaseSchema.safeParse(values);
  if (!base.success) for (const issue of base.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
  const effects: ActionForm["effects"] = [];
  for (const q of questions) {
    const raw = (values[effectField(q.id)] ?? "").trim();
    if (raw === "") continue;
    const cap = Math.max(0, q.maxPoints - (q.currentPoints ?? 0));
    const value = /^\d{1,3}(?:[.,]\d{1,2})?$/.test(raw) ? Number(raw.replace(",", ".")) : Number.NaN;
    if (!Number.isFinite(value) || value > cap) errors[effectField(q.id)] = e.effect(cap);
    else effects.push({ questionId: q.id, expectedEffect: value });
  }
  if (effects.length === 0 && !Object.keys(errors).some((k) => k.startsWith("effect."))) errors.questions = e.questions;
  if (!base.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { ...base.data, effects } };
}

export const statusSchema = z.object({
  intent: z.literal("status"),
  version,
  status: z.enum(STATUSES as [ActionStatus, ...ActionStatus[]], { error: e.status }),
  reason: z
    .string()
    .trim()
    .max(1000)
    .default("")
    .refine(multiLine, controlCharacters)
    .transform((s) => (s === "" ? null : s)),
});

/** Removing one evidence entry from the action (asked to confirm first, ADR 0043). */
export const removeEvidenceSchema = z.object({
  intent: z.literal("remove-evidence"),
  evidenceId: z.uuid(),
});

export const noteSchema = z.object({
  intent: z.literal("note"),
  body: z.string({ error: e.note }).trim().min(1, { error: e.note }).max(5000, { error: e.note }).refine(multiLine, controlCharacters),
});

export const evidenceSchema = z
  .object({
    intent: z.literal("evidence"),
    kind: z.enum(["LINK", "FILE"]),
    title: z
      .string({ error: e.evidenceTitle })
      .trim()
      .min(1, { error: e.evidenceTitle })
      .max(200, { error: e.evidenceTitle })
      .refine(singleLine, controlCharacters),
    url: z.string().trim().max(2000, { error: e.url }).default("").refine(singleLine, { error: e.url }),
    evidenceDate: isoDate,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "LINK" && !/^https?:\/\/[^\s]+\.[^\s]+$/i.test(v.url)) ctx.addIssue({ code: "custom", path: ["url"], message: e.url });
  });
