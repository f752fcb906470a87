import { startSession } from "~/http/session.server.ts";

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
  ip?: string;
}

/** Starts the session for a person whose identity the caller has verified. */
export async function completeSignIn(_request: Request, completion: SignInCompletion): Promise<Response> {
  return startSession(completion.userId, completion.redirectTo);
}
