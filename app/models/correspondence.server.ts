import { effectiveCorrespondences, percentFromShare, type CounterpartInput } from "~/domain/correspondence.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";

/**
 * Correspondences between the sub-questions of two framework versions (issue #13). Every
 * function takes the municipality id: a municipality reads the shared rows (recorded by an
 * operator) and its own, and its own replace the shared ones for the same old question. The
 * shared rows are written only through `{ shared: true }`, which the operator's page alone passes.
 */

export interface Correspondence {
  fromQuestionId: string;
  toQuestionId: string;
  /** Share (0 < share <= 1) of the old question's points the new question carries. */
  share: number;
  /** True when the municipality recorded it itself, false when it is the shared one. */
  own: boolean;
}

/** Whose rows: one municipality's (read with the shared ones), or the shared ones (operators). */
export type CorrespondenceScope = { municipalityId: string } | { shared: true };

const municipalityOf = (scope: CorrespondenceScope) => ("shared" in scope ? null : scope.municipalityId);

const betweenVersions = (fromVersionId: string, toVersionId: string) => ({
  fromQuestion: { area: { versionId: fromVersionId } },
  toQuestion: { area: { versionId: toVersionId } },
});

async function rowsBetween(municipalityId: string | null, fromVersionId: string, toVersionId: string) {
  const rows = await getDb().questionCorrespondence.findMany({
    where: { OR: municipalityId ? [{ municipalityId }, { municipalityId: null }] : [{ municipalityId: null }], ...betweenVersions(fromVersionId, toVersionId) },
    select: { fromQuestionId: true, toQuestionId: true, share: true, municipalityId: true },
  });
  return rows.map((r) => ({ ...r, share: Number(r.share) }));
}

/** The correspondences from the questions of one version to those of another, as they apply to a municipality. */
export async function correspondencesBetween(
  municipalityId: string,
  fromVersionId: string,
  toVersionId: string,
): Promise<Correspondence[]> {
  const rows = await rowsBetween(municipalityId, fromVersionId, toVersionId);
  return effectiveCorrespondences(rows, municipalityId).map((r) => ({
    fromQuestionId: r.fromQuestionId,
    toQuestionId: r.toQuestionId,
    share: r.share,
    own: r.municipalityId !== null,
  }));
}

/** The rows a page shows: for a municipality as they apply to it, for operators the shared ones. */
export async function correspondencesFor(scope: CorrespondenceScope, fromVersionId: string, toVersionId: string): Promise<Correspondence[]> {
  if ("shared" in scope) {
    const rows = await rowsBetween(null, fromVersionId, toVersionId);
    return rows.map((r) => ({ fromQuestionId: r.fromQuestionId, toQuestionId: r.toQuestionId, share: r.share, own: false }));
  }
  return correspondencesBetween(scope.municipalityId, fromVersionId, toVersionId);
}

/** Every version with its sub-questions (the catalog is shared by all municipalities). */
export async function versionsWithQuestions() {
  const versions = await getDb().frameworkVersion.findMany({
    orderBy: { firstYear: "asc" },
    select: {
      id: true,
      key: true,
      name: true,
      firstYear: true,
      areas: {
        orderBy: { number: "asc" },
        select: { number: true, name: true, questions: { orderBy: { sortOrder: "asc" }, select: { id: true, code: true, text: true, maxPoints: true } } },
      },
    },
  });
  return versions.map((v) => ({
    id: v.id,
    key: v.key,
    name: v.name,
    firstYear: v.firstYear,
    questions: v.areas.flatMap((a) => a.questions.map((q) => ({ id: q.id, code: q.code, text: q.text, area: a.number, maxPoints: Number(q.maxPoints) }))),
  }));
}

export class UnknownQuestionError extends Error {
  constructor(public readonly which: "from" | "to", public readonly slot?: number) {
    super(`unknown ${which} question`);
  }
}

const describe = (rows: ReadonlyArray<{ toQuestion: { code: string }; share: unknown }>) =>
  rows.length === 0 ? null : rows.map((r) => `${r.toQuestion.code} ${String(percentFromShare(Number(r.share))).replace(".", ",")} %`).join("; ");

/**
 * Replaces the counterparts of one old question in the target version, for a municipality or
 * (operators) for everybody, in one transaction with its audit row. An empty list removes them
 * (for a municipality: the shared ones apply again). The caller has validated the shares
 * (app/domain/correspondence.ts); the questions' versions are checked here.
 */
export async function replaceCorrespondences(
  scope: CorrespondenceScope,
  input: { fromVersionId: string; toVersionId: string; fromQuestionId: string; counterparts: readonly CounterpartInput[] },
  actorId: string,
) {
  const municipalityId = municipalityOf(scope);
  return getDb().$transaction(async (tx) => {
    const from = await tx.frameworkQuestion.findFirst({
      where: { id: input.fromQuestionId, area: { versionId: input.fromVersionId } },
      select: { id: true, code: true },
    });
    if (!from) throw new UnknownQuestionError("from");
    const targets = await tx.frameworkQuestion.findMany({
      where: { id: { in: input.counterparts.map((c) => c.toQuestionId) }, area: { versionId: input.toVersionId } },
      select: { id: true },
    });
    const known = new Set(targets.map((q) => q.id));
    const unknown = input.counterparts.find((c) => !known.has(c.toQuestionId));
    if (unknown) throw new UnknownQuestionError("to", unknown.slot);
    const where = { municipalityId, fromQuestionId: from.id, toQuestion: { area: { versionId: input.toVersionId } } };
    const before = await tx.questionCorrespondence.findMany({ where, select: { share: true, toQuestion: { select: { code: true } } }, orderBy: { toQuestion: { sortOrder: "asc" } } });
    await tx.questionCorrespondence.deleteMany({ where });
    await tx.questionCorrespondence.createMany({
      data: input.counterparts.map((c) => ({ municipalityId, fromQuestionId: from.id, toQuestionId: c.toQuestionId, share: c.share, createdById: actorId })),
    });
    const after = await tx.questionCorrespondence.findMany({ where, select: { share: true, toQuestion: { select: { code: true } } }, orderBy: { toQuestion: { sortOrder: "asc" } } });
    const oldValue = describe(before);
    const newValue = describe(after);
    if (oldValue !== newValue) {
      await recordAudit(
        { municipalityId, actorId, entityType: "FrameworkQuestion", entityId: from.id, event: "correspondence.changed", field: from.code, oldValue, newValue },
        tx,
      );
    }
    return { changed: oldValue !== newValue };
  });
}
