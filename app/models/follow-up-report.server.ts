import type { ReportSnapshot } from "~/domain/follow-up-report.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, readRows } from "~/platform/db.server.ts";
import { recordAudit } from "./audit.server.ts";

/** Saved follow-up reports. Every query takes the municipality id. */

const summary = {
  id: true,
  title: true,
  asOf: true,
  coverText: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} as const;

/** Saved reports, newest first (`take` for only the latest few). */
export async function listReports(municipalityId: string) {
  return getDb().followUpReport.findMany({ where: { municipalityId }, orderBy: { createdAt: "desc" }, select: summary });
}

/** The latest saved report's address, title and date (YYYY-MM-DD), or null. */
export async function latestReport(municipalityId: string) {
  // Read flat: the status page asks for it on every view (ADR 0046).
  const [row] = await readRows<Array<{ id: string; title: string; asOf: string }>>(Prisma.sql`
    SELECT r."id"::text AS "id", r."title", to_char(r."asOf", 'YYYY-MM-DD') AS "asOf"
    FROM "FollowUpReport" r WHERE r."municipalityId" = ${municipalityId}::uuid
    ORDER BY r."createdAt" DESC LIMIT 1`);
  return row ?? null;
}

/**
 * Stores a report with its cover text (sammanfattning till nämnden); `createdAt` is only given
 * by the demo seed, which dates a report in the past.
 */
export async function saveReport(municipalityId: string, userId: string, title: string, snapshot: ReportSnapshot, createdAt?: Date, coverText = "") {
  return getDb().followUpReport.create({
    data: {
      municipalityId,
      createdById: userId,
      title,
      asOf: new Date(`${snapshot.asOf}T00:00:00Z`),
      snapshot: snapshot as object,
      coverText,
      ...(createdAt ? { createdAt } : {}),
    },
    select: { id: true },
  });
}

/**
 * Changes a saved report's cover text and records the change (old and new text) in the audit
 * log, in one transaction. False when the municipality has no such report.
 */
export async function changeCoverText(municipalityId: string, reportId: string, coverText: string, actorId: string): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const report = await tx.followUpReport.findFirst({ where: { id: reportId, municipalityId }, select: { coverText: true } });
    if (!report) return false;
    if (report.coverText === coverText) return true;
    await tx.followUpReport.update({ where: { id: reportId }, data: { coverText } });
    await recordAudit(
      { municipalityId, actorId, entityType: "FollowUpReport", entityId: reportId, event: "report.cover-text-changed", field: "coverText", oldValue: report.coverText, newValue: coverText },
      tx,
    );
    return true;
  });
}

/** A saved report and the one saved just before it (for "what changed"): one query (ADR 0046). */
export async function getReport(municipalityId: string, reportId: string) {
  type Row = { id: string; title: string; asOf: string; coverText: string; createdAt: Date; createdBy: string | null; snapshot: unknown };
  const rows = await readRows<Array<Row & { which: "report" | "previous" }>>(Prisma.sql`
    WITH report AS (
      SELECT r.* FROM "FollowUpReport" r WHERE r."id" = ${reportId}::uuid AND r."municipalityId" = ${municipalityId}::uuid
    ), previous AS (
      SELECT p.* FROM "FollowUpReport" p, report r
      WHERE p."municipalityId" = ${municipalityId}::uuid AND p."createdAt" < r."createdAt"
      ORDER BY p."createdAt" DESC LIMIT 1
    )
    SELECT x."which", x."id"::text AS "id", x."title", to_char(x."asOf", 'YYYY-MM-DD') AS "asOf", x."coverText", x."createdAt", u."name" AS "createdBy", x."snapshot"
    FROM (SELECT 'report' AS "which", * FROM report UNION ALL SELECT 'previous' AS "which", * FROM previous) x
    LEFT JOIN "User" u ON u."id" = x."createdById"`);
  // As the ORM gave it: the DATE at midnight UTC, the author as { name }.
  const shaped = (row: Row) => ({
    id: row.id,
    title: row.title,
    asOf: new Date(`${row.asOf}T00:00:00Z`),
    coverText: row.coverText,
    createdAt: row.createdAt,
    createdBy: row.createdBy === null ? null : { name: row.createdBy },
    snapshot: row.snapshot as ReportSnapshot,
  });
  const report = rows.find((r) => r.which === "report");
  if (!report) return null;
  const previous = rows.find((r) => r.which === "previous");
  return { report: shaped(report), previous: previous ? shaped(previous) : null };
}

export async function getLatestReport(municipalityId: string) {
  const latest = await getDb().followUpReport.findFirst({
    where: { municipalityId },
    orderBy: { createdAt: "desc" },
    select: { ...summary, snapshot: true },
  });
  return latest ? withSnapshot(latest) : null;
}

function withSnapshot<R extends { snapshot: unknown }>(row: R): Omit<R, "snapshot"> & { snapshot: ReportSnapshot } {
  return { ...row, snapshot: row.snapshot as ReportSnapshot };
}
