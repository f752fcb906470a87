import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../app/cli/support/free-port.server.ts";

/** Starts the built web server on a free port against the test database for one project. */

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    uploadDir: string;
  }
}

/** The web server's DATA_ENCRYPTION_KEY in tests, for a test that must seal or open a value as the server does. */
export const SERVER_DATA_ENCRYPTION_KEY = "5e1f0c4a9b7d3e2f18a6c0b4d9e7f3a25c8b1d6e0f4a9c3b7e2d5f8a1c6b0e94";

export async function startServer(port: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      // Production refuses to start without a secret of its own.
      SESSION_SECRET: "test-session-secret-not-the-development-one-7f3a9c",
      DATA_ENCRYPTION_KEY: SERVER_DATA_ENCRYPTION_KEY,
      // Tests sign in "from" different addresses with X-Forwarded-For (per-address throttling).
      TRUST_PROXY: "true",
      // A key of the run's own for the OpenID Connect client secrets; the test providers listen on http://127.0.0.1.
      OIDC_ALLOW_HTTP_ISSUER: "true",
      ...extraEnv,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`web server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://localhost:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error("web server did not start within 30 s");
}

export default async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL) throw new Error("Run the tests with `npm test`: it prepares a throwaway database.");
  const port = await freePort();
  // Uploaded evidence goes to a folder of the test run's own, never the product's .data/.
  const uploadDir = mkdtempSync(path.join(os.tmpdir(), "kompassplan-uploads-"));
  const child = await startServer(port, { QUEUE_PREFIX: `test_${port}`, UPLOAD_DIR: uploadDir });
  project.provide("baseUrl", `http://localhost:${port}`);
  project.provide("uploadDir", uploadDir);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(uploadDir, { recursive: true, force: true });
  };
}
