import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";
import {
  erasureRefusal,
  isPlaceholderEmail,
  placeholderEmail,
  pseudonymName,
  redactSecrets,
  replaceOwnerName,
  type ErasureActor,
  type ErasureRefusal,
  type ErasureTarget,
} from "~/domain/personal-data.ts";
import { recordAudit } from "./audit.server.ts";

/**
 * A person's data for the register extract (GDPR art. 15) and their erasure by pseudonymisation
 * (art. 17). `scope` is one municipality (what its coordinator may see: nothing of another
 * municipality, also for a person who belongs to several) or `"all"` (the person themselves and
 * operators). See ADR 0032.
 */
export type PersonalDataScope = { municipalityId: string } | "all";

const OPEN: Array<"NOT_STARTED" | "IN_PROGRESS"> = ["NOT_STARTED", "IN_PROGRESS"];

/** A member of the municipality (or, unscoped, any account), with the name the pages show. */
export async function findPerson(userId: string, scope: PersonalDataScope) {
  const user = await getDb().user.findFirst({
    where: { id: userId, ...(scope === "all" ? {} : { memberships: { some: { municipalityId: scope.municipalityId } } }) },
    select: { id: true, name: true, email: true, isOperator: true },
  });
  return user ? { ...user, erased: isPlaceholderEmail(user.email) } : null;
}

/** `redacted` replaces the secret part of a mailed link (the caller gives it in the reader's language). */
export async function collectPersonalData(userId: string, scope: PersonalDataScope, now: Date, redacted: string) {
  const db = getDb();
  const inScope = scope === "all" ? {} : { municipalityId: scope.municipalityId };
  const actionInScope = scope === "all" ? {} : { action: { municipalityId: scope.municipalityId } };
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, isOperator: true, digestPreference: true, createdAt: true, calendarToken: true, passwordHash: true },
  });
  if (!user) return null;
  const [memberships, invitations, actions, notes, evidence, mails, audit, sessions, signIns] = await Promise.all([
    db.membership.findMany({
      where: { userId, ...inScope },
      orderBy: { createdAt: "asc" },
      select: {
        role: true,
        createdAt: true,
        municipality: { select: { name: true, slug: true } },
        manager: { select: { name: true } },
      },
    }),
    db.invitation.findMany({
      where: { userId, ...inScope },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, expiresAt: true, acceptedAt: true, municipality: { select: { name: true } }, invitedBy: { select: { name: true } } },
    }),
    db.action.findMany({
      where: { ownerId: userId, ...inScope },
      orderBy: [{ deadline: "asc" }, { title: "asc" }],
      select: {
        id: true,
        title: true,
        description: true,
        status: true,
        priority: true,
        deadline: true,
        completedAt: true,
        cancelReason: true,
        createdAt: true,
        updatedAt: true,
        municipality: { select: { name: true } },
      },
    }),
    db.progressNote.findMany({
      where: { authorId: userId, ...actionInScope },
      orderBy: { createdAt: "asc" },
      select: { id: true, body: true, createdAt: true, action: { select: { id: true, title: true, municipality: { select: { name: true } } } } },
    }),
    db.evidence.findMany({
      where: { addedById: userId, ...actionInScope },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        kind: true,
        title: true,
        url: true,
        fileName: true,
        mimeType: true,
        sizeBytes: true,
        evidenceDate: true,
        createdAt: true,
        action: { select: { id: true, title: true, municipality: { select: { name: true } } } },
      },
    }),
    // Mail is addressed, not linked to the account: what went to the person's address.
    db.mailMessage.findMany({
      where: { recipient: user.email, ...inScope },
      orderBy: { createdAt: "asc" },
      select: { id: true, subject: true, text: true, status: true, kind: true, createdAt: true, sentAt: true, municipalityId: true },
    }),
    db.auditEvent.findMany({
      where: {
        ...inScope,
        OR: [{ actorId: userId }, { entityId: userId, entityType: { in: ["User", "Membership"] } }],
      },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, event: true, entityType: true, entityId: true, field: true, oldValue: true, newValue: true, reason: true, actorId: true, municipality: { select: { name: true } } },
    }),
    scope === "all"
      ? db.session.findMany({ where: { userId, expiresAt: { gt: now } }, orderBy: { createdAt: "asc" }, select: { createdAt: true, expiresAt: true } })
      : Promise.resolve(null),
    scope === "all"
      ? db.signInAttempt.findMany({ where: { email: user.email }, orderBy: { createdAt: "asc" }, select: { createdAt: true, ip: true, succeeded: true } })
      : Promise.resolve(null),
  ]);
  const municipalityNames = new Map<string, string>();
  if (mails.length > 0) {
    const ids = [...new Set(mails.map((m) => m.municipalityId).filter((id): id is string => id !== null))];
    for (const m of await db.municipality.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })) municipalityNames.set(m.id, m.name);
  }
  const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  const time = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    createdAt: now.toISOString(),
    scope: scope === "all" ? "all" : memberships[0]?.municipality.name ?? null,
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      operator: user.isOperator,
      digestPreference: user.digestPreference,
      createdAt: time(user.createdAt),
      // Whether a password or a calendar feed exists; never the secrets themselves.
      hasPassword: user.passwordHash !== null,
      hasCalendarFeed: user.calendarToken !== null,
    },
    memberships: memberships.map((m) => ({
      municipality: m.municipality.name,
      slug: m.municipality.slug,
      role: m.role,
      manager: m.manager?.name ?? null,
      since: time(m.createdAt),
    })),
    invitations: invitations.map((i) => ({
      municipality: i.municipality.name,
      invitedBy: i.invitedBy?.name ?? null,
      createdAt: time(i.createdAt),
      expiresAt: time(i.expiresAt),
      acceptedAt: time(i.acceptedAt),
    })),
    actions: actions.map((a) => ({
      id: a.id,
      municipality: a.municipality.name,
      title: a.title,
      description: a.description,
      status: a.status,
      priority: a.priority,
      deadline: date(a.deadline),
      completedAt: time(a.completedAt),
      cancelReason: a.cancelReason,
      createdAt: time(a.createdAt),
      updatedAt: time(a.updatedAt),
    })),
    notes: notes.map((n) => ({
      id: n.id,
      municipality: n.action.municipality.name,
      actionId: n.action.id,
      action: n.action.title,
      body: n.body,
      createdAt: time(n.createdAt),
    })),
    // The list of what the person added; the files themselves are not part of the extract.
    evidence: evidence.map((e) => ({
      id: e.id,
      municipality: e.action.municipality.name,
      actionId: e.action.id,
      action: e.action.title,
      kind: e.kind,
      title: e.title,
      url: e.url,
      fileName: e.fileName,
      mimeType: e.mimeType,
      sizeBytes: e.sizeBytes,
      evidenceDate: date(e.evidenceDate),
      createdAt: time(e.createdAt),
    })),
    mails: mails.map((m) => ({
      id: m.id,
      municipality: m.municipalityId ? municipalityNames.get(m.municipalityId) ?? null : null,
      kind: m.kind,
      subject: m.subject,
      text: redactSecrets(m.text, redacted),
      status: m.status,
      createdAt: time(m.createdAt),
      sentAt: time(m.sentAt),
    })),
    auditEvents: audit.map((a) => ({
      createdAt: time(a.createdAt),
      municipality: a.municipality?.name ?? null,
      event: a.event,
      byThisPerson: a.actorId === userId,
      entityType: a.entityType,
      entityId: a.entityId,
      field: a.field,
      oldValue: a.oldValue,
      newValue: a.newValue,
      reason: a.reason,
    })),
    ...(sessions ? { activeSessions: sessions.map((s) => ({ createdAt: time(s.createdAt), expiresAt: time(s.expiresAt) })) } : {}),
    ...(signIns ? { signInAttempts: signIns.map((s) => ({ createdAt: time(s.createdAt), ip: s.ip, succeeded: s.succeeded })) } : {}),
  };
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof collectPersonalData>>>;

async function loadTarget(db: Prisma.TransactionClient, userId: string): Promise<(ErasureTarget & { name: string; email: string }) | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, isOperator: true, memberships: { select: { municipalityId: true } } },
  });
  if (!user) return null;
  const openActions = await db.action.count({ where: { ownerId: userId, status: { in: OPEN } } });
  const coordinating = await db.membership.findMany({ where: { userId, role: "COORDINATOR" }, select: { municipalityId: true } });
  const others = coordinating.length
    ? await db.membership.groupBy({
        by: ["municipalityId"],
        where: { municipalityId: { in: coordinating.map((m) => m.municipalityId) }, role: "COORDINATOR", userId: { not: userId } },
      })
    : [];
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    isOperator: user.isOperator,
    municipalityIds: user.memberships.map((m) => m.municipalityId),
    openActions,
    lastCoordinator: others.length < coordinating.length,
    erased: isPlaceholderEmail(user.email),
  };
}

/** What the confirmation page tells: who, how much of the plan keeps the pseudonym, and any refusal. */
export async function erasurePreview(actor: ErasureActor, userId: string, municipalityId: string | null) {
  const db = getDb();
  const target = await loadTarget(db, userId);
  if (!target) return null;
  const [actions, notes, evidence, mails] = await Promise.all([
    db.action.count({ where: { ownerId: userId } }),
    db.progressNote.count({ where: { authorId: userId } }),
    db.evidence.count({ where: { addedById: userId } }),
    db.mailMessage.count({ where: { recipient: target.email } }),
  ]);
  return {
    name: target.name,
    email: target.email,
    memberships: target.municipalityIds.length,
    openActions: target.openActions,
    kept: { actions, notes, evidence, mails },
    refusal: erasureRefusal(actor, target, municipalityId),
  };
}

/**
 * A person erased while a member of this municipality (or, for `null`, anywhere): what the
 * page shows after the erasure, when the person is no longer a member.
 */
export async function findErased(userId: string, municipalityId: string | null) {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
  if (!user || !isPlaceholderEmail(user.email)) return null;
  const event = await getDb().auditEvent.findFirst({
    where: { entityType: "User", entityId: userId, event: "user.erased", ...(municipalityId ? { municipalityId } : {}) },
    select: { id: true },
  });
  return event ? { name: user.name } : null;
}

export type ErasureOutcome = { ok: true; pseudonym: string } | { ok: false; refusal: ErasureRefusal; openActions: number } | null;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/**
 * Pseudonymises a person in one transaction, after checking again (with the account locked)
 * that the actor may: the name becomes `pseudonymLabel <short id>`, the address a unique one
 * that cannot receive mail; the password, calendar feed, sessions, sign-in links, invitations,
 * memberships and sign-in attempts go; mail to the person keeps that it was sent but loses its
 * address and text. Actions, notes, evidence and the audit trail stay and show the pseudonym;
 * where history copied the name as text (owner changes in the audit trail, owners in saved
 * reports, mail to others) it is replaced in the municipalities the person belonged to.
 */
export async function erasePerson(
  actor: ErasureActor,
  userId: string,
  municipalityId: string | null,
  pseudonymLabel: string,
): Promise<ErasureOutcome> {
  return getDb().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    if (locked.length === 0) return null;
    const target = await loadTarget(tx, userId);
    if (!target) return null;
    const refusal = erasureRefusal(actor, target, municipalityId);
    if (refusal) return { ok: false, refusal, openActions: target.openActions };

    const pseudonym = pseudonymName(userId, pseudonymLabel);
    const owned = await tx.action.findMany({ where: { ownerId: userId }, select: { municipalityId: true }, distinct: ["municipalityId"] });
    const municipalities = [...new Set([...target.municipalityIds, ...owned.map((a) => a.municipalityId)])];

    await tx.user.update({
      where: { id: userId },
      data: { name: pseudonym, email: placeholderEmail(userId), passwordHash: null, calendarToken: null, calendarTokenSealed: null, isOperator: false, digestPreference: "SINGLE" },
    });
    await tx.session.deleteMany({ where: { userId } });
    await tx.signInLink.deleteMany({ where: { userId } });
    await tx.invitation.deleteMany({ where: { userId } });
    await tx.formSubmission.deleteMany({ where: { userId } });
    await tx.membership.updateMany({ where: { managerId: userId }, data: { managerId: null } });
    await tx.membership.deleteMany({ where: { userId } });
    await tx.signInAttempt.deleteMany({ where: { email: target.email } });
    // Forgotten-password links and requests, and the second step: secrets, recovery codes, waiting sign-ins.
    await tx.passwordReset.deleteMany({ where: { userId } });
    await tx.passwordResetRequest.deleteMany({ where: { email: target.email } });
    await tx.twoStepSecret.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.signInChallenge.deleteMany({ where: { userId } });
    // That a mail was sent stays; to whom and what it said goes. Unsent mail is withdrawn.
    await tx.mailMessage.updateMany({ where: { recipient: target.email, status: "PENDING" }, data: { status: "CANCELLED" } });
    await tx.mailMessage.updateMany({ where: { recipient: target.email }, data: { recipient: "", text: "", html: "" } });

    if (municipalities.length > 0 && target.name.trim().length > 0) {
      const name = target.name;
      await tx.auditEvent.updateMany({ where: { municipalityId: { in: municipalities }, entityType: "Action", field: "owner", oldValue: name }, data: { oldValue: pseudonym } });
      await tx.auditEvent.updateMany({ where: { municipalityId: { in: municipalities }, entityType: "Action", field: "owner", newValue: name }, data: { newValue: pseudonym } });
      await tx.$executeRaw`
        UPDATE "MailMessage"
           SET subject = replace(subject, ${name}, ${pseudonym}),
               text = replace(text, ${name}, ${pseudonym}),
               html = replace(html, ${escapeHtml(name)}, ${pseudonym})
         WHERE "municipalityId" = ANY(${municipalities}::uuid[])
           AND (strpos(subject, ${name}) > 0 OR strpos(text, ${name}) > 0 OR strpos(html, ${escapeHtml(name)}) > 0)`;
      const reports = await tx.followUpReport.findMany({ where: { municipalityId: { in: municipalities } }, select: { id: true, snapshot: true } });
      for (const report of reports) {
        const next = replaceOwnerName(report.snapshot, name, pseudonym);
        if (next !== report.snapshot) await tx.followUpReport.update({ where: { id: report.id }, data: { snapshot: next as Prisma.InputJsonValue } });
      }
    }

    // One event per municipality the person belonged to, so each one's audit log shows it.
    const auditIn: Array<string | null> = target.municipalityIds.length > 0 ? [...target.municipalityIds] : [municipalityId];
    await recordAudit(
      auditIn.map((id) => ({
        municipalityId: id,
        actorId: actor.id,
        entityType: "User",
        entityId: userId,
        event: "user.erased",
        newValue: pseudonym,
      })),
      tx,
    );
    return { ok: true, pseudonym };
  });
}
