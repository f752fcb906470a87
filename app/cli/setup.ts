import { migrate } from "~/cli/support/migrator.server.ts";
import { SETUP_LINK_HOURS } from "~/domain/setup-link.ts";
import { t } from "~/i18n/sv.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { issueFirstStartLink } from "~/workflows/operator-setup.server.ts";
import { seedCatalog, seedDemoIfEmpty } from "../../prisma/seed/seed.ts";

/**
 * `npm run setup`: applies migrations, seeds the framework catalog, and seeds the demo
 * municipality when the database is empty. While there is no operator it prints a one-time link
 * to create the first one. Safe to run again.
 */
export async function setup(databaseUrl: string, { demo = true } = {}) {
  process.env.DATABASE_URL = databaseUrl;
  const result = await migrate(databaseUrl);
  for (const name of result.applied) console.log(`Migrering tillämpad: ${name}`);
  await seedCatalog();
  if (demo && process.env.SEED_DEMO !== "false" && (await seedDemoIfEmpty())) console.log("Demokommunen är inlagd.");
  // Without any operator (production's empty database), a one-time link to create the first one,
  // shown only here, in the server's output.
  const link = await issueFirstStartLink(publicUrl());
  if (link) console.log(t.operatorSetup.firstStartLink(link, SETUP_LINK_HOURS));
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
