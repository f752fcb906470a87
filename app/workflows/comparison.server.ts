import type { CodeCorrespondence } from "~/domain/correspondence.ts";
import { compareOverTime } from "~/domain/comparison.ts";
import { scoreEvaluation } from "~/domain/scoring.ts";
import { correspondencesBetween, versionsWithQuestions } from "~/models/correspondence.server.ts";
import { getLatestEvaluations } from "~/models/evaluation.server.ts";

/**
 * Comparison over time for the page *Jämför*: the latest evaluations side by side, with the
 * older versions' sub-questions mapped into the newest evaluation's version through the
 * correspondences that apply to the municipality.
 */
export async function comparisonOverTime(municipalityId: string, maxEvaluations: number) {
  const evaluations = await getLatestEvaluations(municipalityId, maxEvaluations);
  const newest = evaluations[0];
  const mappings = new Map<string, CodeCorrespondence[]>();
  const otherVersions = [...new Map(evaluations.filter((e) => e.frameworkVersion.id !== newest?.frameworkVersion.id).map((e) => [e.frameworkVersion.id, e.frameworkVersion])).values()];
  if (newest && otherVersions.length > 0) {
    const codes = new Map((await versionsWithQuestions()).flatMap((v) => v.questions.map((q) => [q.id, q.code] as const)));
    for (const version of otherVersions) {
      const rows = await correspondencesBetween(municipalityId, version.id, newest.frameworkVersion.id);
      mappings.set(
        version.key,
        rows.map((r) => ({ fromCode: codes.get(r.fromQuestionId) ?? "", toCode: codes.get(r.toQuestionId) ?? "", share: r.share })),
      );
    }
  }
  return compareOverTime(
    evaluations.map((e) => ({
      id: e.id,
      year: e.year,
      versionKey: e.frameworkVersion.key,
      versionName: e.frameworkVersion.name,
      scored: scoreEvaluation(e.areas, e.statedTotal),
    })),
    mappings,
  );
}
