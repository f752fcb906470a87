import { choosableNextVersions, defaultNextVersion } from "~/domain/correspondence.ts";
import { stockholmDate } from "~/domain/dates.ts";
import { project } from "~/domain/projection.ts";
import { projectionInputInVersion, type ActionWithoutCounterpart } from "~/domain/projection-in-version.ts";
import { correspondencesBetween, versionsWithQuestions } from "~/models/correspondence.server.ts";
import { nextVersionInfo, setNextFrameworkVersion } from "~/models/next-version.server.ts";
import { nextVersionSchema } from "~/forms/next-version.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { readinessFor } from "./readiness.server.ts";

/**
 * The readiness projection in the version the next evaluation will use (issue #13, item 4).
 * When that is the latest evaluation's own version this is the projection as before; when it is
 * a newer one, today's points and the actions' effects are moved through the correspondences
 * that apply to the municipality, and the actions that lose their sub-questions are named.
 */
export async function readinessInNextVersion(municipalityId: string, now: Date) {
  // In the latest evaluation's own version this is readinessFor's projection, the one the report and the command use.
  const [data, info] = await Promise.all([readinessFor(municipalityId, now), nextVersionInfo(municipalityId)]);
  if (!data || !info.latestVersionId) return null;
  const latestVersionId = info.latestVersionId;
  const byId = new Map(info.versions.map((v) => [v.id, v]));
  const setting = {
    chosenVersionId: info.chosenVersionId,
    defaultName: byId.get(defaultNextVersion(latestVersionId, info.versions))?.name ?? "",
    choices: choosableNextVersions(latestVersionId, info.versions).map((v) => ({ id: v.id, name: v.name })),
  };
  const latestName = byId.get(latestVersionId)?.name ?? data.evaluation.version;
  if (!info.versionId || info.versionId === latestVersionId) {
    return {
      ...data,
      nextVersion: { name: latestName, latestName, fromKey: null, toKey: null, moved: false, actionsWithoutCounterpart: [] as ActionWithoutCounterpart[], questionsWithoutCounterpart: [] as string[] },
      setting,
    };
  }
  const versions = await versionsWithQuestions();
  const target = versions.find((v) => v.id === info.versionId)!;
  const codes = new Map(versions.flatMap((v) => v.questions.map((q) => [q.id, q.code] as const)));
  const rows = await correspondencesBetween(municipalityId, latestVersionId, target.id);
  const moved = projectionInputInVersion(
    data.questions,
    data.actions,
    target.questions.map((q) => ({ code: q.code, text: q.text, area: q.area, maxPoints: q.maxPoints })),
    rows.map((r) => ({ fromCode: codes.get(r.fromQuestionId) ?? "", toCode: codes.get(r.toQuestionId) ?? "", share: r.share })),
  );
  return {
    ...data,
    questions: moved.questions,
    actions: moved.actions,
    projection: project(moved.questions, moved.actions, {
      today: stockholmDate(now),
      evaluationDate: data.nextEvaluationDate,
      weights: data.weights.values,
    }),
    nextVersion: {
      name: target.name,
      latestName,
      // The correspondence page opens on exactly these two versions.
      fromKey: byId.get(latestVersionId)?.key ?? null,
      toKey: byId.get(target.id)?.key ?? null,
      moved: true,
      actionsWithoutCounterpart: moved.actionsWithoutCounterpart,
      questionsWithoutCounterpart: moved.questionsWithoutCounterpart,
    },
    setting,
  };
}

/** Saves the version the coordinator chose for the next evaluation; a version not on offer is refused with the field's error. */
export async function saveNextVersion(municipalityId: string, formData: FormData, actorId: string): Promise<FieldErrors | null> {
  const parsed = parseForm(nextVersionSchema, formData);
  if (!parsed.ok) return parsed.errors;
  const chosen = parsed.data.nextFrameworkVersionId;
  if (chosen !== null) {
    const info = await nextVersionInfo(municipalityId);
    const offered = info.latestVersionId ? choosableNextVersions(info.latestVersionId, info.versions) : [];
    if (!offered.some((v) => v.id === chosen)) return { nextFrameworkVersionId: t.correspondence.versionError };
  }
  await setNextFrameworkVersion(municipalityId, chosen, actorId);
  return null;
}
