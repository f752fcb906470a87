import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "~/cli/support/free-port.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { renderReport } from "../fixtures/report-layouts.ts";
import { docxBomb, pdfBomb } from "../helpers/bombs.ts";
import { createTenant, PASSWORD, type Tenant } from "../helpers/fixtures.ts";
import { startServer } from "../helpers/global-server.ts";
import { HttpClient } from "../helpers/http.ts";
import { reportSpec } from "../helpers/report-spec.ts";

/**
 * Small uploads that unpack to hundreds of megabytes (issue #10, item 2). The built web server
 * is started here, of its own, so that its memory can be read from /proc while it works.
 */

const root = path.resolve(import.meta.dirname, "../..");
const MB = 1024 * 1024;

let server: ChildProcess;
let baseUrl: string;
let uploadDir: string;
let tenant: Tenant;
let coordinator: HttpClient;
let bombs: { docx: Uint8Array; pdf: Uint8Array };
const page = () => `/k/${tenant.municipality.slug}/utvarderingar/ny`;
const evaluations = () => getDb().evaluation.count({ where: { municipalityId: tenant.municipality.id } });

/** The server process's resident memory now and at its peak, from Linux's /proc. */
function memory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** Times /healthz; a request that does not answer within 3 s counts as 3 s. */
async function healthLatency(): Promise<number> {
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(3_000) });
    expect(res.ok).toBe(true);
    await res.text();
  } catch {
    return 3_000;
  }
  return performance.now() - started;
}

function upload(file: Uint8Array, name: string) {
  const form = new FormData();
  form.set("intent", "read");
  form.set("file", new Blob([new Uint8Array(file)]), name);
  form.set("text", "");
  return coordinator.request(page(), { method: "POST", body: form, signal: AbortSignal.timeout(30_000) });
}

beforeAll(async () => {
  bombs = { docx: await docxBomb(400), pdf: await pdfBomb(600) };
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  uploadDir = mkdtempSync(path.join(os.tmpdir(), "kompassplan-uploads-"));
  server = await startServer(port, { QUEUE_PREFIX: `test_${port}`, UPLOAD_DIR: uploadDir });
  tenant = await createTenant("bomb");
  coordinator = new HttpClient(baseUrl);
  await coordinator.signIn(tenant.coordinator.email, PASSWORD);
}, 120_000);

afterAll(async () => {
  if (server?.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  rmSync(uploadDir, { recursive: true, force: true });
});

describe("a small upload that unpacks to hundreds of megabytes", () => {
  for (const kind of ["docx", "pdf"] as const) {
    it(`${kind}: is refused in Swedish within seconds, saves nothing, and others are served meanwhile`, async () => {
      const bomb = bombs[kind];
      expect(bomb.byteLength).toBeLessThan(2 * MB);
      const before = await evaluations();
      const baseline = memory(server.pid!).rss;

      const started = performance.now();
      let done = false;
      const answer = upload(bomb, `rapport.${kind}`).finally(() => (done = true));
      // Ask for /healthz while the upload is being read, and time each answer. The first ask
      // goes out at once, beside the upload, so there is a sample even when the refusal is quick
      // (the reading process is warm after the first file).
      const latencies: number[] = [];
      do {
        latencies.push(await healthLatency());
        await new Promise((r) => setTimeout(r, 100));
      } while (!done && latencies.length < 20);
      const res = await answer;
      const elapsed = performance.now() - started;

      const html = await res.text();
      expect(server.exitCode).toBeNull();
      expect(latencies.length).toBeGreaterThan(0);
      expect({ latencies }).toEqual({ latencies: latencies.map((ms) => (ms < 750 ? ms : "< 750 ms")) });
      // The server never held the unpacked content.
      expect((memory(server.pid!).peak - baseline) / MB).toBeLessThan(400);
      expect(elapsed).toBeLessThan(8_000);
      expect(res.status).toBe(422);
      expect(html).toContain("Filen är för stor när den packas upp");
      expect(await evaluations()).toBe(before);
      expect((await coordinator.get(page())).status).toBe(200);
    });
  }
});

describe("the import command", () => {
  it("reads with the same bounded reader: a zip bomb is refused in Swedish and the command ends", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kompassplan-bomb-"));
    try {
      const file = path.join(dir, "rapport.docx");
      writeFileSync(file, bombs.docx);
      const started = performance.now();
      const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["app/cli/import.ts", "--dry-run", "--json", file], { cwd: root });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      clearTimeout(timer);
      expect(stderr).toContain("Filen är för stor när den packas upp");
      expect(code).toBe(1);
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ends as soon as a readable report is read: the reading process does not hold it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kompassplan-report-"));
    try {
      const file = path.join(dir, "rapport.txt");
      writeFileSync(file, renderReport(fc.sample(reportSpec, { numRuns: 1, seed: 7 })[0]!, "2010-tabs"));
      const started = performance.now();
      const run = spawn(path.join(root, "node_modules/.bin/tsx"), ["app/cli/import.ts", "--dry-run", "--json", file], { cwd: root });
      let stdout = "";
      run.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      const timer = setTimeout(() => run.kill("SIGKILL"), 25_000);
      const code = await new Promise<number | null>((resolve) => run.on("exit", resolve));
      clearTimeout(timer);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toHaveProperty("areas");
      // The reading process is kept for a next file, but must not keep the command waiting.
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
