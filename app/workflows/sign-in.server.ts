import { redirect } from "@remix-run/node";
import { mustSetUpTwoStep, needsSecondStep } from "~/domain/two-step.ts";
import { startSession } from "~/http/session.server.ts";
import { paths } from "~/paths.ts";
import { startSecondStep, withChallengeCookieCleared } from "./two-step.server.ts";
import { recordRefusedSignIn } from "~/models/audit.server.ts";
import { findSignInState, recordSignInRefusedFor, recordSuccessfulSignIn } from "~/models/sign-in-state.server.ts";

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
  /** Set by the code page only: the second step was passed with an authenticator or a recovery code. */
  secondStep?: "totp" | "recovery";
}

/** Where a person whose every municipality is deactivated is sent instead of being signed in. */
export const DEACTIVATED_SIGN_IN_PATH = "/logga-in?avaktiverad=1";

/** Starts the session for a person whose identity the caller has verified. */
export async function completeSignIn(_request: Request, completion: SignInCompletion): Promise<Response> {
  const state = await findSignInState(completion.userId);
  // Members of deactivated municipalities only (no active one, not an operator) get no session.
  if (!state?.letIn) {
    if (state) await recordSignInRefusedFor(completion.userId, "deactivated", completion.ip);
    return redirect(DEACTIVATED_SIGN_IN_PATH);
  }
  // Where every municipality of the person switched password sign-in off, only their provider lets them in.
  if (completion.method !== "oidc" && completion.method !== "setup" && state.passwordBlockedBy) {
    await recordSignInRefusedFor(completion.userId, "password-off", completion.ip);
    return redirect(paths.signInFailed(state.passwordBlockedBy, "password-off"));
  }
  // Two-step sign-in: a password, a mailed link or a password reset is only the first step when
  // the person has it on (the identity provider does its own second step for OIDC).
  if (!completion.secondStep && needsSecondStep(completion.method, state.twoStepEnabled)) {
    return startSecondStep(completion);
  }
  // An operator without it goes to set it up first (the guards refuse every other page anyway).
  const redirectTo = mustSetUpTwoStep({ isOperator: state.isOperator, twoStepEnabled: state.twoStepEnabled })
    ? paths.twoStepSetup(completion.redirectTo)
    : completion.redirectTo;
  // Recorded where the session starts: after the second step, not before the code is checked.
  await recordSuccessfulSignIn({ userId: completion.userId, method: completion.method, ip: completion.ip });
  const response = await startSession(completion.userId, redirectTo);
  return completion.secondStep ? withChallengeCookieCleared(response) : response;
}

/**
 * Records a refused sign-in in the audit log (`sign-in.failed`): the account tried when the
 * address has one, otherwise the address's hash. `method` says how it was tried.
 */
export async function recordFailedSignIn(attempt: { email: string; method: SignInMethod; ip?: string | undefined }) {
  await recordRefusedSignIn(attempt);
}
