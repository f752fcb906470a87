import { randomUUID } from "node:crypto";
import type { NewEvaluation } from "~/models/evaluation.server.ts";
import { upsertFrameworkVersion } from "~/models/catalog.server.ts";
import { getDb } from "~/platform/db.server.ts";

/**
 * A FICTIONAL framework version shaped like 2020's (the eight public area names, 100 points
 * each) with generated sub-questions, created through the catalog model. The 2020 version's
 * real sub-questions and maxima are not published, so every text and maximum here is made up
 * and says so; nothing here is any municipality's score.
 */

export const AREAS_2020 = [
  "Samspel mellan förtroendevalda och medborgare",
  "Samhällsutveckling",
  "Styrning och kontroll",
  "Effektivitet",
  "Brukarens fokus",
  "Kvalitetsutveckling",
  "Arbetsliv",
  "Chefs- och ledarskap samt medarbetarskap",
];

/** Sub-question maxima per area (adding up to 100): generated, fictional. */
const MAXIMA = [30, 25, 25, 20];

export async function createFictionalVersion(firstYear = 2021) {
  const key = `fiktiv-2020-${randomUUID().slice(0, 8)}`;
  const version = await upsertFrameworkVersion({
    key,
    name: `Fiktiv 2020-liknande version ${key.slice(-8)}`,
    firstYear,
    areas: AREAS_2020.map((name, i) => ({
      number: i + 1,
      name,
      maxPoints: 100,
      headings: [],
      questions: MAXIMA.map((maxPoints, j) => ({ code: `${i + 1}.${j + 1}`, text: `Fiktiv delfråga ${i + 1}.${j + 1}`, maxPoints })),
    })),
  });
  const questions = await getDb().frameworkQuestion.findMany({
    where: { area: { versionId: version.id } },
    select: { id: true, code: true, maxPoints: true },
  });
  return { id: version.id, key, name: version.name, questionId: (code: string) => questions.find((q) => q.code === code)!.id };
}

/** A generated evaluation in the fictional version: each sub-question gets a fixed fraction of its max (fictional points). */
export function fictionalEvaluation(versionKey: string, year: number, fraction = 0.5): NewEvaluation {
  return {
    frameworkVersionKey: versionKey,
    year,
    period: null,
    reportDate: null,
    evaluators: ["Fiktiv utvärderare"],
    statedTotal: null,
    sourceName: "Fiktiv testutvärdering",
    sourceHash: null,
    areas: AREAS_2020.map((_, i) => ({
      number: i + 1,
      statedPoints: null,
      goodExamples: [],
      scores: MAXIMA.map((max, j) => ({ code: `${i + 1}.${j + 1}`, points: Math.round(max * fraction * 2) / 2, printedPercent: null })),
      strengths: [],
      improvements: [`Fiktiv förbättringspunkt ${i + 1}`],
    })),
  };
}

/**
 * Removes what a test made in the fictional version: the test municipalities (their evaluations
 * and actions with them) and then the version, so later test files see the catalog as seeded.
 */
export async function removeFictionalVersion(versionId: string, municipalityIds: string[]) {
  const db = getDb();
  await db.$transaction(async (tx) => {
    await tx.action.deleteMany({ where: { municipalityId: { in: municipalityIds } } });
    await tx.evaluation.deleteMany({ where: { municipalityId: { in: municipalityIds } } });
    await tx.municipality.deleteMany({ where: { id: { in: municipalityIds } } });
    await tx.frameworkVersion.delete({ where: { id: versionId } });
  });
}
