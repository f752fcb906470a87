import { redirect } from "@remix-run/node";
import { can, effectiveRole, type Permission, type Role } from "~/domain/access.ts";
import { findMunicipalityForUser, type MunicipalitySummary } from "~/models/municipality.server.ts";
import type { SessionUser } from "~/models/session.server.ts";
import { getSessionUser } from "./session.server.ts";

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

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/logga-in?${params}`);
  }
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
  const user = await requireUser(request);
  if (!slug) throw notFound();
  const found = await findMunicipalityForUser(slug, user.id);
  if (!found) throw user.isOperator ? notFound() : forbidden();
  // A deactivated municipality stays readable for operators only (its data is kept).
  if (!found.active && !user.isOperator) throw forbidden();
  const principal = { isOperator: user.isOperator, role: found.role };
  const role = effectiveRole(principal);
  if (!role || !can(principal, permission)) throw forbidden();
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
