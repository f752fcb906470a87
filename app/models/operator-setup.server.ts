import { createHash } from "node:crypto";
import { setupLinkState } from "~/domain/setup-link.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/platform/db.server.ts";
import { normaliseEmail } from "./user.server.ts";

/**
 * Operator set-up links (first start and `npm run operator`). Only the SHA-256 of a token is
 * stored; a link is claimed with one conditional UPDATE, so it works once. Everything that
 * creates or changes an operator holds the same advisory lock, so "no operator yet" is decided
 * one at a time.
 */

const LOCK = 8110;
/** Tokens are 32 random bytes in base64url; anything else is not looked up at all. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

type Tx = Prisma.TransactionClient;
const lock = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK}, 0)`;

export async function operatorExists(db: Tx = getDb()): Promise<boolean> {
  return (await db.user.count({ where: { isOperator: true } })) > 0;
}

/**
 * Stores the first-start link (its hash) while no operator exists; earlier unused first-start
 * links stop working, so only the link printed last is valid. Returns false once an operator exists.
 */
export async function storeFirstStartLink(token: string, expiresAt: Date, now: Date): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    await lock(tx);
    if (await operatorExists(tx)) return false;
    await tx.operatorSetupLink.deleteMany({ where: { userId: null, usedAt: null } });
    await tx.operatorSetupLink.create({ data: { tokenHash: hashOf(token), expiresAt, createdAt: now } });
    return true;
  });
}

/**
 * Makes the account with this address an operator (creating it, without a password, when there
 * is none) and stores a link for it to choose a password; the account's earlier unused links
 * stop working. Returns whether the account is new.
 */
export async function storeOperatorLink(email: string, token: string, expiresAt: Date, now: Date) {
  const address = normaliseEmail(email);
  return getDb().$transaction(async (tx) => {
    await lock(tx);
    const existing = await tx.user.findUnique({ where: { email: address }, select: { id: true, name: true } });
    const user =
      existing ??
      (await tx.user.create({ data: { email: address, name: address.split("@")[0] ?? address, isOperator: true }, select: { id: true, name: true } }));
    if (existing) await tx.user.update({ where: { id: existing.id }, data: { isOperator: true } });
    await tx.operatorSetupLink.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.operatorSetupLink.create({ data: { tokenHash: hashOf(token), userId: user.id, expiresAt, createdAt: now } });
    return { userId: user.id, created: !existing };
  });
}

export type OpenSetupLink =
  | { kind: "first-start" }
  | { kind: "operator"; user: { name: string; email: string } };

export type SetupLinkLookup = { ok: true; link: OpenSetupLink } | { ok: false; reason: "invalid" | "operator-exists" };

/** What a link allows now: unknown, used and expired links are "invalid"; a first-start link is refused once an operator exists. */
export async function findSetupLink(token: string, now = new Date()): Promise<SetupLinkLookup> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: "invalid" };
  const link = await getDb().operatorSetupLink.findUnique({
    where: { tokenHash: hashOf(token) },
    select: { expiresAt: true, usedAt: true, user: { select: { name: true, email: true } } },
  });
  if (!link || setupLinkState(link, now) !== "open") return { ok: false, reason: "invalid" };
  if (link.user) return { ok: true, link: { kind: "operator", user: link.user } };
  if (await operatorExists()) return { ok: false, reason: "operator-exists" };
  return { ok: true, link: { kind: "first-start" } };
}

export class SetupRefused extends Error {
  constructor(public readonly reason: "invalid" | "operator-exists" | "email-taken") {
    super(reason);
  }
}

/**
 * Uses a link once: claims it, then creates the first operator (first-start link: name and
 * e-mail as entered; refused when an operator exists or the address has an account) or sets the
 * invited operator's name and password (ending their other sessions and links). All in one
 * transaction: a refusal leaves the link unused. Returns the operator's id.
 */
export async function redeemSetupLink(token: string, input: { name: string; email: string | null; passwordHash: string }, now = new Date()): Promise<string> {
  if (!TOKEN_FORMAT.test(token)) throw new SetupRefused("invalid");
  return getDb().$transaction(async (tx) => {
    await lock(tx);
    const claimed = await tx.$queryRaw<Array<{ userId: string | null }>>`
      UPDATE "OperatorSetupLink" SET "usedAt" = ${now}
       WHERE "tokenHash" = ${hashOf(token)} AND "usedAt" IS NULL AND "expiresAt" > ${now}
       RETURNING "userId"`;
    const link = claimed[0];
    if (!link) throw new SetupRefused("invalid");
    if (link.userId) {
      await tx.user.update({ where: { id: link.userId }, data: { name: input.name, passwordHash: input.passwordHash, isOperator: true } });
      await tx.operatorSetupLink.deleteMany({ where: { userId: link.userId, usedAt: null } });
      await tx.session.deleteMany({ where: { userId: link.userId } });
      return link.userId;
    }
    if (await operatorExists(tx)) throw new SetupRefused("operator-exists");
    const email = normaliseEmail(input.email ?? "");
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new SetupRefused("email-taken");
    const user = await tx.user.create({
      data: { email, name: input.name, passwordHash: input.passwordHash, isOperator: true },
      select: { id: true },
    });
    await tx.operatorSetupLink.deleteMany({ where: { userId: null, usedAt: null } });
    return user.id;
  });
}
