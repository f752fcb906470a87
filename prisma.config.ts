import { defineConfig } from "prisma/config";

// DATABASE_URL is only needed by commands that talk to the database; `prisma generate`
// works without it, so a placeholder keeps install working on a fresh machine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/kompassplan",
  },
});
