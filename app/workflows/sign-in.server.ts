import { redirect } from "@remix-run/node";
import { startSession } from "~/http/session.server.ts";
import { municipalitiesLetIn, recordSignIn } from "~/models/sign-in-state.server.ts";

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

/** Where a person whose every municipality is deactivated is sent instead of being signed in. */
export const DEACTIVATED_SIGN_IN_PATH = "/logga-in?avaktiverad=1";

/** Starts the session for a person whose identity the caller has verified. */
export async function completeSignIn(_request: Request, completion: SignInCompletion): Promise<Response> {
  // Members of deactivated municipalities only (no active one, not an operator) get no session.
  if (!(await municipalitiesLetIn(completion.userId))) return redirect(DEACTIVATED_SIGN_IN_PATH);
  await recordSignIn(completion.userId);
  return startSession(completion.userId, completion.redirectTo);
}
