import { parseArgs } from "node:util";
import { z } from "zod";
import { SETUP_LINK_HOURS } from "~/domain/setup-link.ts";
import { t } from "~/i18n/sv.ts";
import { exitAfterOutput, writeOut } from "./output.ts";

/**
 * `npm run operator -- --email ADDRESS`: for scripted installs. Makes the account with that
 * address an operator (creating it without a password when there is none) and prints a one-time
 * link, valid 24 hours, where the person chooses a password; earlier links for the account stop
 * working. Together with the first-start link of `npm start`/`npm run setup`, the only way an
 * operator comes to be. Run `npm run setup` first (it applies the migrations).
 */
function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let options: { email?: string | undefined };
try {
  ({ values: options } = parseArgs({ options: { email: { type: "string" } } }));
} catch {
  fail(t.operatorSetup.commandUsage);
}
const email = z.email().max(320).safeParse(options.email?.trim().toLowerCase());
if (!email.success) fail(options.email ? `${t.signIn.emailInvalid}\n${t.operatorSetup.commandUsage}` : t.operatorSetup.commandUsage);

const { resolveDatabase } = await import("~/cli/support/embedded-postgres.server.ts");
const database = await resolveDatabase(process.cwd());
process.env.DATABASE_URL = database.url;
const { getDb } = await import("~/platform/db.server.ts");
try {
  const { publicUrl } = await import("~/platform/env.server.ts");
  const { issueOperatorLink } = await import("~/workflows/operator-setup.server.ts");
  const { created, link } = await issueOperatorLink(email.data, publicUrl());
  const say = created ? t.operatorSetup.commandCreated : t.operatorSetup.commandReinvited;
  await writeOut(`${say(email.data, link, SETUP_LINK_HOURS)}`);
} finally {
  await getDb().$disconnect();
  await database.stop();
}
await exitAfterOutput(0);
