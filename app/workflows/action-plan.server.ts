import { suggestQuestions } from "~/domain/actions/suggest.ts";
import type { ActionForm } from "~/forms/action.ts";
import { t } from "~/i18n/sv.ts";
import { questionsForItem, type ActionRuleError } from "~/models/action.server.ts";
import { committeeChoices } from "~/models/committee.server.ts";
import { listMembers, normaliseEmail } from "~/models/user.server.ts";
import { invitePerson } from "./invitations.server.ts";

/** What the action form needs: the item, its sub-questions (suggested first) and the owners to choose. */
export async function actionFormContext(municipalityId: string, improvementItemId: string, questionCode?: string | null) {
  const context = await questionsForItem(municipalityId, improvementItemId);
  if (!context) return null;
  // A sub-question the link came for (Stort glapp utan åtgärd) comes first, unless already at full marks.
  const asked = context.questions.find((q) => q.code === questionCode && (q.currentPoints ?? 0) < q.maxPoints);
  const suggested = new Set([...(asked ? [asked.code] : []), ...suggestQuestions(context.item, context.questions).map((q) => q.code)]);
  const questions = [
    ...context.questions.filter((q) => suggested.has(q.code)).sort((a, b) => [...suggested].indexOf(a.code) - [...suggested].indexOf(b.code)),
    ...context.questions.filter((q) => !suggested.has(q.code)),
  ].map((q) => ({ ...q, suggested: suggested.has(q.code) }));
  const owners = (await listMembers(municipalityId)).filter((m) => m.role !== "VIEWER").map((m) => ({ id: m.id, name: m.name }));
  return { ...context, questions, owners, committees: await committeeChoices(municipalityId) };
}

/**
 * The owner the form names: a member chosen from the list, or a person invited by e-mail from
 * the same form (an existing member with that address is used as is).
 */
export async function resolveOwner(
  municipality: { id: string; name: string },
  form: ActionForm,
  actorId: string,
): Promise<string | null> {
  if (!form.inviteEmail) return form.ownerId;
  const email = normaliseEmail(form.inviteEmail);
  const member = (await listMembers(municipality.id)).find((m) => m.email === email);
  if (member) return member.id;
  const invited = await invitePerson(municipality, { email, name: form.inviteName || email, role: "OWNER" }, actorId);
  return invited.userId;
}

/** The field a refused rule belongs next to ("" for the form as a whole). */
export function ruleField(error: ActionRuleError): string {
  if (error.code === "committee-unknown") return "committeeId";
  if (error.code === "deadline-reason-required") return "deadlineReason";
  return "";
}

/** A refused action rule, in Swedish. */
export function ruleMessage(error: ActionRuleError): string {
  if (error.code === "committee-unknown") return t.committees.errors.unknown;
  return error.code === "effect-too-large" ? t.action.errors["effect-too-large"](error.detail ?? "") : t.action.errors[error.code];
}
