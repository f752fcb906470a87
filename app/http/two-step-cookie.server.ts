import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { CHALLENGE_TTL_MS } from "~/domain/two-step.ts";
import { requireSessionSecret, secureCookies } from "~/platform/env.server.ts";

/**
 * The browser's half of a sign-in waiting for its second step: a random id in a signed,
 * httpOnly cookie sent only to the sign-in pages, alive as long as the challenge. The database
 * keeps only its SHA-256 hash.
 */
let cookie: ReturnType<typeof createCookie> | undefined;

function challengeCookie() {
  cookie ??= createCookie("__kompassplan_tvasteg", {
    httpOnly: true,
    sameSite: "lax",
    path: "/logga-in",
    secure: secureCookies(),
    secrets: [requireSessionSecret()],
    maxAge: CHALLENGE_TTL_MS / 1000,
  });
  return cookie;
}

export function challengeIdHash(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

export function newChallengeId(): string {
  return randomBytes(32).toString("base64url");
}

export async function readChallengeId(request: Request): Promise<string | null> {
  const value = await challengeCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 && value.length <= 100 ? value : null;
}

export function setChallengeCookie(id: string): Promise<string> {
  return challengeCookie().serialize(id);
}

export function clearChallengeCookie(): Promise<string> {
  return challengeCookie().serialize("", { maxAge: 0 });
}
