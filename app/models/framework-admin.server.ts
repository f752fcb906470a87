import { maximaDiffer, versionSummary, type FrameworkVersionInput } from "~/domain/framework-version.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";

/**
 * The framework versions as the operator manages them (issue #13, item 1): operator-only, across
 * the installation (the routes check the operator). Every change is audited without a
 * municipality (a version belongs to everybody), in the transaction of the change.
 */

export class FrameworkAdminError extends Error {
  constructor(
    public readonly code: "key-taken" | "not-found" | "max-locked",
    public readonly evaluations = 0,
  ) {
    super(code);
  }
}

const fullVersion = {
  areas: { orderBy: { number: "asc" }, include: { questions: { orderBy: { sortOrder: "asc" } } } },
} as const satisfies Prisma.FrameworkVersionInclude;

type StoredVersion = Prisma.FrameworkVersionGetPayload<{ include: typeof fullVersion }>;

function toInput(v: StoredVersion): FrameworkVersionInput {
  return {
    key: v.key,
    name: v.name,
    firstYear: v.firstYear,
    areas: v.areas.map((a) => ({
      number: a.number,
      name: a.name,
      maxPoints: Number(a.maxPoints),
      headings: a.headings,
      questions: a.questions.map((q) => ({ code: q.code, text: q.text, maxPoints: Number(q.maxPoints) })),
    })),
  };
}

/** Every version with its size, total, how many evaluations use it, and whether it is retired. */
export async function listFrameworkVersionsForConsole() {
  const versions = await getDb().frameworkVersion.findMany({
    orderBy: [{ firstYear: "asc" }, { key: "asc" }],
    include: { ...fullVersion, _count: { select: { evaluations: true } } },
  });
  return versions.map((v) => ({
    key: v.key,
    name: v.name,
    firstYear: v.firstYear,
    retiredAt: v.retiredAt,
    evaluations: v._count.evaluations,
    ...versionSummary(toInput(v)),
  }));
}

/** One version in full, with the municipalities whose evaluations use it (count and years). */
export async function getFrameworkVersionForConsole(key: string) {
  const v = await getDb().frameworkVersion.findUnique({ where: { key }, include: fullVersion });
  if (!v) return null;
  const evaluations = await getDb().evaluation.findMany({
    where: { frameworkVersionId: v.id },
    select: { year: true, municipality: { select: { id: true, name: true, slug: true } } },
    orderBy: [{ municipality: { name: "asc" } }, { year: "asc" }],
  });
  const usage = new Map<string, { name: string; slug: string; count: number; years: number[] }>();
  for (const e of evaluations) {
    const entry = usage.get(e.municipality.id) ?? { name: e.municipality.name, slug: e.municipality.slug, count: 0, years: [] };
    entry.count += 1;
    if (!entry.years.includes(e.year)) entry.years.push(e.year);
    usage.set(e.municipality.id, entry);
  }
  return { version: toInput(v), retiredAt: v.retiredAt, evaluations: evaluations.length, usage: [...usage.values()] };
}

/** A version in the documented format, for download; null when there is none by that key. */
export async function frameworkVersionForDownload(key: string): Promise<FrameworkVersionInput | null> {
  const v = await getDb().frameworkVersion.findUnique({ where: { key }, include: fullVersion });
  return v ? toInput(v) : null;
}

export async function frameworkKeyTaken(key: string): Promise<boolean> {
  return (await getDb().frameworkVersion.count({ where: { key } })) > 0;
}

/** The keys of retired versions: not offered for new evaluations. */
export async function retiredFrameworkKeys(): Promise<Set<string>> {
  const rows = await getDb().frameworkVersion.findMany({ where: { retiredAt: { not: null } }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

/** Stores a checked version (areas, sub-questions in the given order) in one transaction; a taken key is refused. */
export async function createFrameworkVersion(input: FrameworkVersionInput, actorId: string) {
  try {
    return await getDb().$transaction(async (tx) => {
      const version = await tx.frameworkVersion.create({
        data: { key: input.key, name: input.name, firstYear: input.firstYear },
        select: { id: true, key: true, name: true },
      });
      for (const area of input.areas) {
        const saved = await tx.frameworkArea.create({
          data: { versionId: version.id, number: area.number, name: area.name, maxPoints: area.maxPoints, headings: area.headings },
          select: { id: true },
        });
        if (area.questions.length > 0) {
          await tx.frameworkQuestion.createMany({
            data: area.questions.map((q, index) => ({ areaId: saved.id, code: q.code, text: q.text, maxPoints: q.maxPoints, sortOrder: index })),
          });
        }
      }
      await recordAudit(
        {
          municipalityId: null,
          actorId,
          entityType: "FrameworkVersion",
          entityId: version.id,
          event: "framework-version.created",
          newValue: `${input.name} (${input.key})`,
        },
        tx,
      );
      return version;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new FrameworkAdminError("key-taken");
    throw error;
  }
}

/**
 * Brings a version's names, texts and maxima to `next` (same areas and codes; checked by the
 * caller). Maxima may change only while no evaluation uses the version. One audit row per
 * changed field. Returns how many fields changed.
 */
export async function updateFrameworkVersion(key: string, next: FrameworkVersionInput, actorId: string): Promise<number> {
  return getDb().$transaction(async (tx) => {
    const stored = await tx.frameworkVersion.findUnique({ where: { key }, include: { ...fullVersion, _count: { select: { evaluations: true } } } });
    if (!stored) throw new FrameworkAdminError("not-found");
    const current = toInput(stored);
    if (maximaDiffer(current, next) && stored._count.evaluations > 0) throw new FrameworkAdminError("max-locked", stored._count.evaluations);
    const audit = (field: string, oldValue: string, newValue: string) => ({
      municipalityId: null,
      actorId,
      entityType: "FrameworkVersion",
      entityId: stored.id,
      event: "framework-version.changed",
      field,
      oldValue,
      newValue,
    });
    const entries = [];
    if (current.name !== next.name) {
      await tx.frameworkVersion.update({ where: { id: stored.id }, data: { name: next.name } });
      entries.push(audit("name", current.name, next.name));
    }
    for (const area of stored.areas) {
      const wanted = next.areas.find((a) => a.number === area.number);
      if (!wanted) throw new FrameworkAdminError("not-found");
      const areaMax = Number(area.maxPoints);
      if (wanted.name !== area.name || wanted.maxPoints !== areaMax) {
        await tx.frameworkArea.update({ where: { id: area.id }, data: { name: wanted.name, maxPoints: wanted.maxPoints } });
        if (wanted.name !== area.name) entries.push(audit(`area ${area.number} name`, area.name, wanted.name));
        if (wanted.maxPoints !== areaMax) entries.push(audit(`area ${area.number} maxPoints`, String(areaMax), String(wanted.maxPoints)));
      }
      for (const q of area.questions) {
        const w = wanted.questions.find((x) => x.code === q.code);
        if (!w) throw new FrameworkAdminError("not-found");
        const max = Number(q.maxPoints);
        if (w.text === q.text && w.maxPoints === max) continue;
        await tx.frameworkQuestion.update({ where: { id: q.id }, data: { text: w.text, maxPoints: w.maxPoints } });
        if (w.text !== q.text) entries.push(audit(`${q.code} text`, q.text, w.text));
        if (w.maxPoints !== max) entries.push(audit(`${q.code} maxPoints`, String(max), String(w.maxPoints)));
      }
    }
    await recordAudit(entries, tx);
    return entries.length;
  });
}

/** Retires (kept for history, not offered for new evaluations) or reactivates a version. Returns whether anything changed. */
export async function setFrameworkVersionRetired(key: string, retired: boolean, actorId: string, now = new Date()): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const current = await tx.frameworkVersion.findUnique({ where: { key }, select: { id: true, retiredAt: true } });
    if (!current) throw new FrameworkAdminError("not-found");
    if ((current.retiredAt !== null) === retired) return false;
    await tx.frameworkVersion.update({ where: { id: current.id }, data: { retiredAt: retired ? now : null } });
    await recordAudit(
      {
        municipalityId: null,
        actorId,
        entityType: "FrameworkVersion",
        entityId: current.id,
        event: retired ? "framework-version.retired" : "framework-version.reactivated",
      },
      tx,
    );
    return true;
  });
}
