import { expect, inject } from "vitest";
import { PASSWORD } from "./fixtures.ts";

/** A tiny cookie-keeping client that talks to the real web server like a browser would. */
export class HttpClient {
  private cookie = "";
  readonly baseUrl: string;

  constructor(baseUrl = inject("baseUrl")) {
    this.baseUrl = baseUrl;
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("Cookie", this.cookie);
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.baseUrl);
    const res = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: "manual" });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    return res;
  }

  get(pathname: string) {
    return this.request(pathname);
  }

  post(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(pathname, { method: "POST", body: new URLSearchParams(fields), headers });
  }

  async signIn(email: string, password: string): Promise<Response> {
    return this.post("/logga-in", { email, password });
  }
}

/** A client signed in as `email` (the fixtures' password), having checked that the sign-in succeeded. */
export async function signedInClient(email: string, password = PASSWORD): Promise<HttpClient> {
  const http = new HttpClient();
  expect((await http.signIn(email, password)).status).toBe(302);
  return http;
}
