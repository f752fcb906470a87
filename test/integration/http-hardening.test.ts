import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FREE_ATTEMPTS, IP_FREE_ATTEMPTS, signInThrottle } from "~/domain/signin-throttle.ts";
import { createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { freePort } from "~/cli/support/free-port.server.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { startServer } from "../helpers/global-server.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";
import { createTestAction } from "../helpers/plan.ts";
import { t } from "~/i18n/sv.ts";
import { MAX_FORM_PARTS } from "~/http/upload.server.ts";

/**
 * The HTTP layer under attack (issue #10: items 5, 6, 8, 9, 11, 16): request bodies, origins,
 * the session secret, redirects after sign-in, sign-in throttling and the bytes of every page.
 */
let tenant: Tenant;
const root = path.resolve(import.meta.dirname, "../..");
const baseUrl = () => inject("baseUrl");
let ipCounter = 0;
/** Each test signs in from its own address (the test server trusts X-Forwarded-For). */
const freshIp = () => `198.51.100.${++ipCounter}`;

beforeAll(async () => {
  tenant = await createTenant("http");
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with full control over the headers (Host, Origin), through node:http. */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/**
 * Streams `total` bytes of a urlencoded body (never held in memory) until the server answers;
 * resolves with the status and how long the answer took.
 */
function streamHugeBody(url: string, total: number, declareLength: boolean): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(url).origin };
    if (declareLength) headers["Content-Length"] = String(total);
    const req = http.request(url, { method: "POST", headers });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, ms: Date.now() - started, body: Buffer.concat(chunks).toString("utf8") });
        req.destroy();
      });
      res.on("error", reject);
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (!answered && !req.destroyed && sent < total) {
        const piece = sent === 0 ? Buffer.concat([Buffer.from("email=a%40b.se&password="), chunk]).subarray(0, chunk.length) : chunk;
        sent += piece.length;
        if (!req.write(piece)) {
          req.once("drain", pump);
          return;
        }
      }
      if (sent >= total && !answered && !req.destroyed) req.end();
    };
    pump();
  });
}

/** Resident memory of a process and its descendants (tsx runs the server in a child). */
function treeRssBytes(pid: number): number {
  let total = 0;
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return 0;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(status, "utf8"));
  total += rss ? Number(rss[1]) * 1024 : 0;
  const childrenFile = `/proc/${pid}/task/${pid}/children`;
  const children = existsSync(childrenFile) ? readFileSync(childrenFile, "utf8").trim().split(/\s+/).filter(Boolean) : [];
  for (const child of children) total += treeRssBytes(Number(child));
  return total;
}

describe("request bodies are limited before they are parsed (item 9)", () => {
  let port: number;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    port = await freePort();
    server = await startServer(port, { SESSION_SECRET: "a-test-secret-that-is-long-enough-0123456789" });
  });
  afterAll(async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  });

  it("answers a streamed 200 MB sign-in post 413 in Swedish quickly, without the server's memory growing", async () => {
    const url = `http://localhost:${port}/logga-in`;
    // Warm the route so its first compilation is not counted as growth.
    await rawRequest(url, { method: "POST", headers: { Origin: `http://localhost:${port}`, "Content-Type": "application/x-www-form-urlencoded" }, body: "email=x" });
    const before = treeRssBytes(server.pid!);
    for (let i = 0; i < 2; i++) {
      const chunked = await streamHugeBody(url, 200 * 1024 * 1024, false);
      expect(chunked.status).toBe(413);
      expect(chunked.body).toContain("Begäran är för stor");
      expect(chunked.ms).toBeLessThan(10_000);
    }
    const declared = await streamHugeBody(url, 200 * 1024 * 1024, true);
    expect(declared.status).toBe(413);
    expect(declared.ms).toBeLessThan(10_000);
    const growth = treeRssBytes(server.pid!) - before;
    expect(growth).toBeLessThan(80 * 1024 * 1024);
    // The server still serves others.
    expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
  });

  it("lets an ordinary form through and an evidence file up to its own limit", async () => {
    const client = new HttpClient(`http://localhost:${port}`);
    expect((await client.signIn(tenant.owner.email, PASSWORD)).status).toBe(302);
    const action = await createTestAction(tenant, tenant.owner.id);
    const form = new FormData();
    form.set("intent", "evidence");
    form.set("kind", "FILE");
    form.set("title", "Protokoll");
    form.set("evidenceDate", "2026-11-20");
    // A 3 MB PDF: over the 1 MB form limit, inside the 10 MB evidence limit.
    const pdf = new Uint8Array(3 * 1024 * 1024);
    pdf.set(new TextEncoder().encode("%PDF-1.4\n"));
    form.set("file", new Blob([pdf], { type: "application/pdf" }), "protokoll.pdf");
    const res = await client.request(`/k/${tenant.municipality.slug}/atgarder/${action.id}`, { method: "POST", body: form });
    expect(res.status).toBe(302);
    expect(await getDb().evidence.count({ where: { actionId: action.id } })).toBe(1);
  });

  it("refuses a form with more parts than allowed in Swedish, keeps serving, and takes a large evaluation form", async () => {
    const client = new HttpClient(`http://localhost:${port}`);
    expect((await client.signIn(tenant.coordinator.email, PASSWORD)).status).toBe(302);
    const action = await createTestAction(tenant, tenant.owner.id);
    const before = await getDb().progressNote.count({ where: { actionId: action.id } });
    const tooMany = new FormData();
    tooMany.set("intent", "note");
    for (let i = 0; i < MAX_FORM_PARTS + 10; i++) tooMany.append(`x${i}`, "1");
    const refused = await client.request(`/k/${tenant.municipality.slug}/atgarder/${action.id}`, { method: "POST", body: tooMany });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(t.errors.badForm);
    expect(await getDb().progressNote.count({ where: { actionId: action.id } })).toBe(before);
    // The web process is still up (it crashed on this before) and a form with some hundred
    // parts, as the evaluation form of a long report has, is not refused for its count.
    expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
    const many = new FormData();
    many.set("intent", "note");
    many.set("body", "Många fält");
    for (let i = 0; i < 400; i++) many.append(`warning`, `varning ${i}`);
    const taken = await client.request(`/k/${tenant.municipality.slug}/atgarder/${action.id}`, { method: "POST", body: many });
    expect(taken.status).toBe(302);
    expect(await getDb().progressNote.count({ where: { actionId: action.id } })).toBe(before + 1);
  });
});

describe("origins and the session secret (items 11 and 16)", () => {
  it("refuses a POST whose Origin has the right host but another scheme", async () => {
    const { port } = new URL(baseUrl());
    const res = await rawRequest(`http://127.0.0.1:${port}/logga-in`, {
      method: "POST",
      headers: { Origin: `https://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: tenant.viewer.email, password: PASSWORD }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain("annan webbplats");
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  it("answers 403 in Swedish, not 500, when the allowed public origin differs from Host", async () => {
    const { port } = new URL(baseUrl());
    // PUBLIC_URL is http://localhost:<port>; the request claims another Host.
    const res = await rawRequest(`http://127.0.0.1:${port}/logga-in`, {
      method: "POST",
      headers: { Origin: `http://localhost:${port}`, Host: `127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: tenant.viewer.email, password: PASSWORD }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain("annan webbplats");
  });

  it("refuses to start in production without a session secret, or with the public development one", async () => {
    for (const secret of ["", "kompassplan-development-secret-change-me"]) {
      const port = await freePort();
      const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server.ts"], {
        cwd: root,
        env: { ...process.env, NODE_ENV: "production", PORT: String(port), SESSION_SECRET: secret },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (c: Buffer) => (output += c.toString()));
      child.stderr.on("data", (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGTERM");
          resolve(null);
        }, 30_000);
        child.once("exit", (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect(code, output).not.toBe(0);
      expect(code, output).not.toBeNull();
      expect(output).toContain("SESSION_SECRET");
    }
  });
});

describe("redirects after sign-in (item 6)", () => {
  it("never follows a redirect that leaves the site after decoding, and never answers 500", async () => {
    for (const redirectTo of ["/\t/evil.example/phish", "/\r\n/evil.example/phish", "/\n/evil.example", "/\\evil.example", "/%09/evil.example", "https://evil.example/", "/ok\u0000"]) {
      const client = new HttpClient();
      const res = await client.post("/logga-in", { email: tenant.coordinator.email, password: PASSWORD, redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(redirectTo)).toBe(`/k/${tenant.municipality.slug}`);
    }
    const client = new HttpClient();
    const kept = await client.post("/logga-in", {
      email: tenant.coordinator.email,
      password: PASSWORD,
      redirectTo: `/k/${tenant.municipality.slug}/plan?status=LATE#lista`,
    });
    expect(kept.headers.get("location")).toBe(`/k/${tenant.municipality.slug}/plan?status=LATE#lista`);
  });
});

/**
 * Replays the recorded attempts through the throttle: each one that was checked must have been
 * allowed given those recorded before it (a race lets attempts through that were not).
 */
async function expectEveryCheckedAttemptAllowed(where: { email: string } | { ip: string }, free: number, checked: number) {
  const rows = await getDb().signInAttempt.findMany({ where, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  expect(rows.length).toBe(checked);
  rows.forEach((row, i) => {
    const before = rows.slice(0, i).map((r) => r.createdAt);
    expect(signInThrottle(before, row.createdAt, free).allowed, `attempt ${i + 1}`).toBe(true);
  });
}

describe("sign-in throttling (item 5)", () => {
  const post = (email: string, password: string, ip: string, extra: Record<string, string> = {}) =>
    new HttpClient().post("/logga-in", { email, password, ...extra }, { "X-Forwarded-For": ip });

  it("checks at most the free attempts of 60 parallel wrong passwords for one account", async () => {
    const victim = await createUserWithPassword({ email: `parallell-${Date.now()}@test.se`, name: "Parallell", password: PASSWORD });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => post(victim.email, `fel-${i}`, freshIp())));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // The free attempts, and at most the few the doubling delay lets through while the burst lasts.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(FREE_ATTEMPTS + 2);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60 - FREE_ATTEMPTS - 2);
    await expectEveryCheckedAttemptAllowed({ email: victim.email }, FREE_ATTEMPTS, statuses.filter((s) => s === 401).length);
  });

  it("limits failed sign-ins per address across accounts", async () => {
    const ip = freshIp();
    const stamp = Date.now();
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => post(`konto-${i}-${stamp}@test.se`, "fel-lösenord", ip)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(IP_FREE_ATTEMPTS + 2);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60 - IP_FREE_ATTEMPTS - 2);
    await expectEveryCheckedAttemptAllowed({ ip }, IP_FREE_ATTEMPTS, statuses.filter((s) => s === 401).length);
    // Another address is not affected.
    expect((await post(tenant.viewer.email, PASSWORD, freshIp())).status).toBe(302);
  });

  it("lets the owner of a throttled account in through a single-use link sent by mail", async () => {
    const owner = await createUserWithPassword({ email: `last-${Date.now()}@test.se`, name: "Låst Person", password: PASSWORD });
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await post(owner.email, "angripare", freshIp())).status).toBe(401);
    const throttled = await post(owner.email, PASSWORD, freshIp());
    expect(throttled.status).toBe(429);
    const page = await throttled.text();
    expect(page).toContain("Skicka en inloggningslänk");

    const asked = await post(owner.email, "", freshIp(), { intent: "link" });
    expect(asked.status).toBe(200);
    const askedText = await asked.text();
    expect(askedText).toContain("Om adressen hör till ett konto har vi skickat en inloggningslänk");
    // The same answer for an address without an account, and no mail to it.
    const nobody = `ingen-${Date.now()}@test.se`;
    const unknown = await post(nobody, "", freshIp(), { intent: "link" });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain("Om adressen hör till ett konto har vi skickat en inloggningslänk");
    expect(await getDb().mailMessage.count({ where: { recipient: nobody } })).toBe(0);

    const mail = await getDb().mailMessage.findFirstOrThrow({ where: { recipient: owner.email, kind: "sign-in-link" } });
    const link = /\/logga-in\/lank\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    // Only a hash of the token is stored.
    const token = link!.split("/").pop()!;
    expect(await getDb().signInLink.count({ where: { tokenHash: token } })).toBe(0);

    // Opening the link (as a mail scanner would) uses nothing; the button signs in.
    const client = new HttpClient();
    const shown = await client.get(link!);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("Logga in som");
    const used = await client.post(link!, {});
    expect(used.status).toBe(302);
    expect(used.headers.get("set-cookie")).toMatch(/__kompassplan=/);
    expect(await getDb().session.count({ where: { userId: owner.id } })).toBe(1);

    // Single use.
    const again = await new HttpClient().post(link!, {});
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await getDb().session.count({ where: { userId: owner.id } })).toBe(1);
  });
});

describe("pages carry no NUL byte or replacement character (item 8)", () => {
  it("serves every main page to every role as clean UTF-8", async () => {
    const action = await createTestAction(tenant, tenant.owner.id, "2027-06-30", "Åtgärd för öppenhet och ärendehantering i förvaltningarna");
    // Pages dense with å, ä and ö in short strings: where the streaming renderer's 2 KB chunks
    // end inside such a character, it wrote 0x00 in its place.
    for (let i = 0; i < 30; i++) {
      await createTestAction(tenant, i % 2 ? tenant.owner.id : tenant.coordinator.id, "2027-06-30", `Åtgärd ${i}: ${"Förbättrad återkoppling åäö ".repeat(6).trim()}`);
    }
    const operator = await createUserWithPassword({ email: `drift-http-${Date.now()}@test.se`, name: "Drift Åsa Öberg", password: PASSWORD, isOperator: true });
    const k = `/k/${tenant.municipality.slug}`;
    const pages = [
      k,
      `${k}/plan`,
      `${k}/plan/ny`,
      `${k}/plan?utskrift=1`,
      `${k}/mina-atgarder`,
      `${k}/utvarderingar`,
      `${k}/utvarderingar/${tenant.evaluationId}`,
      `${k}/utvarderingar/${tenant.evaluationId}/redigera`,
      `${k}/utvarderingar/ny`,
      `${k}/jamfor`,
      `${k}/infor-utvardering`,
      `${k}/infor-utvardering/delfraga/1.5`,
      `${k}/infor-utvardering/tank-om`,
      `${k}/rapporter`,
      `${k}/anvandare`,
      `${k}/paminnelser`,
      `${k}/utkorg`,
      `${k}/atgarder/${action.id}`,
      `${k}/atgarder/${action.id}/redigera`,
      "/kommuner",
      "/drift",
    ];
    const signedOut = await new HttpClient().get("/logga-in");
    const problems: string[] = [];
    const check = (label: string, bytes: Buffer) => {
      if (bytes.includes(0)) problems.push(`${label}: NUL at byte ${bytes.indexOf(0)}`);
      if (new TextDecoder().decode(bytes).includes("\uFFFD")) problems.push(`${label}: U+FFFD`);
    };
    check("/logga-in", Buffer.from(await signedOut.arrayBuffer()));
    let checked = 0;
    for (const email of [tenant.coordinator.email, tenant.owner.email, tenant.viewer.email, operator.email]) {
      const client = new HttpClient();
      expect((await client.signIn(email, PASSWORD)).status).toBe(302);
      if (email === operator.email) await setUpTwoStep(client); // operators use two-step sign-in
      for (const page of pages) {
        const res = await client.get(page);
        if (res.status !== 200) {
          await res.arrayBuffer();
          continue;
        }
        check(`${email} ${page}`, Buffer.from(await res.arrayBuffer()));
        checked++;
      }
    }
    expect(problems).toEqual([]);
    // Every role saw pages, including the long Swedish edit page.
    expect(checked).toBeGreaterThan(40);
  });
});

describe("addresses with a control character", () => {
  it("name nothing: 404 in Swedish, never 500, for every role and signed out, and the server keeps serving", async () => {
    const coordinator = new HttpClient();
    expect((await coordinator.signIn(tenant.coordinator.email, PASSWORD)).status).toBe(302);
    const k = `/k/${tenant.municipality.slug}`;
    const hostile = ["/k/%00abc/plan", `/k/a%00/infor-utvardering/tank-om`, `${k}%1F/plan`, "/logga-in/oidc/%00", "/drift/kommuner/x%7F", `${k}/atgarder/%0a`];
    for (const client of [coordinator, new HttpClient()]) {
      for (const page of hostile) {
        const res = await client.get(page);
        expect(res.status, page).toBe(404);
        expect(await res.text(), page).toContain(t.errors.notFoundTitle);
      }
    }
    // The same addresses without the character still work.
    expect((await coordinator.get(`${k}/plan`)).status).toBe(200);
  });
});

describe("an address longer than the server takes", () => {
  it("gets a Swedish page with a way back instead of a blank 431, and the server keeps serving", async () => {
    const res = await fetch(`${baseUrl()}/logga-in?${"x=1&".repeat(6000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain(`<html lang="sv">`);
    expect(html).toContain(`<h1>${t.errors.addressTooLongTitle}</h1>`);
    expect(html).toContain(`<a href="/">${t.errors.backToStart}</a>`);
    // A malformed request still gets Node's plain 400, and a normal one is served.
    const bad = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(baseUrl()).port), "127.0.0.1", () => socket.write("NOT HTTP\r\n\r\n"));
      let answer = "";
      socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
      socket.on("end", () => resolve(answer));
      socket.on("error", reject);
    });
    expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect((await fetch(`${baseUrl()}/logga-in`)).status).toBe(200);
  });
});
