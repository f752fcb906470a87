import { createHash, randomBytes } from "node:crypto";
import type { Role } from "~/domain/access.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/services/db.server.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/services/password.server.ts";
import { recordAudit } from "./audit.server.ts";
import { deleteUserSessions } from "./session.server.ts";

export const INVITATION_DAYS = 14;

export class MembershipError extends Error {
  constructor(public readonly code: "already-member" | "last-coordinator" | "self" | "not-member") {
    super(code);
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function verifyLogin(email: string, password: string) {
  const user = await getDb().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, passwordHash: true },
  });
  if (!user?.passwordHash) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(user.passwordHash, password)) ? { id: user.id } : null;
}

/** Where a user lands after signing in: their only municipality, or the list. */
export async function homePathFor(userId: string): Promise<string> {
  const memberships = await getDb().membership.findMany({
    where: { userId },
    select: { municipality: { select: { slug: true } } },
    take: 2,
  });
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { isOperator: true } });
  if (memberships.length === 1 && !user?.isOperator) return `/k/${memberships[0]!.municipality.slug}`;
  return "/kommuner";
}

export async function listMembers(municipalityId: string) {
  const rows = await getDb().membership.findMany({
    where: { municipalityId },
    select: {
      role: true,
      managerId: true,
      user: { select: { id: true, name: true, email: true, passwordHash: true } },
    },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map(({ role, managerId, user }) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    role,
    managerId,
    activated: user.passwordHash !== null,
  }));
}

export interface InviteInput {
  email: string;
  name: string;
  role: Role;
}

/**
 * Gives a person access to the municipality. A new person gets an account without a password
 * and an invitation token (returned once, stored only as a hash) to choose one.
 */
export async function inviteMember(municipalityId: string, input: InviteInput, actorId: string) {
  const email = normaliseEmail(input.email);
  const token = randomBytes(32).toString("base64url");
  return getDb().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email },
      select: { id: true, name: true, passwordHash: true, memberships: { where: { municipalityId } } },
    });
    if (existing && existing.memberships.length > 0) throw new MembershipError("already-member");
    const user =
      existing ??
      (await tx.user.create({ data: { email, name: input.name.trim() }, select: { id: true, name: true, passwordHash: true } }));
    await tx.membership.create({ data: { userId: user.id, municipalityId, role: input.role } });
    const needsPassword = user.passwordHash === null;
    if (needsPassword) {
      await tx.invitation.create({
        data: {
          tokenHash: tokenHash(token),
          userId: user.id,
          municipalityId,
          invitedById: actorId,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
        },
      });
    }
    await recordAudit(
      {
        municipalityId,
        actorId,
        entityType: "Membership",
        entityId: user.id,
        event: "invited",
        field: "role",
        newValue: input.role,
      },
      tx,
    );
    return { userId: user.id, name: user.name, email, token: needsPassword ? token : null };
  });
}

async function assertKeepsCoordinator(tx: Prisma.TransactionClient, municipalityId: string, userId: string) {
  const others = await tx.membership.count({
    where: { municipalityId, role: "COORDINATOR", userId: { not: userId } },
  });
  if (others === 0) throw new MembershipError("last-coordinator");
}

export async function changeRole(municipalityId: string, userId: string, role: Role, actorId: string) {
  await getDb().$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_municipalityId: { userId, municipalityId } },
    });
    if (!membership) throw new MembershipError("not-member");
    if (membership.role === role) return;
    if (membership.role === "COORDINATOR") await assertKeepsCoordinator(tx, municipalityId, userId);
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await recordAudit(
      {
        municipalityId,
        actorId,
        entityType: "Membership",
        entityId: userId,
        event: "role-changed",
        field: "role",
        oldValue: membership.role,
        newValue: role,
      },
      tx,
    );
  });
}

export async function removeMember(municipalityId: string, userId: string, actorId: string) {
  if (userId === actorId) throw new MembershipError("self");
  await getDb().$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_municipalityId: { userId, municipalityId } },
    });
    if (!membership) throw new MembershipError("not-member");
    if (membership.role === "COORDINATOR") await assertKeepsCoordinator(tx, municipalityId, userId);
    await tx.membership.delete({ where: { id: membership.id } });
    await tx.invitation.deleteMany({ where: { userId, municipalityId, acceptedAt: null } });
    // Nobody here has a manager who is no longer a member.
    await tx.membership.updateMany({ where: { municipalityId, managerId: userId }, data: { managerId: null } });
    await recordAudit(
      {
        municipalityId,
        actorId,
        entityType: "Membership",
        entityId: userId,
        event: "removed",
        field: "role",
        oldValue: membership.role,
      },
      tx,
    );
  });
}

export async function findOpenInvitation(token: string, now = new Date()) {
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: {
      id: true,
      expiresAt: true,
      acceptedAt: true,
      user: { select: { id: true, name: true, email: true } },
      municipality: { select: { name: true, slug: true } },
    },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now) return null;
  return invitation;
}

export async function acceptInvitation(token: string, password: string) {
  const invitation = await findOpenInvitation(token);
  if (!invitation) return null;
  const passwordHash = await hashPassword(password);
  await getDb().$transaction([
    getDb().user.update({ where: { id: invitation.user.id }, data: { passwordHash } }),
    getDb().invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } }),
  ]);
  await deleteUserSessions(invitation.user.id);
  return invitation;
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
