import { createHash } from "node:crypto";
import { draftFromReport, type EvaluationDraft } from "~/domain/evaluation-draft.ts";
import { readReport } from "~/domain/report-reader/index.ts";
import { warningMessage } from "~/domain/report-reader/messages.ts";
import { normalizeText } from "~/domain/report-reader/text.ts";
import type { CatalogVersion, LearnedVersion, ParsedReport } from "~/domain/report-reader/types.ts";
import { learnedCatalogVersion } from "~/domain/learned-version.ts";
import { t } from "~/i18n/sv.ts";
import { extractReportText, REPORT_LIMITS } from "~/platform/report-file.server.ts";

/** From an uploaded file or pasted text to a draft evaluation with warnings (nothing is saved). */

export type ImportRead =
  | {
      ok: true;
      report: ParsedReport;
      draft: EvaluationDraft;
      warnings: string[];
      sourceHash: string;
      /** The version the draft is in: the catalog's, or the one the report teaches (not yet saved). */
      version: CatalogVersion;
      /** Set when the report's sub-questions are new: what saving the evaluation adds to the catalog. */
      learned: LearnedVersion | null;
    }
  | { ok: false; message: string };

/** The report's fingerprint: its text with all spacing folded, so PDF, Word and text agree. */
export function reportFingerprint(text: string): string {
  const folded = normalizeText(text).replace(/\s+/g, " ").trim();
  return createHash("sha256").update(folded).digest("hex");
}

export function readReportText(text: string, catalog: readonly CatalogVersion[], sourceName: string | null, now = new Date()): ImportRead {
  if (text.length > REPORT_LIMITS.maxTextChars) return { ok: false, message: t.importer.failures["too-much-text"] };
  const result = readReport(text, catalog);
  if (!result.ok) return { ok: false, message: t.importer.failures[result.reason] };
  const learned = result.report.learnedVersion ?? null;
  const version = learned
    ? learnedCatalogVersion(learned, catalog, result.report.year ?? now.getFullYear())
    : catalog.find((v) => v.key === result.report.frameworkVersion);
  if (!version) return { ok: false, message: t.importer.failures.version };
  return {
    ok: true,
    report: result.report,
    draft: draftFromReport(result.report, version, sourceName, now),
    warnings: result.report.warnings.map(warningMessage),
    sourceHash: reportFingerprint(text),
    version,
    learned,
  };
}

export async function readReportFile(
  bytes: Uint8Array,
  catalog: readonly CatalogVersion[],
  fileName: string | null,
): Promise<ImportRead> {
  const extracted = await extractReportText(bytes);
  if (!extracted.ok) return { ok: false, message: t.importer.failures[extracted.reason] };
  return readReportText(extracted.text, catalog, fileName);
}
