import { redirect } from "@remix-run/node";
import { startSession } from "~/http/session.server.ts";
import { passwordSignInBlockedBy } from "~/models/oidc-provider.server.ts";
import { paths } from "~/paths.ts";

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
  // Where every municipality of the person switched password sign-in off, only their provider lets them in.
  if (completion.method !== "oidc" && completion.method !== "setup") {
    const slug = await passwordSignInBlockedBy(completion.userId);
    if (slug) return redirect(paths.signInFailed(slug, "password-off"));
  }
  return startSession(completion.userId, completion.redirectTo);
}
