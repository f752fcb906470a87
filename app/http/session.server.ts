import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import {
  createSession,
  deleteSession,
  findSessionUser,
  SESSION_TTL_MS,
  sessionKey,
  type SessionUser,
} from "~/models/session.server.ts";
import { deviceLabel } from "~/domain/device-label.ts";
import { memoized } from "~/platform/request-memo.server.ts";
import { requireSessionSecret, secureCookies } from "~/platform/env.server.ts";

/**
 * Sessions live in PostgreSQL; the browser holds only a signed, random session id in an
 * httpOnly, SameSite=Lax cookie (Secure in production).
 */
let cookie: ReturnType<typeof createCookie> | undefined;

function sessionCookie() {
  cookie ??= createCookie("__kompassplan", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    secrets: [requireSessionSecret()],
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

async function readSessionId(request: Request): Promise<string | null> {
  // Read once per page request (the signature check is asked by the session and the municipality guard).
  return memoized("session-id", async () => {
    const value = await sessionCookie().parse(request.headers.get("Cookie"));
    return typeof value === "string" && value.length > 0 ? value : null;
  });
}

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const id = await readSessionId(request);
  return id ? memoized(`session-user:${id}`, () => findSessionUser(id, new Date(), deviceLabel(request.headers.get("User-Agent")))) : null;
}

/** The stored key of this request's session (for Mitt konto's "this session"), or null. */
export async function currentSessionKey(request: Request): Promise<string | null> {
  const id = await readSessionId(request);
  return id ? sessionKey(id) : null;
}

/** Clears the session cookie and goes on; the caller has already ended the session(s) in the database. */
export async function clearSessionCookie(redirectTo: string): Promise<Response> {
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}

export async function startSession(userId: string, redirectTo: string): Promise<Response> {
  const id = randomBytes(32).toString("base64url");
  await createSession(userId, id);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie().serialize(id) },
  });
}

export async function endSession(request: Request, redirectTo: string): Promise<Response> {
  const id = await readSessionId(request);
  if (id) await deleteSession(id);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}

/**
 * Only same-site paths are followed after sign-in. The value is checked as the browser will
 * read it: control characters (a tab or newline is dropped by URL parsing, turning "/\t/evil"
 * into "//evil") and backslashes (read as "/") are refused outright, then it must parse, against
 * a placeholder origin, to that same origin with a path starting with a single "/".
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || decoded.startsWith("//")) return fallback;
  const base = "http://x";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || !url.pathname.startsWith("/") || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
