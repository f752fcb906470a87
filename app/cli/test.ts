import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "~/cli/support/embedded-postgres.server.ts";
import { freePort } from "~/cli/support/free-port.server.ts";
import { migrate } from "~/cli/support/migrator.server.ts";

/**
 * `npm test`: type check, lint, then every test against a throwaway database that is dropped
 * at the end, so the demo data is never touched. With DATABASE_URL set the throwaway database
 * is created on that server; without it a throwaway embedded PostgreSQL is started. Queue tests
 * run on Redis when REDIS_URL is set and on BullMQ's PostgreSQL backend always.
 */
const root = process.cwd();

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}


/** The plain closing line CI reads: "N passed, N failed" (", N skipped" when any). */
function printSummary(reportFile: string) {
  if (!existsSync(reportFile)) return;
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
}

const bin = (name: string) => path.join(root, "node_modules/.bin", name);

run("Typkontroll (tsc)", bin("tsc"), ["--noEmit"]);
run("Lint (eslint)", bin("eslint"), ["."]);
run("Bygge (remix build)", bin("remix"), ["build"]);

const dbName = `kompassplan_test_${Date.now()}_${process.pid}`;
let stopServer = async () => {};
let tempDir: string | null = null;
let testUrl: string;
if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${dbName}`;
  testUrl = url.toString();
  await ensureDatabase(testUrl);
} else {
  tempDir = mkdtempSync(path.join(os.tmpdir(), "kompassplan-test-"));
  // As root, PostgreSQL runs as a separate OS user that must be able to enter the folder.
  chmodSync(tempDir, 0o755);
  console.log("\n▶ Startar en tillfällig inbäddad PostgreSQL för testerna");
  const server = await startEmbeddedPostgres({
    dataDir: path.join(tempDir, "pg"),
    port: await freePort(),
    database: dbName,
    persistent: false,
  });
  testUrl = server.url;
  stopServer = server.stop;
}

let status = 1;
try {
  await migrate(testUrl);
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: testUrl, NODE_ENV: "test", CHROMIUM_PATH: chromium };
  if (!existsSync(chromium)) {
    if (process.env.CI) {
      console.error(`✖ Chromium saknas (${chromium}); i CI måste webbläsartesterna köras.`);
      process.exit(1);
    }
    console.warn(`⚠ Chromium saknas (${chromium}); webbläsartesterna hoppas över. Installera Debian-paketet chromium.`);
    env.SKIP_BROWSER_TESTS = "true";
  }
  const report = path.join(root, ".cache/vitest-report.json");
  const args = ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
  console.log("\n▶ Tester (vitest)");
  status = spawnSync(bin("vitest"), args, { stdio: "inherit", env }).status ?? 1;
  printSummary(report);
} finally {
  if (process.env.DATABASE_URL) await dropDatabase(testUrl).catch((e) => console.error(e));
  await stopServer();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}
process.exit(status);
