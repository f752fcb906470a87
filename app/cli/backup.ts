import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveDatabase } from "~/cli/support/embedded-postgres.server.ts";
import { dumpDatabase, PgToolMissing } from "~/cli/support/pg-tools.server.ts";

/**
 * `npm run backup -- --out FILE`: the whole database as a pg_dump custom-format file, from
 * DATABASE_URL or the embedded server (started for the dump when the product is not running).
 * Evidence files are copied separately (UPLOAD_DIR); see docs/operations/backup.md.
 */
const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("Ange filen att skriva till: npm run backup -- --out FIL");
  process.exit(2);
}
const out = path.resolve(values.out);
if (existsSync(out)) {
  console.error(`${out} finns redan; välj ett annat namn.`);
  process.exit(2);
}
const database = await resolveDatabase(process.cwd());
let code = 0;
try {
  await dumpDatabase(database.url, out);
  console.error(`Säkerhetskopian är skriven till ${out}.`);
} catch (error) {
  console.error(error instanceof PgToolMissing ? error.message : error);
  code = 1;
} finally {
  await database.stop();
}
process.exit(code);
