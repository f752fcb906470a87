import { compareOutcome, type CodeMapping, type Outcome } from "~/domain/outcome.ts";
import { correspondencesBetween } from "~/models/correspondence.server.ts";
import { carriedCount, carriedWithoutCounterpart } from "~/models/carry-over.server.ts";
import { actionsNow, evaluationQuestions, evaluationRounds, questionCodes, snapshotForRound } from "~/models/outcome.server.ts";

/**
 * *Utfall mot prognos* (issue #13 item 5): the saved projection of a round against the points
 * the next evaluation awarded, mapped through the correspondence when the version changed.
 */

type Round = Awaited<ReturnType<typeof evaluationRounds>>[number];

/** The comparison of one round with the next, or null when the round has no saved projection. */
export async function compareRounds(municipalityId: string, previous: Round, next: Round) {
  const snapshot = await snapshotForRound(municipalityId, previous.id);
  if (!snapshot) return null;
  const newQuestions = await evaluationQuestions(municipalityId, next.id);
  let mapping: CodeMapping[] | null = null;
  if (previous.frameworkVersionId !== next.frameworkVersionId) {
    const [correspondences, codes] = await Promise.all([
      correspondencesBetween(municipalityId, previous.frameworkVersionId, next.frameworkVersionId),
      questionCodes([previous.frameworkVersionId, next.frameworkVersionId]),
    ]);
    mapping = correspondences.map((c) => ({ from: codes.get(c.fromQuestionId)!, to: codes.get(c.toQuestionId)!, share: c.share }));
  }
  const actionIds = [...new Set(snapshot.data.questions.flatMap((q) => q.contributions.map((c) => c.actionId)))];
  const outcome = compareOutcome({
    snapshot: snapshot.data,
    plannedDate: snapshot.plannedDate,
    newQuestions,
    mapping,
    actionsNow: await actionsNow(municipalityId, actionIds),
  });
  return { previous, next, snapshot: { plannedDate: snapshot.plannedDate, savedAtImport: snapshot.savedAtImport, weights: snapshot.data.weights }, versionChanged: mapping !== null, outcome };
}

/** The page: the latest evaluation against the projection saved for the round before it. */
export async function outcomePage(municipalityId: string) {
  const rounds = await evaluationRounds(municipalityId);
  if (rounds.length < 2) return { state: "one-round" as const };
  const next = rounds.at(-1)!;
  const [compared, carried, withoutCounterpart] = await Promise.all([
    compareRounds(municipalityId, rounds.at(-2)!, next),
    carriedCount(municipalityId, next.id),
    carriedWithoutCounterpart(municipalityId, next.id),
  ]);
  const carry = { count: carried, withoutCounterpart };
  if (!compared) return { state: "no-snapshot" as const, previous: rounds.at(-2)!, next, carry };
  return { state: "compared" as const, ...compared, carry };
}

/** Every round that has a saved projection and a next evaluation, compared: the history the weights are fitted to. */
export async function outcomeHistory(municipalityId: string): Promise<Outcome[]> {
  const rounds = await evaluationRounds(municipalityId);
  const pairs = rounds.slice(1).map((next, i) => [rounds[i]!, next] as const);
  const compared = await Promise.all(pairs.map(([previous, next]) => compareRounds(municipalityId, previous, next)));
  return compared.flatMap((c) => (c ? [c.outcome] : []));
}
