import { getDb } from "~/platform/db.server.ts";

/**
 * Correspondences between the sub-questions of two framework versions (issue #13). Every
 * function takes the municipality id: a municipality reads the shared rows (recorded by an
 * operator) and its own, and its own replace the shared ones for the same old question.
 */

export interface Correspondence {
  fromQuestionId: string;
  toQuestionId: string;
  /** Share (0 < share <= 1) of the old question's points the new question carries. */
  share: number;
  /** True when the municipality recorded it itself, false when it is the shared one. */
  own: boolean;
}

/** The correspondences from the questions of one version to those of another, as they apply to a municipality. */
export async function correspondencesBetween(
  municipalityId: string,
  fromVersionId: string,
  toVersionId: string,
): Promise<Correspondence[]> {
  const rows = await getDb().questionCorrespondence.findMany({
    where: {
      OR: [{ municipalityId }, { municipalityId: null }],
      fromQuestion: { area: { versionId: fromVersionId } },
      toQuestion: { area: { versionId: toVersionId } },
    },
    select: { fromQuestionId: true, toQuestionId: true, share: true, municipalityId: true },
  });
  const withOwn = new Set(rows.filter((r) => r.municipalityId !== null).map((r) => r.fromQuestionId));
  return rows
    .filter((r) => r.municipalityId !== null || !withOwn.has(r.fromQuestionId))
    .map((r) => ({ fromQuestionId: r.fromQuestionId, toQuestionId: r.toQuestionId, share: Number(r.share), own: r.municipalityId !== null }));
}
