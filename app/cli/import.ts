import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { oneScore, scoreDifference } from "~/domain/one-score.ts";
import { scoreEvaluation } from "~/domain/scoring.ts";
import { formatPoints } from "~/utils/format.ts";
import { scoreDifferenceLine } from "~/utils/report-text.ts";
import { warningMessage } from "~/domain/report-reader/messages.ts";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import { t } from "~/i18n/sv.ts";
import { extractReportText } from "~/platform/report-file.server.ts";
import { readReportText } from "~/workflows/report-import.server.ts";
import { exitAfterOutput, printJson } from "./output.ts";

/**
 * `npm run --silent import -- [--dry-run] [--json] [--municipality SLUG] FILE`
 * Reads a report with the same reader as the web import. With --dry-run nothing is saved and
 * no database is needed; otherwise the evaluation is saved to the named municipality.
 */

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { values: options, positionals } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    municipality: { type: "string" },
  },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) fail("Ange en rapportfil: npm run import -- [--dry-run] [--json] [--municipality KORTNAMN] FIL", 2);
if (!existsSync(file)) fail(t.importer.failures.missing(file), 2);
if (!options["dry-run"] && !options.municipality) fail("Ange --municipality KORTNAMN, eller --dry-run för att bara läsa.", 2);

const extracted = await extractReportText(new Uint8Array(readFileSync(file)));
if (!extracted.ok) fail(t.importer.failures[extracted.reason]);

let catalog: CatalogVersion[];
let database: { stop(): Promise<void> } | null = null;
if (options["dry-run"]) {
  const catalogFile = path.resolve(import.meta.dirname, "../../prisma/seed/catalog.json");
  catalog = (JSON.parse(readFileSync(catalogFile, "utf8")) as { versions: CatalogVersion[] }).versions;
} else {
  const { resolveDatabase } = await import("~/cli/support/embedded-postgres.server.ts");
  const running = await resolveDatabase(process.cwd());
  database = running;
  process.env.DATABASE_URL = running.url;
  const { getCatalog } = await import("~/models/catalog.server.ts");
  catalog = await getCatalog();
}

const read = readReportText(extracted.text, catalog, path.basename(file));
if (!read.ok) {
  await database?.stop();
  fail(read.message);
}
const { report } = read;

if (options.json) {
  const warnings = report.warnings.map((w) => ({ ...w, message: warningMessage(w) }));
  await printJson({ ...report, warnings });
} else {
  console.log(`${report.municipality ?? "?"} ${report.year ?? "?"} (${report.frameworkVersion})`);
  if (report.learnedVersion) console.log(`  ${t.learnedVersion.title}: ${report.learnedVersion.areas.reduce((n, a) => n + a.questions.length, 0)} delfrågor`);
  for (const area of report.areas) {
    console.log(
      `  ${area.number}. ${area.name}: ${formatPoints(area.points)} p, ${area.questions.length} delfrågor, ${area.strengths.length} styrkor, ${area.improvements.length} förbättringsområden`,
    );
  }
  // The evaluation's score as every page will show it once saved (ADR 0040), and why the sub-questions add up to another number.
  const score = oneScore(
    scoreEvaluation(
      report.areas.map((a) => ({
        number: a.number,
        name: a.name,
        maxPoints: a.maxPoints,
        statedPoints: a.statedPoints,
        questions: a.questions.map((q) => ({ code: q.code, text: q.text, maxPoints: q.maxPoints, points: q.points })),
      })),
      report.totalPoints,
    ),
  );
  console.log(`  Totalt: ${formatPoints(score.total)} av ${formatPoints(score.maxPoints)} p`);
  const difference = scoreDifferenceLine(scoreDifference(score));
  if (difference) console.log(`  ${difference}`);
  for (const w of read.warnings) console.log(`  ! ${w}`);
}

if (!options["dry-run"]) {
  const { getDb } = await import("~/platform/db.server.ts");
  const { findSameEvaluation, fromDraft } = await import("~/models/evaluation.server.ts");
  const { createEvaluationClosingRound, prepareRoundClosing } = await import("~/workflows/new-round.server.ts");
  const { findMunicipalityBySlug } = await import("~/models/municipality.server.ts");
  const municipality = await findMunicipalityBySlug(options.municipality!);
  try {
    if (!municipality) fail(t.importer.failures.municipality(options.municipality!));
    const input = fromDraft(read.draft, read.sourceHash);
    const same = await findSameEvaluation(municipality.id, input);
    if (same) fail(`${t.importer.duplicate} (${same.year}, id ${same.id})`);
    let createdId: string;
    if (read.learned) {
      // A version the report teaches: its questions are saved with the evaluation, as the web
      // import does; an unknown version needs a key and name, which the web preview asks for.
      if (!read.learned.key) fail(t.learnedVersion.errors.unknownInCommand);
      const { saveLearnedVersionWithEvaluation } = await import("~/models/learned-version.server.ts");
      const closing = await prepareRoundClosing(municipality.id, input, null, new Date());
      const saved = await saveLearnedVersionWithEvaluation(municipality.id, { version: read.version, createVersion: false }, input, null, closing?.afterCreate);
      if (!saved.ok) fail(t.learnedVersion.errors.changed);
      createdId = saved.evaluationId;
    } else {
      createdId = (await createEvaluationClosingRound(municipality.id, input, null, new Date())).evaluation.id;
    }
    if (!options.json) console.log(`${t.importer.saved} (id ${createdId})`);
  } finally {
    await getDb().$disconnect();
    await database?.stop();
  }
}
await exitAfterOutput();
