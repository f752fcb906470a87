import { resolveNextVersion, type VersionChoice } from "~/domain/correspondence.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { evaluationIdSql } from "./latest-evaluation-rows.server.ts";
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
  // Three queries in one round trip, each finding the latest evaluation's version itself: this
  // is on the critical path of *Inför utvärdering* and *Tänk om*, where the ORM's reads (latest
  // evaluation, then the correspondences, then their questions, then their areas) were four round
  // trips in sequence (ADR 0046).
  const latestVersion = Prisma.sql`(SELECT e."frameworkVersionId" FROM "Evaluation" e WHERE e."id" = ${evaluationIdSql({ latestOf: municipalityId })})`;
  const [[municipality], versions, reached] = await Promise.all([
    readRows<Array<{ nextFrameworkVersionId: string | null; latestVersionId: string | null }>>(Prisma.sql`
      SELECT m."nextFrameworkVersionId"::text AS "nextFrameworkVersionId", ${latestVersion}::text AS "latestVersionId"
      FROM "Municipality" m WHERE m."id" = ${municipalityId}::uuid`),
    readRows<Array<{ id: string; key: string; name: string; firstYear: number; retired: boolean; questionCount: number }>>(Prisma.sql`
      SELECT v."id"::text AS "id", v."key", v."name", v."firstYear", (v."retiredAt" IS NOT NULL) AS "retired",
             (SELECT COUNT(*) FROM "FrameworkQuestion" q JOIN "FrameworkArea" a ON a."id" = q."areaId" WHERE a."versionId" = v."id")::int AS "questionCount"
      FROM "FrameworkVersion" v
      ORDER BY v."firstYear" ASC`),
    // The versions correspondences lead into from the latest evaluation's (the municipality's own or shared).
    readRows<Array<{ versionId: string }>>(Prisma.sql`
      SELECT DISTINCT ta."versionId"::text AS "versionId"
      FROM "QuestionCorrespondence" c
      JOIN "FrameworkQuestion" fq ON fq."id" = c."fromQuestionId"
      JOIN "FrameworkArea" fa ON fa."id" = fq."areaId"
      JOIN "FrameworkQuestion" tq ON tq."id" = c."toQuestionId"
      JOIN "FrameworkArea" ta ON ta."id" = tq."areaId"
      WHERE (c."municipalityId" = ${municipalityId}::uuid OR c."municipalityId" IS NULL) AND fa."versionId" = ${latestVersion}`),
  ]);
  if (!municipality) throw new Error(`No municipality ${municipalityId}`);
  const latestVersionId = municipality.latestVersionId;
  const mapped = new Set(reached.map((r) => r.versionId));
  const choices = versions.map((v) => ({
    id: v.id,
    key: v.key,
    name: v.name,
    firstYear: Number(v.firstYear),
    // A retired version (an operator's choice, /drift/ramverk) is never the default nor offered.
    retired: v.retired,
    questionCount: Number(v.questionCount),
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
