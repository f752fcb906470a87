import { parseArgs } from "node:util";
import { isAcceptedDate, MAX_DATE, MIN_DATE } from "~/domain/dates.ts";
import { exitAfterOutput, printJson } from "./output.ts";

/**
 * `npm run --silent readiness -- --municipality SLUG [--at DATE] --json`: the readiness
 * projection as data, the same numbers as the page.
 */
const { values: options } = parseArgs({
  options: { municipality: { type: "string" }, at: { type: "string" }, json: { type: "boolean", default: false } },
});
function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
if (!options.municipality) fail("Ange --municipality KORTNAMN.");
const at = options.at ? new Date(options.at.length === 10 ? `${options.at}T12:00:00Z` : options.at) : new Date();
if (Number.isNaN(at.getTime()) || !isAcceptedDate(at.toISOString().slice(0, 10)) || (options.at?.length === 10 && !isAcceptedDate(options.at))) {
  fail(`Ogiltigt datum: ${options.at}. Ange ett datum mellan ${MIN_DATE} och ${MAX_DATE}.`);
}

const { resolveDatabase } = await import("~/cli/support/embedded-postgres.server.ts");
const database = await resolveDatabase(process.cwd());
process.env.DATABASE_URL = database.url;
const { getDb } = await import("~/platform/db.server.ts");
try {
  const { findMunicipalityBySlug } = await import("~/models/municipality.server.ts");
  const municipality = await findMunicipalityBySlug(options.municipality);
  if (!municipality) fail(`Det finns ingen kommun med kortnamnet ${options.municipality}.`, 1);
  const { readinessFor } = await import("~/workflows/readiness.server.ts");
  const result = await readinessFor(municipality.id, at);
  if (!result) fail("Kommunen har ingen utvärdering ännu.", 1);
  const four = (f: { current: number; secured: number; likely: number; potential: number }) => ({
    current: f.current,
    secured: f.secured,
    likely: f.likely,
    potential: f.potential,
  });
  const out = {
    questions: result.projection.questions.map((q) => ({ code: q.code, maxPoints: q.maxPoints, ...four(q) })),
    areas: result.projection.areas.map((a) => ({ number: a.number, ...four(a) })),
    total: four(result.projection.total),
    // The evaluation's score (ADR 0040): total.current above; questionSum differs when the report rounds its printed points.
    score: { total: result.score.total, questionSum: result.score.questionSum, differs: result.score.differs },
  };
  if (options.json) await printJson(out);
  else {
    const { formatPoints } = await import("~/utils/format.ts");
    const { scoreDifference } = await import("~/domain/one-score.ts");
    const { scoreDifferenceLine } = await import("~/utils/report-text.ts");
    const f = out.total;
    console.log(`Totalt: nu ${formatPoints(f.current)}, säkrat ${formatPoints(f.secured)}, troligt ${formatPoints(f.likely)}, möjligt ${formatPoints(f.potential)}`);
    const line = scoreDifferenceLine(scoreDifference(result.score));
    if (line) console.log(line);
  }
} finally {
  await getDb().$disconnect();
  await database.stop();
}
await exitAfterOutput(0);
