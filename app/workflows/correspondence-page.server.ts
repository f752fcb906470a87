import { counterpartProblems, percentFromShare } from "~/domain/correspondence.ts";
import { correspondenceSchema, problemMessage, slotFields } from "~/forms/correspondence.ts";
import { parseForm, textValues, type FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import {
  correspondencesFor,
  replaceCorrespondences,
  UnknownQuestionError,
  versionsWithQuestions,
  type CorrespondenceScope,
} from "~/models/correspondence.server.ts";
import { CORRESPONDENCE_QUERY } from "~/paths.ts";
import { compareCodes } from "~/domain/swedish-order.ts";

/**
 * The correspondence pages (a municipality's and the operator's shared one): which two versions
 * are shown, each old question with its counterparts, the one being edited, and saving one old
 * question's counterparts.
 */

type Versions = Awaited<ReturnType<typeof versionsWithQuestions>>;

/** The two versions asked for by key, defaulting to the two newest versions with sub-questions. */
function chooseVersions(versions: Versions, fromKey: string | null, toKey: string | null) {
  const usable = versions.filter((v) => v.questions.length > 0);
  const errors: FieldErrors = {};
  const byKey = (key: string | null, field: string) => {
    if (key === null || key === "") return null;
    const found = versions.find((v) => v.key === key);
    if (!found) errors[field] = t.correspondence.unknownVersion;
    return found ?? null;
  };
  const from = byKey(fromKey, "fran") ?? usable[usable.length - 2] ?? null;
  const to = byKey(toKey, "till") ?? usable[usable.length - 1] ?? null;
  if (from && to && from.id === to.id) errors.till = t.correspondence.sameVersion;
  return { from, to, errors };
}

export async function correspondencePage(scope: CorrespondenceScope, searchParams: URLSearchParams) {
  const versions = await versionsWithQuestions();
  const { from, to, errors } = chooseVersions(versions, searchParams.get(CORRESPONDENCE_QUERY.from), searchParams.get(CORRESPONDENCE_QUERY.to));
  const options = versions.map((v) => ({ key: v.key, name: v.name, questionCount: v.questions.length }));
  if (!from || !to || Object.keys(errors).length > 0) {
    return { versions: options, from: from?.key ?? null, to: to?.key ?? null, errors, list: null };
  }
  const rows = await correspondencesFor(scope, from.id, to.id);
  const toQuestions = new Map(to.questions.map((q) => [q.id, q]));
  const editing = from.questions.find((q) => q.id === searchParams.get(CORRESPONDENCE_QUERY.question)) ?? null;
  return {
    versions: options,
    from: from.key,
    to: to.key,
    errors,
    list: {
      fromName: from.name,
      toName: to.name,
      fromHasQuestions: from.questions.length > 0,
      toHasQuestions: to.questions.length > 0,
      targetQuestions: to.questions.map((q) => ({ id: q.id, code: q.code, text: q.text })),
      editingId: editing?.id ?? null,
      questions: from.questions.map((q) => {
        const counterparts = rows
          .filter((r) => r.fromQuestionId === q.id && toQuestions.has(r.toQuestionId))
          .map((r) => ({ id: r.toQuestionId, code: toQuestions.get(r.toQuestionId)!.code, text: toQuestions.get(r.toQuestionId)!.text, percent: percentFromShare(r.share), own: r.own }))
          .sort((a, b) => compareCodes(a.code, b.code));
        return { id: q.id, code: q.code, text: q.text, maxPoints: q.maxPoints, counterparts };
      }),
    },
  };
}

export type SaveResult =
  | { ok: true; from: string; to: string; question: string }
  | { ok: false; errors: FieldErrors; values: Record<string, string>; question: string | null };

/** Saves one old question's counterparts from the submitted form; bad input comes back with the Swedish error next to its field. */
export async function saveCorrespondence(scope: CorrespondenceScope, formData: FormData, actorId: string): Promise<SaveResult> {
  const values = textValues(formData);
  const question = typeof values.fromQuestionId === "string" ? values.fromQuestionId : null;
  const versions = await versionsWithQuestions();
  const { from, to, errors } = chooseVersions(versions, values.fran ?? null, values.till ?? null);
  if (!from || !to || Object.keys(errors).length > 0) return { ok: false, errors: { "": t.correspondence.unknownVersion, ...errors }, values, question };
  const parsed = parseForm(correspondenceSchema, formData);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values, question };
  const { fromQuestionId, counterparts } = parsed.data;
  if (!from.questions.some((q) => q.id === fromQuestionId)) return { ok: false, errors: { "": t.correspondence.errors.question }, values, question };
  const targetIds = new Set(to.questions.map((q) => q.id));
  const problems = counterpartProblems(counterparts, targetIds);
  if (problems.length > 0) {
    const fieldErrors: FieldErrors = {};
    for (const problem of problems) {
      const { field, message } = problemMessage(problem, counterparts);
      fieldErrors[field] ??= message;
    }
    return { ok: false, errors: fieldErrors, values, question };
  }
  try {
    await replaceCorrespondences(scope, { fromVersionId: from.id, toVersionId: to.id, fromQuestionId, counterparts }, actorId);
  } catch (error) {
    // A question removed from its version between showing the form and saving it.
    if (error instanceof UnknownQuestionError) {
      const field = error.which === "to" && error.slot !== undefined ? slotFields(error.slot).to : "";
      return { ok: false, errors: { [field]: field ? t.correspondence.errors.to : t.correspondence.errors.question }, values, question };
    }
    throw error;
  }
  return { ok: true, from: from.key, to: to.key, question: fromQuestionId };
}
