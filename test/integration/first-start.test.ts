import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "~/cli/support/free-port.server.ts";
import { emptyDatabase, runCommand, setupLinks, tokenHash, type EmptyInstall } from "../helpers/empty-install.ts";
import { startServer } from "../helpers/global-server.ts";
import { HttpClient } from "../helpers/http.ts";
import { setUpTwoStep } from "../helpers/two-step.ts";

/**
 * Issue #12, item 1: on an empty database with SEED_DEMO=false, `npm run setup` prints a
 * one-time link to create the first operator; `npm run operator -- --email` creates or
 * re-invites one. Everything over HTTP against a web server on that database.
 */
let install: EmptyInstall;
let server: ChildProcess;
let baseUrl: string;
let env: Record<string, string>;

const pathOf = (link: string) => new URL(link).pathname;
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const PASSWORD = "Första-driftlösenordet-1";

beforeAll(async () => {
  install = await emptyDatabase("first_start");
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  env = { DATABASE_URL: install.url, SEED_DEMO: "false", PUBLIC_URL: baseUrl };
  const setup = await runCommand("setup.ts", [], env);
  expect(setup.status, setup.stderr).toBe(0);
  server = await startServer(port, { DATABASE_URL: install.url, QUEUE_PREFIX: `first_start_${port}` });
});

afterAll(async () => {
  if (server) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  await install?.drop();
});

describe("first start on an empty database", () => {
  it("prints a link each time while no operator exists; only the latest works, an expired one is refused, and using it creates and signs in the first operator once", async () => {
    expect(await install.query(`SELECT 1 FROM "Municipality" UNION ALL SELECT 1 FROM "User"`)).toEqual([]);
    const first = await runCommand("setup.ts", [], env);
    const second = await runCommand("setup.ts", [], env);
    const [old] = setupLinks(first.stdout);
    const [latest] = setupLinks(second.stdout);
    expect(first.stdout).toContain("Ingen driftansvarig finns ännu.");
    expect(old).toMatch(new RegExp(`^${baseUrl}/driftansvarig/`));
    expect(latest).toBeDefined();
    // Only the hash is stored.
    const rows = await install.query<{ tokenHash: string }>(`SELECT "tokenHash" FROM "OperatorSetupLink" WHERE "usedAt" IS NULL`);
    expect(rows).toEqual([{ tokenHash: tokenHash(pathOf(latest!).split("/").pop()!) }]);

    const http = new HttpClient(baseUrl);
    const refused = await http.get(pathOf(old!));
    expect(refused.status).toBe(404);
    expect(await text(refused)).toContain("Länken är ogiltig, redan använd eller har gått ut.");

    // Expired: refused on GET and POST, and nothing is created.
    await install.query(`UPDATE "OperatorSetupLink" SET "expiresAt" = now() - interval '1 second' WHERE "usedAt" IS NULL`);
    expect((await http.get(pathOf(latest!))).status).toBe(404);
    const late = await http.post(pathOf(latest!), { name: "Ada", email: "ada@drift.se", password: PASSWORD, confirm: PASSWORD });
    expect(late.status).toBe(404);
    expect(await install.query(`SELECT 1 FROM "User"`)).toEqual([]);

    const [link] = setupLinks((await runCommand("setup.ts", [], env)).stdout);
    const page = await http.get(pathOf(link!));
    expect(page.status).toBe(200);
    expect(await text(page)).toContain("Det här är installationens första start.");

    const bad = await http.post(pathOf(link!), { name: "", email: "inte-en-adress", password: "kort", confirm: "annat" });
    expect(bad.status).toBe(400);
    const badHtml = await text(bad);
    expect(badHtml).toContain("Ange ditt namn");
    expect(badHtml).toContain("Ange en giltig e-postadress.");
    expect(badHtml).toContain("Lösenordet måste vara minst 10 tecken.");
    expect(await install.query(`SELECT 1 FROM "User"`)).toEqual([]);

    const ok = await http.post(pathOf(link!), { name: "Ada Drift", email: "Ada@Drift.se", password: PASSWORD, confirm: PASSWORD });
    expect(ok.status).toBe(302);
    // Operators must use two-step sign-in: set it up first, then on to the console.
    expect(ok.headers.get("location")).toBe("/konto/tvastegsinloggning?redirectTo=%2Fdrift%2Fkommuner");
    await setUpTwoStep(http);
    expect((await http.get("/drift/kommuner")).status).toBe(200);
    const [ada] = await install.query<{ email: string; isOperator: boolean; lastSignInAt: Date | null }>(
      `SELECT email, "isOperator", "lastSignInAt" FROM "User"`,
    );
    expect(ada).toMatchObject({ email: "ada@drift.se", isOperator: true });
    expect(ada!.lastSignInAt).not.toBeNull();

    // Single use: the same link again, from another browser, is refused and changes nothing.
    const other = new HttpClient(baseUrl);
    const again = await other.post(pathOf(link!), { name: "Eve", email: "eve@drift.se", password: PASSWORD, confirm: PASSWORD });
    expect(again.status).toBe(404);
    expect((await other.get(pathOf(link!))).status).toBe(404);
    expect(await install.query(`SELECT email FROM "User"`)).toEqual([{ email: "ada@drift.se" }]);

    // With an operator, setup prints no link.
    const after = await runCommand("setup.ts", [], env);
    expect(after.status).toBe(0);
    expect(setupLinks(after.stdout)).toEqual([]);
    expect(after.stdout).not.toContain("driftansvarig");
  });

  it("refuses a first-start link made before an operator existed, with a Swedish page and no 500", async () => {
    const token = randomBytes(32).toString("base64url");
    await install.query(`INSERT INTO "OperatorSetupLink" (id, "tokenHash", "expiresAt") VALUES (gen_random_uuid(), $1, now() + interval '1 hour')`, [
      tokenHash(token),
    ]);
    const http = new HttpClient(baseUrl);
    const page = await http.get(`/driftansvarig/${token}`);
    expect(page.status).toBe(410);
    expect(await text(page)).toContain("Installationen har redan en driftansvarig");
    const post = await http.post(`/driftansvarig/${token}`, { name: "Eve", email: "eve@drift.se", password: PASSWORD, confirm: PASSWORD });
    expect(post.status).toBe(410);
    expect(await install.query(`SELECT 1 FROM "User" WHERE email = 'eve@drift.se'`)).toEqual([]);
    // Nonsense tokens are no 500 either.
    for (const junk of ["x", "%00", "a".repeat(500)]) expect((await http.get(`/driftansvarig/${junk}`)).status).toBe(404);
  });
});

describe("npm run operator -- --email ADDRESS", () => {
  it("creates an operator whose link chooses the password once, re-invites with a new link, and refuses a missing or bad address", async () => {
    const created = await runCommand("operator.ts", ["--email", "Bo@Drift.se"], env);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain("Kontot bo@drift.se är skapat som driftansvarig.");
    const [link] = setupLinks(created.stdout);
    const [bo] = await install.query<{ isOperator: boolean; passwordHash: string | null }>(`SELECT "isOperator", "passwordHash" FROM "User" WHERE email = 'bo@drift.se'`);
    expect(bo).toEqual({ isOperator: true, passwordHash: null });

    const again = await runCommand("operator.ts", ["--email", "bo@drift.se"], env);
    expect(again.stdout).toContain("Tidigare länkar för kontot gäller inte längre");
    const [newer] = setupLinks(again.stdout);
    const http = new HttpClient(baseUrl);
    expect((await http.get(pathOf(link!))).status).toBe(404);

    const page = await http.get(pathOf(newer!));
    expect(page.status).toBe(200);
    expect(await text(page)).toContain("Välj ett lösenord för ditt konto som driftansvarig (bo@drift.se).");
    const ok = await http.post(pathOf(newer!), { name: "Bo Drift", password: PASSWORD, confirm: PASSWORD });
    expect(ok.status).toBe(302);
    await setUpTwoStep(http);
    expect((await http.get("/drift/kommuner")).status).toBe(200);
    expect((await new HttpClient(baseUrl).post(pathOf(newer!), { name: "X", password: PASSWORD, confirm: PASSWORD })).status).toBe(404);

    // The password works for a normal sign-in.
    const signIn = await new HttpClient(baseUrl).signIn("bo@drift.se", PASSWORD);
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("location")).toBe("/logga-in/kod");

    for (const args of [[], ["--email"], ["--email", "inte-en-adress"], ["--okand"]]) {
      const refused = await runCommand("operator.ts", args, env);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain("npm run operator -- --email ADRESS");
    }
  });
});
