import { municipalitiesAllowSignIn } from "~/domain/municipality.ts";
import { passwordSignInAllowed } from "~/domain/oidc.ts";
import { getDb } from "~/platform/db.server.ts";
import { recordAudit, signInAuditEntry } from "./audit.server.ts";

/** What decides whether and how a person's sign-in goes on, read in one query. */
export interface SignInState {
  /** False for a member of deactivated municipalities only (no active one, not an operator). */
  letIn: boolean;
  /** The short name of the municipality whose provider they must use, when password sign-in is off for them. */
  passwordBlockedBy: string | null;
  isOperator: boolean;
  twoStepEnabled: boolean;
}

export async function findSignInState(userId: string): Promise<SignInState | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: {
      isOperator: true,
      twoStep: { select: { enabledAt: true } },
      memberships: {
        select: {
          municipality: {
            select: { slug: true, deactivatedAt: true, oidcProvider: { select: { passwordSignInDisabled: true } } },
          },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!user) return null;
  const municipalities = user.memberships.map((m) => m.municipality);
  const passwordOff = municipalities.map((m) => m.oidcProvider?.passwordSignInDisabled === true);
  return {
    letIn: municipalitiesAllowSignIn(user.isOperator, municipalities.map((m) => ({ active: m.deactivatedAt === null }))),
    passwordBlockedBy: passwordSignInAllowed(user.isOperator, passwordOff) ? null : (municipalities[0]?.slug ?? null),
    isOperator: user.isOperator,
    twoStepEnabled: Boolean(user.twoStep?.enabledAt),
  };
}

/**
 * What a successful sign-in leaves behind, in one transaction: the audit row (`sign-in.succeeded`)
 * and the moment shown to operators as the member's last sign-in.
 */
export async function recordSuccessfulSignIn(entry: { userId: string; method: string; ip?: string | undefined }, now = new Date()) {
  await getDb().$transaction(async (tx) => {
    await recordAudit(signInAuditEntry({ userId: entry.userId, succeeded: true, method: entry.method, ip: entry.ip }), tx);
    await tx.user.update({ where: { id: entry.userId }, data: { lastSignInAt: now } });
  });
}

/** A sign-in refused after the person proved who they are (the reason says why: deactivated, password-off). */
export async function recordSignInRefusedFor(userId: string, reason: string, ip?: string | undefined) {
  await recordAudit(signInAuditEntry({ userId, succeeded: false, method: reason, ip }));
}
