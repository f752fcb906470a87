import { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";
import { DAY_MS } from "~/domain/dates.ts";

/** Submission keys are kept this long; a key older than this counts as new. */
export const SUBMISSION_TTL_MS = DAY_MS;

export type SubmissionAnswer = { redirect: string } | { data: Prisma.InputJsonValue };

export type Claim = { claimed: true } | { claimed: false; answer: SubmissionAnswer | null } | { claimed: false; gone: true };

/**
 * Claims (user, key) for this post. The unique index decides between simultaneous posts: one
 * inserts, the others see its row, with the answer once it has one. Expired keys are dropped first.
 */
export async function claimSubmission(userId: string, key: string, now = new Date()): Promise<Claim> {
  const db = getDb();
  await db.formSubmission.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - SUBMISSION_TTL_MS) } } });
  const { count } = await db.formSubmission.createMany({ data: [{ userId, key }], skipDuplicates: true });
  if (count === 1) return { claimed: true };
  const row = await db.formSubmission.findUnique({ where: { userId_key: { userId, key } }, select: { answer: true } });
  if (!row) return { claimed: false, gone: true };
  return { claimed: false, answer: (row.answer as SubmissionAnswer | null) ?? null };
}

export async function completeSubmission(userId: string, key: string, answer: SubmissionAnswer) {
  await getDb().formSubmission.updateMany({ where: { userId, key }, data: { answer } });
}

/** The post changed nothing (refused input, an error): the same key may be sent again. */
export async function releaseSubmission(userId: string, key: string) {
  await getDb().formSubmission.deleteMany({ where: { userId, key, answer: { equals: Prisma.AnyNull } } });
}
