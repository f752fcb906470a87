import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveDatabase } from "~/cli/support/embedded-postgres.server.ts";
import { hasTables, PgToolMissing, restoreDatabase } from "~/cli/support/pg-tools.server.ts";

/**
 * `npm run restore -- FILE`: reads a file made by `npm run backup` into DATABASE_URL (or the
 * embedded server), which must be empty: nothing is overwritten. Then `npm run setup` applies
 * any newer migrations. See docs/operations/backup.md.
 */
const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const file = positionals[0] ? path.resolve(positionals[0]) : null;
if (!file || !existsSync(file)) {
  console.error(file ? `${file} finns inte.` : "Ange säkerhetskopian: npm run restore -- FIL");
  process.exit(2);
}
const database = await resolveDatabase(process.cwd());
let code = 0;
try {
  if (await hasTables(database.url)) {
    console.error("Databasen är inte tom. Återställ till en ny, tom databas (se docs/operations/backup.md); inget har ändrats.");
    code = 1;
  } else {
    await restoreDatabase(database.url, file);
    console.error("Databasen är återställd. Kör npm run setup för att lägga på eventuella nyare migreringar.");
  }
} catch (error) {
  console.error(error instanceof PgToolMissing ? error.message : error);
  code = 1;
} finally {
  await database.stop();
}
process.exit(code);
