import { stockholmDate } from "~/domain/dates.ts";
import { snapshotData } from "~/domain/outcome.ts";
import { carryOpenActions, type CarryOverResult } from "~/models/carry-over.server.ts";
import { correspondencesBetween } from "~/models/correspondence.server.ts";
import { createEvaluation, type AfterEvaluationCreated, type NewEvaluation } from "~/models/evaluation.server.ts";
import { evaluationRounds, hasSnapshot, municipalitiesWithDateDue, saveProjectionSnapshot } from "~/models/outcome.server.ts";
import { readinessFor } from "./readiness.server.ts";

/**
 * A new round closes the old one (issue #13 item 5, ADR 0037): the readiness projection is saved
 * for the planned evaluation date (by the worker on the date, or at the import of the next
 * evaluation when the date never came first), and open actions carry over to the new evaluation.
 */

/** The projection at `now` as a snapshot of the latest evaluation's round. */
async function snapshotNow(municipalityId: string, now: Date) {
  const readiness = await readinessFor(municipalityId, now);
  if (!readiness) return null;
  return {
    evaluationId: readiness.evaluation.id,
    plannedDate: readiness.nextEvaluationDate,
    data: snapshotData(readiness.projection, readiness.actions, readiness.weights.own ? "own" : "default"),
  };
}

/**
 * The worker's part: for each municipality whose planned date has come, save the projection of
 * its latest evaluation for that date, once (a second run, or a second worker, saves nothing).
 * A date before the latest evaluation was entered belongs to a round already closed.
 */
export async function saveDueSnapshots(now: Date, onlyMunicipalityId?: string) {
  const today = stockholmDate(now);
  let saved = 0;
  for (const { id, plannedDate } of await municipalitiesWithDateDue(today)) {
    if (onlyMunicipalityId && id !== onlyMunicipalityId) continue;
    const latest = (await evaluationRounds(id)).at(-1);
    if (!latest || plannedDate < latest.createdOn || (await hasSnapshot(id, latest.id, plannedDate))) continue;
    const snapshot = await snapshotNow(id, now);
    if (!snapshot || snapshot.evaluationId !== latest.id || snapshot.plannedDate !== plannedDate) continue;
    if (await saveProjectionSnapshot(id, { evaluationId: latest.id, plannedDate, savedAtImport: false, data: snapshot.data })) saved++;
  }
  return { saved };
}

/**
 * What closing the old round takes when a new evaluation is saved: the step to run in the new
 * evaluation's transaction (save the old round's projection if none was, carry its open actions
 * over), or null when the new evaluation is not the newest (an older one entered afterwards
 * changes no plan). Prepared before the transaction, because the projection reads the plan.
 */
export async function prepareRoundClosing(
  municipalityId: string,
  input: NewEvaluation,
  actorId: string | null,
  now: Date,
): Promise<{ afterCreate: AfterEvaluationCreated; carried(): CarryOverResult | null } | null> {
  const previous = (await evaluationRounds(municipalityId)).at(-1);
  if (!previous || input.year < previous.year) return null;
  const snapshot = (await hasSnapshot(municipalityId, previous.id)) ? null : await snapshotNow(municipalityId, now);
  let carried: CarryOverResult | null = null;
  return {
    afterCreate: async (tx, created) => {
      if (snapshot) {
        const plannedDate = snapshot.plannedDate ?? stockholmDate(now);
        await saveProjectionSnapshot(municipalityId, { evaluationId: previous.id, plannedDate, savedAtImport: true, data: snapshot.data }, tx);
      }
      const correspondences =
        created.frameworkVersionId === previous.frameworkVersionId
          ? null
          : await correspondencesBetween(municipalityId, previous.frameworkVersionId, created.frameworkVersionId);
      carried = await carryOpenActions(tx, municipalityId, previous, created, correspondences, actorId);
    },
    carried: () => carried,
  };
}

/** Saves a new evaluation (imported or entered by hand), closing the old round when it is the newest. */
export async function createEvaluationClosingRound(municipalityId: string, input: NewEvaluation, actorId: string | null, now: Date) {
  const closing = await prepareRoundClosing(municipalityId, input, actorId, now);
  const evaluation = await createEvaluation(municipalityId, input, actorId, closing?.afterCreate);
  return { evaluation, carried: closing?.carried() ?? null };
}
