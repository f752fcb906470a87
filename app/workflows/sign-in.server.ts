import { startSession } from "~/http/session.server.ts";
import { recordSignIn } from "~/models/audit.server.ts";

/**
 * How a person proved who they are. Every way into Kompassplan ends in `completeSignIn`, so
 * what must hold for every sign-in (a second step, the audit log, a deactivated municipality)
 * is decided in one place.
 */
export type SignInMethod = "password" | "link" | "invitation" | "password-reset" | "oidc" | "setup";

export interface SignInCompletion {
  userId: string;
  method: SignInMethod;
  /** Where to go once signed in; already checked with safeRedirect or built from paths. */
  redirectTo: string;
  /** The client's address, when the route knows it (for the audit log). */
  ip?: string | undefined;
}

/** Starts the session for a person whose identity the caller has verified. */
export async function completeSignIn(_request: Request, completion: SignInCompletion): Promise<Response> {
  await recordSignIn({ userId: completion.userId, succeeded: true, method: completion.method, ip: completion.ip });
  return startSession(completion.userId, completion.redirectTo);
}

/**
 * Records a refused sign-in in the audit log (`sign-in.failed`): the account tried when the
 * address has one, otherwise the address's hash. `method` says how it was tried.
 */
export async function recordFailedSignIn(attempt: { email: string; method: SignInMethod; ip?: string | undefined }) {
  await recordSignIn({ userId: null, email: attempt.email, succeeded: false, method: attempt.method, ip: attempt.ip });
}
