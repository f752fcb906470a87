import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";
import { createEvaluationIn, type AfterEvaluationCreated, type NewEvaluation } from "./evaluation.server.ts";

/**
 * Saves a framework version's sub-questions learned from a report together with the
 * evaluation read from it, in one transaction (issue #13, ADR 0035). Versions are shared
 * catalog data: what one municipality confirms becomes available to all.
 */

export type LearnedSave =
  | { ok: true; evaluationId: string }
  /** Someone saved other sub-questions for the version meanwhile, or took the key: nothing saved. */
  | { ok: false; reason: "changed" | "key-taken" };

class Refused extends Error {
  constructor(readonly reason: "changed" | "key-taken") {
    super(reason);
  }
}

const sameQuestions = (a: Array<{ code: string; maxPoints: number }>, b: Array<{ code: string; maxPoints: number }>) =>
  a.length === b.length && a.every((q) => b.some((o) => o.code === q.code && o.maxPoints === q.maxPoints));

/**
 * `createVersion`: the version is new (an unknown one) and is created with its areas; else
 * the catalog version `version.key` gets the sub-questions. The version row is locked first, so
 * two coordinators confirming the same questions at once never add them twice: the second
 * finds them saved and, when they are the same codes and maxima, saves its evaluation against
 * them; when they differ, nothing of the second is saved.
 */
export async function saveLearnedVersionWithEvaluation(
  municipalityId: string,
  learned: { version: CatalogVersion; createVersion: boolean },
  input: NewEvaluation,
  actorId: string | null,
  afterCreate?: AfterEvaluationCreated,
): Promise<LearnedSave> {
  const { version } = learned;
  try {
    const evaluation = await getDb().$transaction(async (tx) => {
      let row = await tx.frameworkVersion.findUnique({ where: { key: version.key } });
      if (learned.createVersion) {
        if (row) throw new Refused("key-taken");
        row = await tx.frameworkVersion.create({ data: { key: version.key, name: version.name, firstYear: version.firstYear } });
      }
      if (!row) throw new Refused("changed");
      await tx.$queryRaw`SELECT id FROM "FrameworkVersion" WHERE id = ${row.id}::uuid FOR UPDATE`;
      for (const area of version.areas) {
        const saved =
          (await tx.frameworkArea.findUnique({
            where: { versionId_number: { versionId: row.id, number: area.number } },
            include: { questions: true },
          })) ??
          (await tx.frameworkArea.create({
            data: { versionId: row.id, number: area.number, name: area.name, maxPoints: area.maxPoints, headings: [] },
            include: { questions: true },
          }));
        const existing = saved.questions.map((q) => ({ code: q.code, maxPoints: Number(q.maxPoints) }));
        if (existing.length > 0) {
          if (!sameQuestions(existing, area.questions)) throw new Refused("changed");
          continue;
        }
        await tx.frameworkQuestion.createMany({
          data: area.questions.map((q, sortOrder) => ({ areaId: saved.id, code: q.code, text: q.text, maxPoints: q.maxPoints, sortOrder })),
        });
      }
      return createEvaluationIn(tx, municipalityId, input, actorId, afterCreate);
    });
    return { ok: true, evaluationId: evaluation.id };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    // Two creating the same unknown version at once: the unique key refuses the second.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, reason: learned.createVersion ? "key-taken" : "changed" };
    throw error;
  }
}
