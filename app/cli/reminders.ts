import { parseArgs } from "node:util";
import { isAcceptedDate, MAX_DATE, MIN_DATE } from "~/domain/dates.ts";
import { exitAfterOutput, printJson } from "./output.ts";

/**
 * `npm run --silent reminders -- --dry-run --at <ISO time> [--municipality SLUG] --json`
 * prints the notifications due at that moment, without sending or recording anything.
 * Without --dry-run it runs the reminder job once, now, and hands new mails to the queue.
 */
const { values: options } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    at: { type: "string" },
    municipality: { type: "string" },
    json: { type: "boolean", default: false },
  },
});

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const at = options.at ? new Date(options.at) : new Date();
if (Number.isNaN(at.getTime()) || !isAcceptedDate(at.toISOString().slice(0, 10))) {
  fail(`Ogiltig tidpunkt: ${options.at}. Använd ISO-format, t.ex. 2026-12-01T08:00:00+01:00, mellan ${MIN_DATE} och ${MAX_DATE}.`);
}

const { resolveDatabase } = await import("~/cli/support/embedded-postgres.server.ts");
const database = await resolveDatabase(process.cwd());
process.env.DATABASE_URL = database.url;
const { getDb } = await import("~/platform/db.server.ts");
try {
  let municipalityId: string | undefined;
  if (options.municipality) {
    const { findMunicipalityBySlug } = await import("~/models/municipality.server.ts");
    const m = await findMunicipalityBySlug(options.municipality);
    if (!m) fail(`Det finns ingen kommun med kortnamnet ${options.municipality}.`, 1);
    municipalityId = m.id;
  }
  const { computeDue, runReminderTick, sendInstant } = await import("~/workflows/reminders.server.ts");
  if (options["dry-run"]) {
    const due = await computeDue(at, municipalityId);
    const rows = due.map((n) => ({
      recipient: n.recipient,
      kind: n.kind,
      actionId: n.actionId,
      identity: n.identity,
      sendAt: sendInstant(n.sendDate).toISOString(),
    }));
    if (options.json) await printJson(rows);
    else for (const r of rows) console.log(`${r.sendAt}  ${r.kind.padEnd(18)} ${r.recipient}  ${r.actionId ?? ""}`);
  } else {
    const { enqueueMailDeliveries } = await import("~/platform/queue.server.ts");
    const result = await runReminderTick(at, enqueueMailDeliveries, municipalityId);
    console.log(options.json ? JSON.stringify(result) : `Förfallna: ${result.due}, nya: ${result.stored}, köade: ${result.queued}`);
    process.exitCode = 0;
  }
} finally {
  await getDb().$disconnect();
  await database.stop();
}
await exitAfterOutput();
