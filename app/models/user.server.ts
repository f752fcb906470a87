import { createHash, randomBytes } from "node:crypto";
import type { Role } from "~/domain/access.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/platform/password.server.ts";
import { recordAudit } from "./audit.server.ts";
import { withdrawPendingReminders } from "./mail.server.ts";
import { paths } from "~/paths.ts";
import { DAY_MS } from "~/domain/dates.ts";

export const INVITATION_DAYS = 14;

export class MembershipError extends Error {
  constructor(
    public readonly code: "already-member" | "last-coordinator" | "self" | "not-member" | "owns-open-actions" | "new-owner-invalid",
    /** owns-open-actions: how many open actions still need a new owner; new-owner-invalid: the field refused. */
    public readonly detail?: { count?: number; field?: string },
  ) {
    super(code);
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Tokens are 32 random bytes in base64url; anything else is not looked up at all. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export async function verifyLogin(email: string, password: string) {
  const user = await getDb().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, passwordHash: true },
  });
  if (!user?.passwordHash) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(user.passwordHash, password)) ? { id: user.id } : null;
}

/** An account that can sign in (it has a password), by e-mail address. */
export async function findSignInUser(email: string) {
  const user = await getDb().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, name: true, email: true, passwordHash: true },
  });
  return user?.passwordHash ? { id: user.id, name: user.name, email: user.email } : null;
}

/** Where a user lands after signing in: their only municipality, or the list. */
export async function homePathFor(userId: string): Promise<string> {
  const memberships = await getDb().membership.findMany({
    // A deactivated municipality is no one's home.
    where: { userId, municipality: { deactivatedAt: null } },
    select: { municipality: { select: { slug: true } } },
    take: 2,
  });
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { isOperator: true } });
  if (memberships.length === 1 && !user?.isOperator) return paths.municipality(memberships[0]!.municipality.slug);
  return "/kommuner";
}

export async function listMembers(municipalityId: string) {
  // Read flat: the plan asks for it on every view, for its owner filter (ADR 0046).
  return readRows<Array<{ id: string; name: string; email: string; role: Role; managerId: string | null; activated: boolean }>>(Prisma.sql`
    SELECT u."id"::text AS "id", u."name", u."email", m."role"::text AS "role", m."managerId"::text AS "managerId",
           u."passwordHash" IS NOT NULL AS "activated"
    FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
    WHERE m."municipalityId" = ${municipalityId}::uuid
    ORDER BY u."name" ASC`);
}

export interface InviteInput {
  email: string;
  name: string;
  role: Role;
}

/**
 * What an invitation did. `invited`: the account is this municipality's alone and has no password,
 * so it got a link to choose one (`name` is null when the account was not named by this
 * municipality). `added`: the account exists elsewhere; it got access here and nothing else, and
 * the person is told by mail without a link that could set a password.
 */
export type Invited =
  | { kind: "invited"; userId: string; email: string; name: string | null; token: string; again: boolean }
  | { kind: "added"; userId: string; email: string; name: null; token: null };

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Gives a person access to the municipality. No municipality may issue a password link for, or
 * rename, an account that is a member anywhere else (also when that membership is still
 * pending): such an account is only added. A new person gets an account without a password and an
 * invitation token (returned once, stored only as a hash). An account never activated whose only
 * municipality is this one may be invited again: the new link replaces the old ones.
 */
export async function inviteMember(municipalityId: string, input: InviteInput, actorId: string): Promise<Invited> {
  const email = normaliseEmail(input.email);
  for (let attempt = 0; ; attempt++) {
    try {
      return await inviteOnce(municipalityId, { ...input, email }, actorId, attempt > 0);
    } catch (error) {
      // Two invitations of the same address at the same moment: the loser sees the winner's account on the next try.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function issueInvitation(tx: Prisma.TransactionClient, userId: string, municipalityId: string, actorId: string) {
  const token = randomBytes(32).toString("base64url");
  // One open link per account: a new one replaces any earlier one.
  await tx.invitation.deleteMany({ where: { userId, acceptedAt: null } });
  await tx.invitation.create({
    data: {
      tokenHash: tokenHash(token),
      userId,
      municipalityId,
      invitedById: actorId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * DAY_MS),
    },
  });
  return token;
}

/** `raced`: an identical invitation won a moment ago; it is not repeated as a re-invitation. */
async function inviteOnce(municipalityId: string, input: InviteInput, actorId: string, raced: boolean): Promise<Invited> {
  return getDb().$transaction((tx) => inviteInTransaction(tx, municipalityId, input, actorId, raced));
}

/**
 * inviteMember's work inside a transaction the caller holds (the plan import invites its owners
 * in the same transaction as it saves their actions), with the same protections: an account that
 * belongs to another municipality is only added, never given a link or renamed. `input.email`
 * must already be normalised.
 */
export async function inviteInTransaction(
  tx: Prisma.TransactionClient,
  municipalityId: string,
  input: InviteInput,
  actorId: string,
  raced = false,
): Promise<Invited> {
  const { email } = input;
  {
    const audit = (userId: string, event: string, role: string | null = input.role) =>
      recordAudit({ municipalityId, actorId, entityType: "User", entityId: userId, event, field: "role", newValue: role }, tx);
    // Everything about one address happens one municipality at a time: the account row is locked.
    const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "User" WHERE email = ${email} FOR UPDATE`;
    if (!locked) {
      const user = await tx.user.create({ data: { email, name: input.name.trim() }, select: { id: true, name: true } });
      await tx.membership.create({ data: { userId: user.id, municipalityId, role: input.role, createdAt: new Date() } });
      const token = await issueInvitation(tx, user.id, municipalityId, actorId);
      await audit(user.id, "membership.invited");
      return { kind: "invited", userId: user.id, email, name: user.name, token, again: false };
    }
    const user = await tx.user.findUniqueOrThrow({
      where: { id: locked.id },
      select: { id: true, name: true, passwordHash: true, isOperator: true, memberships: { select: { municipalityId: true } } },
    });
    const here = user.memberships.some((m) => m.municipalityId === municipalityId);
    const elsewhere = user.memberships.some((m) => m.municipalityId !== municipalityId);
    // Only an account nobody else has, never activated, may get a link from this municipality.
    const mayInvite = user.passwordHash === null && !user.isOperator && !elsewhere;
    if (here) {
      if (!mayInvite || raced) throw new MembershipError("already-member");
      // The role stays as it is (it is changed in the list).
      const token = await issueInvitation(tx, user.id, municipalityId, actorId);
      await audit(user.id, "membership.reinvited", null);
      return { kind: "invited", userId: user.id, email, name: user.name, token, again: true };
    }
    // The name stays as it is: this municipality does not own the account.
    await tx.membership.create({ data: { userId: user.id, municipalityId, role: input.role, createdAt: new Date() } });
    await audit(user.id, "membership.invited");
    if (mayInvite) {
      // An account left without any municipality, never activated: this one may invite it.
      const token = await issueInvitation(tx, user.id, municipalityId, actorId);
      return { kind: "invited", userId: user.id, email, name: null, token, again: false };
    }
    return { kind: "added", userId: user.id, email, name: null, token: null };
  }
}

async function assertKeepsCoordinator(tx: Prisma.TransactionClient, municipalityId: string, userId: string) {
  // The coordinators' memberships are locked, so two coordinators removing or demoting each other
  // at the same moment cannot both succeed.
  const coordinators = await tx.$queryRaw<Array<{ userId: string }>>`
    SELECT "userId" FROM "Membership"
     WHERE "municipalityId" = ${municipalityId}::uuid AND role = 'COORDINATOR'
     ORDER BY id FOR UPDATE`;
  if (!coordinators.some((c) => c.userId !== userId)) throw new MembershipError("last-coordinator");
}

export async function changeRole(municipalityId: string, userId: string, role: Role, actorId: string) {
  await getDb().$transaction((tx) => changeRoleIn(tx, municipalityId, userId, role, actorId));
}

/** Changes a member's role inside a transaction; whether it changed. */
async function changeRoleIn(tx: Prisma.TransactionClient, municipalityId: string, userId: string, role: Role, actorId: string) {
  const membership = await tx.membership.findUnique({
    where: { userId_municipalityId: { userId, municipalityId } },
  });
  if (!membership) throw new MembershipError("not-member");
  if (membership.role === role) return false;
  if (membership.role === "COORDINATOR") await assertKeepsCoordinator(tx, municipalityId, userId);
  await tx.membership.update({ where: { id: membership.id }, data: { role } });
  await recordAudit(
    {
      municipalityId,
      actorId,
      entityType: "User",
      entityId: userId,
      event: "membership.role-changed",
      field: "role",
      oldValue: membership.role,
      newValue: role,
    },
    tx,
  );
  return true;
}

const OPEN_STATUSES = ["NOT_STARTED", "IN_PROGRESS"] as const;

/** The actions a member owns that are not done or cancelled, earliest deadline first. */
export async function openActionsOwnedBy(municipalityId: string, userId: string) {
  return getDb().action.findMany({
    where: { municipalityId, ownerId: userId, status: { notIn: ["DONE", "CANCELLED"] } },
    select: { id: true, title: true, deadline: true, status: true },
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
  });
}

/**
 * Who takes over a removed member's open actions: one person for all (`all`), or one per action
 * (`perAction`, action id → user id), which wins over `all`. Both must be members of the same
 * municipality who may own actions (coordinators and owners), and not the person removed.
 */
export interface Handover {
  all?: string | null;
  perAction?: Record<string, string>;
}

/**
 * Removes a member from the municipality and, in the same transaction, hands each of their open
 * actions to its new owner (the action audit records the change of owner, as an edit does).
 * Refused while an open action would be left without a new owner, when a new owner is not a
 * member here who may own actions, for the last coordinator and for oneself. The person's
 * account, notes, evidence and audit rows stay, so the history keeps their name.
 * Returns the actions handed over, for the mail to their new owners.
 */
export async function removeMember(municipalityId: string, userId: string, actorId: string, handover: Handover = {}) {
  if (userId === actorId) throw new MembershipError("self");
  return getDb().$transaction(async (tx) => {
    const [membership] = await tx.$queryRaw<Array<{ id: string; role: Role }>>`
      SELECT id, role::text AS role FROM "Membership"
       WHERE "municipalityId" = ${municipalityId}::uuid AND "userId" = ${userId}::uuid FOR UPDATE`;
    if (!membership) throw new MembershipError("not-member");
    if (membership.role === "COORDINATOR") await assertKeepsCoordinator(tx, municipalityId, userId);
    // The open actions are locked: nobody edits their owner while they are handed over.
    const open = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Action"
       WHERE "municipalityId" = ${municipalityId}::uuid AND "ownerId" = ${userId}::uuid
         AND status::text IN (${OPEN_STATUSES[0]}, ${OPEN_STATUSES[1]})
       ORDER BY id FOR UPDATE`;
    const plan = open.map((a) => ({ actionId: a.id, ownerId: handover.perAction?.[a.id] || handover.all || null }));
    const missing = plan.filter((p) => !p.ownerId).length;
    if (missing > 0) throw new MembershipError("owns-open-actions", { count: open.length });
    const newOwners = [...new Set(plan.map((p) => p.ownerId!))];
    if (newOwners.length > 0) {
      // The new owners' memberships are locked so that a removal at the same moment cannot slip between.
      const allowed = await tx.$queryRaw<Array<{ userId: string }>>`
        SELECT "userId" FROM "Membership"
         WHERE "municipalityId" = ${municipalityId}::uuid AND "userId"::text IN (${Prisma.join(newOwners)})
           AND role <> 'VIEWER' AND "userId" <> ${userId}::uuid
         ORDER BY id FOR SHARE`;
      const ok = new Set(allowed.map((a) => a.userId));
      const refused = plan.find((p) => !ok.has(p.ownerId!));
      if (refused) {
        const field = handover.perAction?.[refused.actionId] ? `owner.${refused.actionId}` : "newOwnerId";
        throw new MembershipError("new-owner-invalid", { field });
      }
    }
    const people = await tx.user.findMany({ where: { id: { in: [userId, ...newOwners] } }, select: { id: true, name: true } });
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    for (const p of plan) {
      await tx.action.update({ where: { id: p.actionId }, data: { ownerId: p.ownerId, version: { increment: 1 } } });
      // Reminders scheduled for the previous owner are withdrawn.
      await withdrawPendingReminders(tx, p.actionId);
    }
    await recordAudit(
      plan.map((p) => ({
        municipalityId,
        actorId,
        entityType: "Action",
        entityId: p.actionId,
        event: "updated",
        field: "owner",
        oldValue: nameOf.get(userId) ?? null,
        newValue: nameOf.get(p.ownerId!) ?? null,
      })),
      tx,
    );
    await tx.membership.delete({ where: { id: membership.id } });
    await tx.invitation.deleteMany({ where: { userId, municipalityId, acceptedAt: null } });
    // Nobody here has a manager who is no longer a member.
    await tx.membership.updateMany({ where: { municipalityId, managerId: userId }, data: { managerId: null } });
    await recordAudit(
      {
        municipalityId,
        actorId,
        entityType: "User",
        entityId: userId,
        event: "membership.removed",
        field: "role",
        oldValue: membership.role,
      },
      tx,
    );
    return plan.map((p) => ({ actionId: p.actionId, ownerId: p.ownerId! }));
  });
}

/**
 * Whether an invitation may still set the account's password: the account has none, is no
 * operator, and the inviting municipality is its first (a link another municipality issued
 * for an account that already belonged elsewhere, as older versions did, sets nothing).
 */
async function invitationGrants(db: Prisma.TransactionClient, userId: string, municipalityId: string): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ ok: boolean }>>`
    SELECT (u."passwordHash" IS NULL AND NOT u."isOperator") AS ok
      FROM "User" u
      JOIN "Membership" own ON own."userId" = u.id AND own."municipalityId" = ${municipalityId}::uuid
     WHERE u.id = ${userId}::uuid
       AND NOT EXISTS (
         SELECT 1 FROM "Membership" other
          WHERE other."userId" = u.id AND other."municipalityId" <> own."municipalityId" AND other."createdAt" <= own."createdAt")`;
  return rows[0]?.ok === true;
}

export async function findOpenInvitation(token: string, now = new Date()) {
  if (!TOKEN_FORMAT.test(token)) return null;
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: {
      id: true,
      expiresAt: true,
      acceptedAt: true,
      municipalityId: true,
      user: { select: { id: true, name: true, email: true } },
      municipality: { select: { name: true, slug: true, deactivatedAt: true } },
    },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now) return null;
  // A deactivated municipality's invitations wait until it is reactivated.
  if (invitation.municipality.deactivatedAt) return null;
  if (!(await invitationGrants(getDb(), invitation.user.id, invitation.municipalityId))) return null;
  return invitation;
}

class InvitationRefused extends Error {}

/**
 * Accepts an invitation once, atomically: the link is claimed with a conditional update (so of
 * simultaneous acceptances exactly one wins), the password is set only on an account without
 * one, every other open link of the account is closed and its other sessions end, all in one
 * transaction. Returns null for a link that is unknown, used, expired or no longer valid.
 */
export async function acceptInvitation(token: string, password: string) {
  const open = await findOpenInvitation(token);
  if (!open) return null;
  const passwordHash = await hashPassword(password);
  try {
    return await getDb().$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<Array<{ userId: string; municipalityId: string }>>`
        UPDATE "Invitation" SET "acceptedAt" = now()
         WHERE "tokenHash" = ${tokenHash(token)} AND "acceptedAt" IS NULL AND "expiresAt" > now()
         RETURNING "userId", "municipalityId"`;
      const invitation = claimed[0];
      if (!invitation) throw new InvitationRefused();
      if (!(await invitationGrants(tx, invitation.userId, invitation.municipalityId))) throw new InvitationRefused();
      const set = await tx.$executeRaw`
        UPDATE "User" SET "passwordHash" = ${passwordHash} WHERE id = ${invitation.userId}::uuid AND "passwordHash" IS NULL`;
      if (set !== 1) throw new InvitationRefused();
      await tx.invitation.deleteMany({ where: { userId: invitation.userId, acceptedAt: null } });
      await tx.session.deleteMany({ where: { userId: invitation.userId } });
      return open;
    });
  } catch (error) {
    if (error instanceof InvitationRefused) return null;
    throw error;
  }
}

export async function createUserWithPassword(data: {
  email: string;
  name: string;
  password: string;
  isOperator?: boolean;
}) {
  return getDb().user.create({
    data: {
      email: normaliseEmail(data.email),
      name: data.name,
      passwordHash: await hashPassword(data.password),
      isOperator: data.isOperator ?? false,
    },
    select: { id: true, email: true, name: true },
  });
}

export async function addMembership(municipalityId: string, userId: string, role: Role) {
  return getDb().membership.create({ data: { municipalityId, userId, role } });
}

/**
 * A person's manager in this municipality (second escalation level), kept on the membership so
 * that no other municipality can change it; both must be members here.
 */
export async function setManager(municipalityId: string, userId: string, managerId: string | null) {
  if (managerId === userId) return false;
  return getDb().$transaction(async (tx) => {
    if (!(await managerIsMember(tx, municipalityId, managerId))) return false;
    const updated = await tx.membership.updateMany({ where: { municipalityId, userId }, data: { managerId } });
    return updated.count === 1;
  });
}

async function managerIsMember(tx: Prisma.TransactionClient, municipalityId: string, managerId: string | null) {
  if (!managerId) return true;
  // The manager's membership is locked so that a removal at the same moment cannot slip between.
  const manager = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Membership" WHERE "municipalityId" = ${municipalityId}::uuid AND "userId" = ${managerId}::uuid FOR SHARE`;
  return manager.length > 0;
}

/**
 * A member row's one save: role and manager together, both or neither (a manager who is not a
 * member, or the member themself, refuses the whole save: null). What changed otherwise.
 */
export async function updateMember(municipalityId: string, userId: string, input: { role: Role; managerId: string | null }, actorId: string) {
  if (input.managerId === userId) return null;
  return getDb().$transaction(async (tx) => {
    if (!(await managerIsMember(tx, municipalityId, input.managerId))) return null;
    const before = await tx.membership.findUnique({ where: { userId_municipalityId: { userId, municipalityId } }, select: { managerId: true } });
    if (!before) throw new MembershipError("not-member");
    const roleChanged = await changeRoleIn(tx, municipalityId, userId, input.role, actorId);
    await tx.membership.updateMany({ where: { municipalityId, userId }, data: { managerId: input.managerId } });
    return { roleChanged, managerChanged: before.managerId !== input.managerId };
  });
}
