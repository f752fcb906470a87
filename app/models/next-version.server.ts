import { resolveNextVersion, type VersionChoice } from "~/domain/correspondence.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { settingsAudit } from "./municipality.server.ts";

/**
 * Which framework version a municipality's next evaluation will use (issue #13, item 4): the
 * coordinator's choice, or the default of app/domain/correspondence.ts.
 */

export interface NextVersionInfo {
  /** The version of the latest evaluation, or null without an evaluation. */
  latestVersionId: string | null;
  /** The coordinator's choice, or null for the default. */
  chosenVersionId: string | null;
  /** The version the next evaluation uses. */
  versionId: string | null;
  versions: Array<VersionChoice & { name: string; key: string }>;
}

export async function nextVersionInfo(municipalityId: string): Promise<NextVersionInfo> {
  const db = getDb();
  const [municipality, latest, versions] = await Promise.all([
    db.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { nextFrameworkVersionId: true } }),
    db.evaluation.findFirst({ where: { municipalityId }, orderBy: [{ year: "desc" }, { createdAt: "desc" }], select: { frameworkVersionId: true } }),
    db.frameworkVersion.findMany({
      orderBy: { firstYear: "asc" },
      select: { id: true, key: true, name: true, firstYear: true, retiredAt: true, areas: { select: { _count: { select: { questions: true } } } } },
    }),
  ]);
  const latestVersionId = latest?.frameworkVersionId ?? null;
  // The versions correspondences lead into from the latest evaluation's (the municipality's own or shared).
  const reached = latestVersionId
    ? await db.questionCorrespondence.findMany({
        where: { OR: [{ municipalityId }, { municipalityId: null }], fromQuestion: { area: { versionId: latestVersionId } } },
        select: { toQuestion: { select: { area: { select: { versionId: true } } } } },
        distinct: ["toQuestionId"],
      })
    : [];
  const mapped = new Set(reached.map((r) => r.toQuestion.area.versionId));
  const choices = versions.map((v) => ({
    id: v.id,
    key: v.key,
    name: v.name,
    firstYear: v.firstYear,
    // A retired version (an operator's choice, /drift/ramverk) is never the default nor offered.
    retired: v.retiredAt !== null,
    questionCount: v.areas.reduce((s, a) => s + a._count.questions, 0),
    mapped: mapped.has(v.id),
  }));
  const chosen = municipality.nextFrameworkVersionId;
  const versionId = latestVersionId ? resolveNextVersion(latestVersionId, chosen, choices) : null;
  return { latestVersionId, chosenVersionId: chosen, versionId, versions: choices };
}

/** Saves the coordinator's choice (null: the default), with the change in the audit log. */
export async function setNextFrameworkVersion(municipalityId: string, versionId: string | null, actorId: string) {
  await getDb().$transaction(async (tx) => {
    const before = await tx.municipality.findUniqueOrThrow({
      where: { id: municipalityId },
      select: { nextFrameworkVersion: { select: { name: true } } },
    });
    const after = versionId ? await tx.frameworkVersion.findUniqueOrThrow({ where: { id: versionId }, select: { name: true } }) : null;
    await tx.municipality.update({ where: { id: municipalityId }, data: { nextFrameworkVersionId: versionId } });
    await recordAudit(
      settingsAudit(municipalityId, actorId, { nextFrameworkVersion: before.nextFrameworkVersion?.name ?? null }, { nextFrameworkVersion: after?.name ?? null }),
      tx,
    );
  });
}
