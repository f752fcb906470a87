/** What the report reader finds in the text of a Kommunkompassen evaluation report. */

export type FrameworkKey = string;

export interface ParsedQuestion {
  code: string;
  text: string;
  maxPoints: number;
  points: number;
  /** Percent as printed, when printed. */
  percent: number | null;
}

export interface ParsedArea {
  number: number;
  name: string;
  maxPoints: number;
  /** The area total used: the stated total when printed, else the sum of the sub-questions. */
  points: number;
  statedPoints: number | null;
  questions: ParsedQuestion[];
  strengths: string[];
  improvements: string[];
  /** Other municipalities the text names as worth studying. */
  goodExamples: string[];
}

export interface ParsedReport {
  municipality: string | null;
  year: number | null;
  evaluationDates: string | null;
  titlePageDate: string | null;
  evaluators: string[];
  /**
   * The version's key: a catalog version's, or "unknown" when neither the sub-questions nor
   * the area names match any version (null only when the catalog is empty).
   */
  frameworkVersion: FrameworkKey | null;
  /**
   * Present when the report's sub-questions are not yet in the catalog: the areas and
   * sub-questions the reader read, proposed as the version's questions (issue #13).
   */
  learnedVersion?: LearnedVersion;
  areas: ParsedArea[];
  /** The overall total as printed, or null when the report prints none. */
  totalPoints: number | null;
  warnings: ReaderWarning[];
}

export type ReaderWarning =
  | { code: "missing-question"; area: number; question: string }
  | { code: "unknown-question"; area: number; question: string }
  | { code: "duplicate-question"; area: number; question: string }
  | { code: "points-above-max"; area: number; question: string; points: number; maxPoints: number }
  | { code: "max-differs"; area: number; question: string; printed: number; expected: number }
  | { code: "area-sum-mismatch"; area: number; stated: number; computed: number }
  | { code: "area-total-conflict"; area: number; values: number[] }
  | { code: "total-mismatch"; stated: number; computed: number }
  | { code: "list-unsplit"; area: number }
  | { code: "lists-missing"; area: number }
  | { code: "area-missing"; area: number }
  | { code: "version-uncertain" }
  | { code: "metadata-missing"; field: "municipality" | "year" };

export type ReaderFailureReason = "empty" | "not-text" | "not-kommunkompassen" | "no-scores";

export type ReadResult = { ok: true; report: ParsedReport } | { ok: false; reason: ReaderFailureReason };

/** The key the reader gives a version it cannot name by its areas. */
export const UNKNOWN_VERSION = "unknown";

/** A version's areas and sub-questions as read from a report, to be added to the catalog. */
export interface LearnedVersion {
  /** The catalog version whose areas the report has (e.g. "2020"), or null when unknown. */
  key: FrameworkKey | null;
  name: string | null;
  areas: Array<{
    number: number;
    name: string;
    maxPoints: number;
    questions: Array<{ code: string; text: string; maxPoints: number }>;
  }>;
}

/** The part of a framework version the reader needs (from the catalog). */
export interface CatalogVersion {
  key: FrameworkKey;
  name: string;
  firstYear: number;
  areas: Array<{
    number: number;
    name: string;
    maxPoints: number;
    questions: Array<{ code: string; text: string; maxPoints: number }>;
  }>;
}
