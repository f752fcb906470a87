// Runs `prisma generate` after install. Prisma 7's CLI wants a native schema engine that it
// downloads from outside the npm registry; generating the client does not use it, so we point
// PRISMA_SCHEMA_ENGINE_BINARY at an existing file (this Node binary) to stop the download.
import { spawnSync } from "node:child_process";
import process from "node:process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
