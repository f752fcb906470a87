import http from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import { freePort } from "../../app/cli/support/free-port.server.ts";

/**
 * A real OpenID Connect provider (oidc-provider, the certified server implementation) started
 * inside a test on a free port. Its login page is a minimal one of our own: one e-mail field
 * and a button; consent is given at once. `control` lets a test make the provider misbehave
 * the way a broken or hostile provider would: an ID token for another client (wrong audience)
 * or for another sign-in (wrong nonce), both really signed by the provider, or codes that
 * expire at once.
 */
export interface TestPerson {
  email: string;
  /** Undefined: the provider sends no email_verified claim (as Microsoft Entra ID does). */
  emailVerified: boolean | undefined;
  name: string;
  /** Entra ID's optional claim that the address's domain owner is verified. */
  domainOwnerVerified?: boolean;
}

export interface ProviderControl {
  tamper: null | "wrong-audience" | "wrong-nonce";
  codeTtlSeconds: number;
}

export const TEST_CLIENT = { id: "kompassplan-test", secret: "en-klienthemlighet-for-testet-0123456789" };
const OTHER_CLIENT = { id: "en-annan-tjanst", secret: "en-annan-hemlighet-0123456789" };

export interface TestProvider {
  issuer: string;
  people: Map<string, TestPerson>;
  control: ProviderControl;
  close(): Promise<void>;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const loginPage = (uid: string) => `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Testkommunens inloggning</title></head>
<body><main><h1>Testkommunens inloggning</h1>
<form method="post" action="/interaction/${uid}">
<label for="email">E-postadress</label> <input id="email" name="email" type="email" autocomplete="username">
<button type="submit">Fortsätt</button>
</form></main></body></html>`;

export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const people = new Map<string, TestPerson>();
  const control: ProviderControl = { tamper: null, codeTtlSeconds: 60 };
  const provider = new Provider(issuer, {
    clients: [
      { client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret, redirect_uris: redirectUris, token_endpoint_auth_method: "client_secret_post" },
      { client_id: OTHER_CLIENT.id, client_secret: OTHER_CLIENT.secret, redirect_uris: ["http://127.0.0.1/annan"] },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified", "xms_edov"], profile: ["name"] },
    findAccount: (_ctx, id) => {
      const person = people.get(id);
      if (!person) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: person.email,
          name: person.name,
          ...(person.emailVerified === undefined ? {} : { email_verified: person.emailVerified }),
          ...(person.domainOwnerVerified === undefined ? {} : { xms_edov: person.domainOwnerVerified }),
        }),
      };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { AuthorizationCode: () => control.codeTtlSeconds },
    cookies: { keys: ["testleverantorens-kaknyckel-0123456789"] },
    pkce: { required: () => true },
  });

  // The minimal interaction: the login page, and consent given at once.
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(ctx.path);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.prompt.name === "login") {
      if (ctx.method === "GET") {
        ctx.type = "html";
        ctx.body = loginPage(details.uid);
        return;
      }
      const email = (await readForm(ctx.req)).get("email") ?? "";
      const accountId = [...people.entries()].find(([, p]) => p.email === email)?.[0];
      const result = accountId ? { login: { accountId } } : { error: "access_denied", error_description: "unknown person" };
      ctx.status = 303;
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
      return;
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    ctx.status = 303;
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true }));
  });

  // A provider that misbehaves: the token response carries another ID token, signed by the provider.
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== "/token" || !control.tamper || ctx.status !== 200 || !body?.id_token) return;
    const original = JSON.parse(Buffer.from(body.id_token.split(".")[1]!, "base64url").toString("utf8")) as { sub: string; nonce: string };
    const client = control.tamper === "wrong-audience" ? await provider.Client.find(OTHER_CLIENT.id) : ctx.oidc.client;
    const token = new provider.IdToken({ sub: original.sub }, { ctx, client });
    (token as unknown as { scope: string }).scope = "openid";
    token.set("nonce", control.tamper === "wrong-nonce" ? "ett-helt-annat-engangsvarde" : original.nonce);
    ctx.body = { ...body, id_token: await token.issue({ use: "idtoken" }) };
  });

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    people,
    control,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Cookies per site, as a browser keeps them (name=value only; enough for these servers). */
export class CookieJar {
  private cookies = new Map<string, Map<string, string>>();

  header(url: string): string {
    const site = this.cookies.get(new URL(url).host);
    return site ? [...site].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  }

  keep(url: string, res: Response) {
    const host = new URL(url).host;
    const site = this.cookies.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === "") site.delete(name);
      else site.set(name, value);
    }
    this.cookies.set(host, site);
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set("Cookie", cookie);
    if ((init.method ?? "GET") !== "GET" && !headers.has("Origin")) headers.set("Origin", new URL(url).origin);
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.keep(url, res);
    return res;
  }
}

/**
 * Goes through the provider as a person would: from the authorization address to the address
 * the provider sends the browser back to, signing in as `email` on the login page. Returns that
 * return address without following it.
 */
export async function passProvider(jar: CookieJar, authorizationUrl: string, email: string, returnPrefix: string): Promise<string> {
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(returnPrefix)) return url;
    const res = await jar.fetch(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).href;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200 || !html.includes('name="email"')) throw new Error(`unexpected answer from the provider (${res.status}): ${html.slice(0, 300)}`);
    const posted = await jar.fetch(url, { method: "POST", body: new URLSearchParams({ email }) });
    url = new URL(posted.headers.get("location")!, url).href;
  }
  throw new Error("the provider did not send the browser back");
}
