import { timingSafeEqual } from "node:crypto";
import { redirect } from "@remix-run/node";
import * as oidc from "openid-client";
import { decideOidcSignIn, issuerAllowed, type OidcRefusal } from "~/domain/oidc.ts";
import { clearOidcPending, readOidcPending, serializeOidcPending } from "~/http/oidc-state.server.ts";
import {
  findOidcAccount,
  findOidcProviderBySlug,
  joinThroughProvider,
  listOidcSignInOptions,
  markOidcWorked,
  recordOidcRefusal,
  saveOidcSettings,
  type OidcSettingsInput,
  type SaveOidcResult,
} from "~/models/oidc-provider.server.ts";
import { homePathFor } from "~/models/user.server.ts";
import { getEnv, publicUrl } from "~/platform/env.server.ts";
import { encryptSecret, tryDecryptSecret } from "~/platform/secret-box.server.ts";
import { t } from "~/i18n/sv.ts";
import { paths, QUERY } from "~/paths.ts";
import { completeSignIn } from "./sign-in.server.ts";

/**
 * Sign-in through a municipality's own OpenID Connect provider: authorization code flow with
 * PKCE, state and nonce, every check of the provider's answers done by openid-client (the
 * certified library). Any failure sends the person back to the sign-in page with a code that
 * names what went wrong in Swedish; nothing here answers 500.
 */
export type OidcFailure =
  | OidcRefusal
  | "not-configured"
  | "down"
  | "state"
  | "denied"
  | "code"
  | "token"
  | "password-off";

const PROVIDER_TIMEOUT_SECONDS = 8;
const SCOPE = "openid email profile";

/** The sign-in page with the municipality's button: the link the municipality publishes to its people. */
export function oidcSignInLink(slug: string): string {
  return `${publicUrl()}/logga-in?${QUERY.municipality}=${slug}`;
}

/** Where the provider sends the browser back: register this address with the provider. */
export function oidcRedirectUri(slug: string): string {
  return `${publicUrl()}${paths.oidcSignIn(slug)}`;
}

function failed(slug: string, failure: OidcFailure, headers?: HeadersInit): Response {
  return redirect(paths.signInFailed(slug, failure), headers ? { headers } : undefined);
}

type Provider = NonNullable<Awaited<ReturnType<typeof findOidcProviderBySlug>>>;

/** The provider's configuration by discovery, or the reason it cannot be used. */
async function discover(provider: Provider): Promise<oidc.Configuration | "not-configured" | "down"> {
  const allowHttp = getEnv().OIDC_ALLOW_HTTP_ISSUER;
  if (!issuerAllowed(provider.issuer, allowHttp)) return "not-configured";
  const secret = tryDecryptSecret(provider.clientSecretEncrypted);
  if (secret === null) return "not-configured";
  try {
    return await oidc.discovery(new URL(provider.issuer), provider.clientId, secret, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(allowHttp && new URL(provider.issuer).protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch {
    return "down";
  }
}

/** Leaves for the provider, remembering state, nonce and the PKCE verifier in a short-lived signed cookie. */
export async function beginOidcSignIn(slug: string, redirectTo: string): Promise<Response> {
  const provider = await findOidcProviderBySlug(slug);
  if (!provider) return failed(slug, "not-configured");
  const config = await discover(provider);
  if (typeof config === "string") return failed(slug, config);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: oidcRedirectUri(slug),
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return redirect(url.href, {
    headers: { "Set-Cookie": await serializeOidcPending({ slug, state, nonce, verifier, redirectTo }) },
  });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Sorts what openid-client threw into what the person is told. */
function classify(error: unknown): { failure: OidcFailure; detail: string } {
  if (error instanceof oidc.AuthorizationResponseError) return { failure: "denied", detail: error.error };
  if (error instanceof oidc.ResponseBodyError) return { failure: error.error === "invalid_grant" ? "code" : "token", detail: error.error };
  if (error instanceof oidc.ClientError) {
    const claim = (error.cause as { cause?: { claim?: unknown } } | undefined)?.cause?.claim;
    return { failure: "token", detail: typeof claim === "string" ? `${error.code}: ${claim}` : String(error.code) };
  }
  return { failure: "down", detail: error instanceof Error ? error.name : "error" };
}

function cleanName(name: unknown, email: string): string {
  // eslint-disable-next-line no-control-regex
  const text = typeof name === "string" ? name.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, 200) : "";
  return text || email.slice(0, email.lastIndexOf("@")).slice(0, 200) || email;
}

/**
 * The provider's answer. State is checked against the cookie first; openid-client checks the
 * code exchange, PKCE, the ID token's signature, issuer, audience, nonce and lifetime. The
 * person is then let in by the tenancy rule (decideOidcSignIn) and completeSignIn.
 */
export async function finishOidcSignIn(request: Request, slug: string, ip: string): Promise<Response> {
  const clear = { "Set-Cookie": await clearOidcPending() };
  const pending = await readOidcPending(request);
  const url = new URL(request.url);
  const state = url.searchParams.get("state") ?? "";
  if (!pending || pending.slug !== slug || !sameText(pending.state, state)) return failed(slug, "state", clear);
  const provider = await findOidcProviderBySlug(slug);
  if (!provider) return failed(slug, "not-configured", clear);
  const municipalityId = provider.municipality.id;
  const refuse = async (failure: OidcFailure, detail: string, userId: string | null = null) => {
    await recordOidcRefusal(municipalityId, userId, detail);
    return failed(slug, failure, clear);
  };
  const config = await discover(provider);
  if (typeof config === "string") return refuse(config, config);

  let email: string | null = null;
  let emailVerified: unknown = undefined;
  let domainOwnerVerified: unknown = undefined;
  let name: unknown = undefined;
  try {
    // The address the provider sent the browser back to, as registered (PUBLIC_URL), with its answer.
    const current = new URL(oidcRedirectUri(slug));
    current.search = url.search;
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return refuse("token", "no id token");
    let source: Record<string, unknown> = claims;
    if (typeof claims.email !== "string" && tokens.access_token) {
      // Many providers put the address in userinfo only; openid-client checks it is the same subject.
      source = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    }
    email = typeof source.email === "string" && source.email.length <= 320 ? source.email.trim().toLowerCase() : null;
    emailVerified = source.email_verified;
    domainOwnerVerified = source.xms_edov ?? claims.xms_edov;
    name = source.name;
  } catch (error) {
    const { failure, detail } = classify(error);
    return refuse(failure, detail);
  }

  const account = email ? await findOidcAccount(email, municipalityId) : null;
  const decision = decideOidcSignIn({ email, emailVerified, domainOwnerVerified }, account, provider);
  if (decision.kind === "refuse") return refuse(decision.reason, `${decision.reason}${email ? ` (${email})` : ""}`, account?.id ?? null);
  let userId = decision.userId;
  if (decision.kind === "join") {
    userId = await joinThroughProvider(municipalityId, email!, cleanName(name, email!), decision.role);
    if (!userId) return refuse("operator", `operator (${email})`);
  }
  await markOidcWorked(municipalityId);
  const response = await completeSignIn(request, {
    userId: userId!,
    method: "oidc",
    redirectTo: pending.redirectTo || (await homePathFor(userId!)),
    ip,
  });
  response.headers.append("Set-Cookie", clear["Set-Cookie"]);
  return response;
}

export type OidcSettingsForm = Omit<OidcSettingsInput, "clientSecretEncrypted"> & { clientSecret: string };

export type SaveOidcOutcome = SaveOidcResult | { ok: false; reason: "issuer" };

/** Encrypts a new client secret with DATA_ENCRYPTION_KEY and saves the municipality's provider. */
export async function saveOidcProvider(municipalityId: string, form: OidcSettingsForm, actorId: string): Promise<SaveOidcOutcome> {
  if (!issuerAllowed(form.issuer, getEnv().OIDC_ALLOW_HTTP_ISSUER)) return { ok: false, reason: "issuer" };
  const { clientSecret, ...rest } = form;
  return saveOidcSettings(municipalityId, { ...rest, clientSecretEncrypted: clientSecret ? encryptSecret(clientSecret) : null }, actorId);
}

const FAILURES = new Set<string>(Object.keys(t.oidc.failures));

/**
 * What the sign-in page offers: the provider of the municipality named by `?kommun=` (the link
 * the municipality publishes) or by the page the person was on their way to (`/k/<slug>/…`);
 * and the Swedish message of a failed sign-in (`?fel=`).
 */
export async function oidcSignInOffer(search: URLSearchParams) {
  const fromRedirect = /^\/k\/([a-z0-9-]{1,100})(?:[/?#]|$)/.exec(search.get("redirectTo") ?? "")?.[1];
  const named = search.get(QUERY.municipality);
  const slug = named && /^[a-z0-9-]{1,100}$/.test(named) ? named : (fromRedirect ?? null);
  // Only a named municipality's: the public page does not list who else is hosted here.
  const options = slug ? await listOidcSignInOptions(slug) : [];
  const code = search.get(QUERY.failure);
  const failure = code && FAILURES.has(code) ? t.oidc.failures[code as keyof typeof t.oidc.failures] : null;
  return { options, failure };
}
