import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import { getDb } from "~/platform/db.server.ts";

/** The framework catalog: versions, areas and sub-questions are data, never code. */

/** A catalog version as seeded: what the reader needs, plus each area's sub-headings. */
export type FrameworkVersionData = Omit<CatalogVersion, "areas"> & {
  areas: Array<CatalogVersion["areas"][number] & { headings: string[] }>;
};

/** Adds a version, or brings an existing one's names and max points up to date. */
export async function upsertFrameworkVersion(data: FrameworkVersionData) {
  return getDb().$transaction(async (tx) => {
    const version = await tx.frameworkVersion.upsert({
      where: { key: data.key },
      create: { key: data.key, name: data.name, firstYear: data.firstYear },
      update: { name: data.name, firstYear: data.firstYear },
    });
    for (const area of data.areas) {
      const savedArea = await tx.frameworkArea.upsert({
        where: { versionId_number: { versionId: version.id, number: area.number } },
        create: {
          versionId: version.id,
          number: area.number,
          name: area.name,
          maxPoints: area.maxPoints,
          headings: area.headings,
        },
        update: { name: area.name, maxPoints: area.maxPoints, headings: area.headings },
      });
      for (const [index, q] of area.questions.entries()) {
        await tx.frameworkQuestion.upsert({
          where: { areaId_code: { areaId: savedArea.id, code: q.code } },
          create: { areaId: savedArea.id, code: q.code, text: q.text, maxPoints: q.maxPoints, sortOrder: index },
          update: { text: q.text, maxPoints: q.maxPoints, sortOrder: index },
        });
      }
    }
    return version;
  });
}

export async function listFrameworkVersions() {
  return getDb().frameworkVersion.findMany({ orderBy: { firstYear: "asc" } });
}

/** Every version with its areas and sub-questions, as the reader and the forms need them. */
export async function getCatalog(): Promise<CatalogVersion[]> {
  const versions = await getDb().frameworkVersion.findMany({
    orderBy: { firstYear: "asc" },
    include: {
      areas: { orderBy: { number: "asc" }, include: { questions: { orderBy: { sortOrder: "asc" } } } },
    },
  });
  return versions.map((v) => ({
    key: v.key,
    name: v.name,
    firstYear: v.firstYear,
    areas: v.areas.map((a) => ({
      number: a.number,
      name: a.name,
      maxPoints: Number(a.maxPoints),
      questions: a.questions.map((q) => ({ code: q.code, text: q.text, maxPoints: Number(q.maxPoints) })),
    })),
  }));
}
