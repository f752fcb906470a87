import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const getDbPattern = { group: ["**/db.server", "**/db.server.ts", "**/db.server.js"], importNames: ["getDb"], message: "Only app/models/ may use the database client: put the query in a model." };

export default tseslint.config(
  { ignores: ["build/", "public/build/", "app/generated/", "node_modules/", ".data/", "scratch/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The database client stays in the models: only app/models/ may import getDb (ADR 0009).
    // A query anywhere else belongs in a model function that takes the municipality id.
    // Placed before the domain's block so that block's stricter list still applies there.
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: [
      // The home of every query.
      "app/models/**",
      // Commands end by closing the connection pool (getDb().$disconnect()); their queries go
      // through models.
      "app/cli/**",
      // The worker closes the connection pool on shutdown.
      "jobs/worker.ts",
      // The seed loads the framework catalog and the demo in bulk once, before the product runs.
      "prisma/seed/**",
      // Benchmarks create thousands of rows directly and close the pool at the end.
      "bench/**",
      // Tests read and arrange database state directly, independent of the models they test.
      "test/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            getDbPattern,
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "ImportExpression[source.value=/(^|\\/)db\\.server(\\.[jt]s)?$/]", message: "Only app/models/ may use the database client: put the query in a model." },
      ],
    },
  },
  // Each folder of the middle layer may lean only on the folders below it (ADR 0028):
  // domain ← models ← platform ← http ← workflows ← routes; render takes data and returns files.
  // The getDb rule above is repeated, because a later block's rule replaces an earlier one.
  ...[
    { folder: "app/models", forbidden: ["~/http/*", "~/workflows/*", "~/render/*", "~/cli/*"], getDb: false },
    { folder: "app/platform", forbidden: ["~/http/*", "~/workflows/*", "~/render/*", "~/cli/*"], getDb: true },
    { folder: "app/http", forbidden: ["~/workflows/*", "~/render/*", "~/cli/*"], getDb: true },
    { folder: "app/workflows", forbidden: ["~/cli/*"], getDb: true },
    { folder: "app/render", forbidden: ["~/models/*", "~/platform/*", "~/http/*", "~/workflows/*", "~/cli/*"], getDb: true },
  ].map(({ folder, forbidden, getDb }) => ({
    files: [`${folder}/**/*.{ts,tsx}`],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: forbidden, allowTypeImports: true, message: `${folder} may not depend on that folder (ADR 0028).` },
            ...(getDb ? [getDbPattern] : []),
          ],
        },
      ],
      "no-restricted-imports": "off",
    },
  })),
  {
    // The domain stays framework-free: no Remix, Prisma or I/O (see docs/decisions).
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*", "~/generated/*", "@prisma/*", "node:*", "~/models/*", "~/platform/*", "~/http/*", "~/workflows/*", "~/render/*", "~/cli/*"], message: "Domain modules are pure: no framework, database or I/O imports." },
          ],
        },
      ],
    },
  },
);
