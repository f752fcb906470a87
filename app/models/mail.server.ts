import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";

/** Outgoing mail, stored first so a crash or an unreachable queue loses nothing. All mail is read and written here. */

export interface NewMail {
  identity: string;
  municipalityId: string | null;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  actionId?: string | null;
  kind?: string | null;
  /** When it may go out (reminders: 07:00 on their day); null or absent: at once. */
  sendAt?: Date | null;
}

/** Stores a mail once per identity; returns its id (the existing one when already stored). */
export async function storeMail(mail: NewMail): Promise<string> {
  const row = await getDb().mailMessage.upsert({
    where: { identity: mail.identity },
    create: mail,
    update: {},
    select: { id: true },
  });
  return row.id;
}

/** Stores mails once per identity, in batches; returns the ids of those still waiting to be sent. */
export async function storeMails(mails: NewMail[]): Promise<string[]> {
  if (mails.length === 0) return [];
  const ids: string[] = [];
  for (let i = 0; i < mails.length; i += 1000) {
    const batch = mails.slice(i, i + 1000);
    await getDb().mailMessage.createMany({ data: batch, skipDuplicates: true });
    const rows = await getDb().mailMessage.findMany({
      where: { identity: { in: batch.map((m) => m.identity) }, status: "PENDING" },
      select: { id: true },
    });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Which of these identities are already stored (in any status). */
export async function storedIdentities(identities: string[]): Promise<Set<string>> {
  const rows = await getDb().mailMessage.findMany({ where: { identity: { in: identities } }, select: { identity: true } });
  return new Set(rows.map((m) => m.identity));
}

/**
 * Withdraws an action's reminders that have not gone out yet (the assignment mail and
 * invitations stay), inside the transaction that changes the action.
 */
export async function withdrawPendingReminders(tx: Prisma.TransactionClient, actionId: string) {
  await tx.mailMessage.updateMany({
    where: { actionId, status: "PENDING", kind: { notIn: ["assigned", "invitation"] } },
    data: { status: "CANCELLED" },
  });
}

export type Deliver = (mail: { recipient: string; subject: string; text: string; html: string }) => Promise<"sent" | "kept">;

/**
 * Delivers a PENDING mail at most once: the row is locked while it is sent, and a mail that is
 * already SENT or KEPT is left alone. A failed send leaves it PENDING for the next attempt.
 */
export async function deliverStoredMail(mailId: string, deliver: Deliver): Promise<"sent" | "kept" | "skipped"> {
  const result = await getDb().$transaction(
    async (tx) => {
      // Locked and read in one statement: what is sent is what the lock holds.
      const [mail] = await tx.$queryRaw<Array<{ recipient: string; subject: string; text: string; html: string }>>`
        SELECT recipient, subject, text, html FROM "MailMessage" WHERE id = ${mailId}::uuid AND status = 'PENDING' FOR UPDATE SKIP LOCKED`;
      if (!mail) return { outcome: "skipped" as const };
      try {
        const outcome = await deliver(mail);
        await tx.mailMessage.update({
          where: { id: mailId },
          data: {
            status: outcome === "sent" ? "SENT" : "KEPT",
            sentAt: new Date(),
            attempts: { increment: 1 },
            lastError: null,
          },
        });
        return { outcome };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await tx.mailMessage.update({
          where: { id: mailId },
          data: { attempts: { increment: 1 }, lastError: message },
        });
        return { outcome: "failed" as const, error };
      }
    },
    { timeout: 60_000 },
  );
  // The failure is recorded (committed) above; throwing lets the queue retry with backoff.
  if (result.outcome === "failed") throw result.error;
  return result.outcome;
}

/** PENDING mails stored more than `olderThanMs` ago (for the sweep that re-enqueues them). */
export async function listStalePendingMail(olderThanMs: number, now = new Date()) {
  const rows = await getDb().mailMessage.findMany({
    where: { status: "PENDING", createdAt: { lt: new Date(now.getTime() - olderThanMs) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  return rows.map((r) => r.id);
}

/** PENDING mail older than this has waited too long: the operations page warns about it. */
export const MAIL_OVERDUE_MS = 30 * 60 * 1000;

/** How many PENDING mails were stored more than `olderThanMs` ago, and when the oldest was. */
export async function overduePendingMail(olderThanMs = MAIL_OVERDUE_MS, now = new Date()) {
  const result = await getDb().mailMessage.aggregate({
    where: { status: "PENDING", createdAt: { lt: new Date(now.getTime() - olderThanMs) } },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  return { count: result._count._all, oldest: result._min.createdAt };
}

export async function listMailFor(municipalityId: string, recipient: string) {
  return getDb().mailMessage.findMany({
    where: { municipalityId, recipient },
    orderBy: { createdAt: "desc" },
  });
}

export async function listOutbox(municipalityId: string, take = 200) {
  return getDb().mailMessage.findMany({ where: { municipalityId }, orderBy: { createdAt: "desc" }, take });
}

export async function mailCounts() {
  const rows = await getDb().mailMessage.groupBy({ by: ["status"], _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count])) as Record<string, number>;
}
