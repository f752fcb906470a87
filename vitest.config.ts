import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

/**
 * Three projects: pure unit tests; integration tests against the real PostgreSQL, Redis and
 * a running web server; browser tests in real Chromium. `npm test` (app/cli/test.ts) prepares
 * a throwaway database and the build before it runs them.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    // Files run one after another: the machine has two cores and the browser tests need both.
    fileParallelism: false,
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/helpers/global-server.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/helpers/global-server.ts"],
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
