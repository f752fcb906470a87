import { changesWithin, filterReport, reportCommittees, reportFilterFor, type CommitteeFilter } from "~/domain/committees.ts";
import { CURRENT_REPORT, type ReportChanges, type ReportSnapshot } from "~/domain/follow-up-report.ts";
import { t } from "~/i18n/sv.ts";
import { formatDate } from "~/utils/format.ts";
import { getLatestReport, getReport } from "~/models/follow-up-report.server.ts";
import { currentReport } from "./readiness.server.ts";

export interface ReportHeading {
  title: string;
  byline: string;
  coverText: string;
}

export interface ReportForView {
  saved: { id: string; title: string; createdAt: Date; createdBy: string | null } | null;
  snapshot: ReportSnapshot;
  /** The cover text to the council (sammanfattning till nämnden); empty when none is written (always for the unsaved report). */
  coverText: string;
  /** Null for the first report (nothing to compare with). */
  changes: ReportChanges | null;
  /**
   * Issue #14, item 5: the committee the report is narrowed to (null: all), its name as the
   * snapshot recorded it, and the committees the report's actions name, for the filter's choices.
   */
  committee: { filter: CommitteeFilter; name: string | null; choices: ReturnType<typeof reportCommittees> };
}

/** The report narrowed to one committee, and what changed since the one before among its actions. */
function narrowed(snapshot: ReportSnapshot, previous: ReportSnapshot | null, requested: CommitteeFilter) {
  const { filter, name } = reportFilterFor(snapshot, requested);
  return {
    snapshot: filterReport(snapshot, filter),
    changes: previous ? changesWithin(previous, snapshot, filter) : null, committee: { filter, name, choices: reportCommittees(snapshot) } };
}

/**
 * A saved report compared with the one before it, or (for CURRENT_REPORT) the report as it
 * would read if saved at `now`, compared with the latest saved. Null when there is none.
 */
export async function reportForView(
  municipalityId: string,
  reportId: string,
  now: Date,
  committee: CommitteeFilter = null,
): Promise<ReportForView | null> {
  if (reportId === CURRENT_REPORT) {
    const [snapshot, latest] = await Promise.all([currentReport(municipalityId, now), getLatestReport(municipalityId)]);
    if (!snapshot) return null;
    return { saved: null, coverText: "", ...narrowed(snapshot, latest?.snapshot ?? null, committee) };
  }
  const found = await getReport(municipalityId, reportId);
  if (!found) return null;
  const { report, previous } = found;
  return {
    saved: { id: report.id, title: report.title, createdAt: report.createdAt, createdBy: report.createdBy?.name ?? null },
    coverText: report.coverText,
    ...narrowed(report.snapshot, previous?.snapshot ?? null, committee),
  };
}

/** File name for downloads, e.g. "Uppföljningsrapport Sjöviks kommun 2026-11-23.pdf". */
export function reportFileName(snapshot: ReportSnapshot, extension: string): string {
  return `${t.report.reportTitle} ${snapshot.municipality} ${snapshot.asOf}.${extension}`;
}

/** The heading, the line under it and the cover text: the same on the page and in the downloads. */
export function reportHeading(view: ReportForView): ReportHeading {
  const { saved, snapshot } = view;
  const parts = [snapshot.municipality, t.report.asOf(formatDate(snapshot.asOf))];
  if (saved) {
    const at = formatDate(saved.createdAt);
    parts.push(saved.createdBy ? t.report.madeBy(saved.createdBy, at) : t.report.madeAt(at));
  }
  // A report narrowed to one committee says so wherever it is read (page, PDF, Excel).
  if (view.committee.filter !== null) parts.push(t.committees.reportByline(view.committee.name));
  return { title: saved?.title ?? t.report.current, byline: parts.join(" · "), coverText: view.coverText };
}
