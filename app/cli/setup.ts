import { migrate } from "~/cli/support/migrator.server.ts";
import { seedCatalog, seedDemoIfEmpty } from "../../prisma/seed/seed.ts";

/**
 * `npm run setup`: applies migrations, seeds the framework catalog, and seeds the demo
 * municipality when the database is empty. Safe to run again.
 */
export async function setup(databaseUrl: string, { demo = true } = {}) {
  process.env.DATABASE_URL = databaseUrl;
  const result = await migrate(databaseUrl);
  for (const name of result.applied) console.log(`Migrering tillämpad: ${name}`);
  await seedCatalog();
  if (demo && process.env.SEED_DEMO !== "false" && (await seedDemoIfEmpty())) console.log("Demokommunen är inlagd.");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { resolveDatabase } = await import("~/cli/support/embedded-postgres.server.ts");
  const { getDb } = await import("~/platform/db.server.ts");
  const db = await resolveDatabase(process.cwd());
  try {
    await setup(db.url);
    console.log("Klart.");
  } finally {
    await getDb().$disconnect();
    await db.stop();
  }
}
