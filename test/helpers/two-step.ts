import { randomBytes } from "node:crypto";
import { generate } from "otplib";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { HttpClient } from "./http.ts";

/**
 * Two-step sign-in in tests: the code an authenticator app would show, computed with otplib
 * from the secret the set-up page shows, and set-up and sign-in over HTTP as a browser does.
 */

/** The code for `offsetSeconds` from now. Each step is accepted once, so a second sign-in soon after uses +30. */
export function totpCode(secret: string, offsetSeconds = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&#x27;/g, "'").replace(/&quot;/g, '"');

/** Sets up two-step sign-in for the client's signed-in person; returns the secret and the recovery codes shown once. */
export async function setUpTwoStep(client: HttpClient): Promise<{ secret: string; recoveryCodes: string[] }> {
  const page = await client.get("/konto/tvastegsinloggning");
  expect(page.status).toBe(200);
  const html = await page.text();
  const secret = decode(/data-testid="totp-secret">([A-Z2-7]+)</.exec(html)?.[1] ?? "");
  expect(secret).toMatch(/^[A-Z2-7]{26,}$/);
  const confirmed = await client.post("/konto/tvastegsinloggning", { intent: "confirm", code: await totpCode(secret) });
  expect(confirmed.status).toBe(200);
  const body = await confirmed.text();
  const list = /data-testid="recovery-codes">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? "";
  const recoveryCodes = [...list.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]!);
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes };
}

/** A client that comes from an address of its own (the test server trusts X-Forwarded-For), so throttles of other tests never meet it. */
export class AddressedClient extends HttpClient {
  readonly ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

  override request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("X-Forwarded-For", this.ip);
    return super.request(pathname, { ...init, headers });
  }
}

/** Signs in with the password and then a code (or recovery code) on the code page; returns the code page's answer. */
export async function signInWithCode(client: HttpClient, email: string, password: string, code: string): Promise<Response> {
  const first = await client.signIn(email, password);
  expect(first.status).toBe(302);
  expect(first.headers.get("location")).toBe("/logga-in/kod");
  return client.post("/logga-in/kod", { code });
}

/** The same set-up in the browser, on the set-up page the person was sent to; returns the secret. */
export async function setUpTwoStepInBrowser(page: Page): Promise<string> {
  await page.waitForURL((u) => u.pathname === "/konto/tvastegsinloggning");
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Kod från appen (6 siffror)").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Slå på tvåstegsinloggning" }).click();
  await page.getByRole("heading", { name: "Dina reservkoder" }).waitFor();
  return secret;
}
