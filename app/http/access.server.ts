import { redirect } from "@remix-run/node";
import { can, effectiveRole, type Permission, type Role } from "~/domain/access.ts";
import { mustSetUpTwoStep } from "~/domain/two-step.ts";
import { findMunicipalityForSession, type MunicipalitySummary } from "~/models/municipality.server.ts";
import { paths } from "~/paths.ts";
import type { SessionUser } from "~/models/session.server.ts";
import { memoized } from "~/platform/request-memo.server.ts";
import { currentSessionKey, getSessionUser } from "./session.server.ts";

/**
 * Server-side guards. Every loader and action calls one of these before touching data.
 * A request outside the user's rights is answered 403 (rendered in Swedish by the error
 * boundary), never with data.
 */

export interface MunicipalityContext {
  user: SessionUser;
  municipality: MunicipalitySummary;
  role: Role;
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** The signed-in person, whatever they still have to set up (only the two-step set-up page uses this alone). */
export async function requireSignedIn(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/logga-in?${params}`);
  }
  return user;
}

/** Sends the person to set up two-step sign-in first, then back to where they were going. */
function toTwoStepSetup(request: Request): Response {
  const url = new URL(request.url);
  return redirect(paths.twoStepSetup(`${url.pathname}${url.search}`));
}

/** The signed-in person; an operator without two-step sign-in is sent to set it up before anything else. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await requireSignedIn(request);
  if (mustSetUpTwoStep(user)) throw toTwoStepSetup(request);
  return user;
}

export async function requireOperator(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.isOperator) throw forbidden();
  return user;
}

export async function requireMunicipality(
  request: Request,
  slug: string | undefined,
  permission: Permission = "municipality:read",
): Promise<MunicipalityContext> {
  // Who is signed in and the municipality with their role are asked side by side (the second by
  // the session's key): one round trip instead of two in sequence on every municipality page.
  const key = await currentSessionKey(request);
  const [user, found] = await Promise.all([
    requireUser(request),
    slug && key ? memoized(`municipality:${slug}:${key}`, () => findMunicipalityForSession(slug, key)) : Promise.resolve(null),
  ]);
  if (!slug) throw notFound();
  if (!found) throw user.isOperator ? notFound() : forbidden();
  // A deactivated municipality stays readable for operators only (its data is kept).
  if (!found.active && !user.isOperator) throw forbidden();
  const principal = { isOperator: user.isOperator, role: found.role };
  const role = effectiveRole(principal);
  if (!role || !can(principal, permission)) throw forbidden();
  // A municipality that requires two-step sign-in is opened only by members who use it.
  if (!user.twoStepEnabled && found.twoStepRequired) throw toTwoStepSetup(request);
  return { user, municipality: found.municipality, role };
}

/**
 * For actions that receive uploads: reads and drops the request body before a refusal is sent,
 * so the client sees the 403 page instead of a connection reset mid-upload.
 */
export async function requireMunicipalityForUpload(
  request: Request,
  slug: string | undefined,
  permission: Permission,
): Promise<MunicipalityContext> {
  try {
    return await requireMunicipality(request, slug, permission);
  } catch (refusal) {
    await discardBody(request);
    throw refusal;
  }
}

/** Reads a request body to its end without keeping it, so the connection stays usable. */
export async function discardBody(request: Request): Promise<void> {
  if (!request.body || request.bodyUsed || request.body.locked) return;
  const reader = request.body.getReader();
  while (!(await reader.read()).done) {
    // discard
  }
}
