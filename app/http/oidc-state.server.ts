import { createCookie } from "@remix-run/node";
import { requireSessionSecret, secureCookies } from "~/platform/env.server.ts";

/**
 * What one sign-in through a municipality's provider must remember between leaving for the
 * provider and coming back: state, nonce and PKCE verifier, in a signed, httpOnly cookie that
 * lives ten minutes, is sent only to the provider's return address and is cleared on return.
 */
export interface OidcPending {
  slug: string;
  state: string;
  nonce: string;
  verifier: string;
  redirectTo: string;
}

export const OIDC_STATE_SECONDS = 600;

let cookie: ReturnType<typeof createCookie> | undefined;

function stateCookie() {
  cookie ??= createCookie("__kompassplan_oidc", {
    httpOnly: true,
    // Lax: the provider sends the browser back with a top-level GET.
    sameSite: "lax",
    path: "/logga-in/oidc",
    secure: secureCookies(),
    secrets: [requireSessionSecret()],
    maxAge: OIDC_STATE_SECONDS,
  });
  return cookie;
}

export async function serializeOidcPending(pending: OidcPending): Promise<string> {
  return stateCookie().serialize(pending);
}

export async function clearOidcPending(): Promise<string> {
  return stateCookie().serialize("", { maxAge: 0 });
}

export async function readOidcPending(request: Request): Promise<OidcPending | null> {
  const value: unknown = await stateCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const fields = ["slug", "state", "nonce", "verifier", "redirectTo"] as const;
  if (!fields.every((f) => typeof v[f] === "string")) return null;
  return { slug: v.slug as string, state: v.state as string, nonce: v.nonce as string, verifier: v.verifier as string, redirectTo: v.redirectTo as string };
}
