/**
 * Every address of a municipality's pages, and the query keys they read, in one place. Pure:
 * routes, components, models and mail import it alike (prefix with publicUrl() for a link
 * that leaves the browser, such as a mail or a calendar entry).
 */

/** Query keys the pages read: a notice after a redirect, the improvement item of a new action. */
export const QUERY = {
  saved: "sparad",
  created: "skapad",
  deleted: "borttagen",
  item: "punkt",
  /** The new-action form: the sub-question (code) to put first and suggest. */
  question: "delfraga",
  /** The sign-in page: whose provider to offer, and why the last sign-in through it failed. */
  municipality: "kommun",
  failure: "fel",
  remove: "ta-bort",
} as const;

/** `?sparad=1` and the like: the notice a page shows after a redirect. */
export const notice = (key: "saved" | "created" | "deleted") => `?${QUERY[key]}=1`;

/** Query keys of the action plan's filters (the plan page, its exports and the status page's links). */
export const PLAN_QUERY = {
  status: "status",
  owner: "ansvarig",
  area: "omrade",
  late: "sena",
  noAction: "utan",
  /** Open actions without an owner (issue #14, item 1). */
  withoutOwner: "utan-ansvarig",
  /** The page of the plan shown (from 1), or "alla" for every action on one page (ADR 0049). */
  page: "sida",
} as const;

/**
 * The current query with some keys changed: a string value sets the key (in its place, or at the
 * end), null removes it; every other key, repeated ones too, stays as it was. Without "?".
 */
export function changedQuery(params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return next.toString();
}

/** The plan filtered as the status page's counts are: by area, and by status, lateness or a missing owner. */
export function planFilterQuery(filter: { area?: number; status?: string; late?: boolean; withoutOwner?: boolean; noAction?: boolean }): string {
  const params = new URLSearchParams();
  if (filter.area !== undefined) params.set(PLAN_QUERY.area, String(filter.area));
  if (filter.status) params.set(PLAN_QUERY.status, filter.status);
  if (filter.late) params.set(PLAN_QUERY.late, "1");
  if (filter.withoutOwner) params.set(PLAN_QUERY.withoutOwner, "1");
  if (filter.noAction) params.set(PLAN_QUERY.noAction, "1");
  return params.toString();
}

const withQuery = (path: string, query?: string) => (query ? `${path}${query.startsWith("?") ? query : `?${query}`}` : path);

export const paths = {
  municipality: (slug: string) => `/k/${slug}`,
  plan: (slug: string, query?: string) => withQuery(`/k/${slug}/plan`, query),
  planExport: (slug: string, format: "xlsx" | "csv", query?: string) => withQuery(`/k/${slug}/plan.${format}`, query),
  newAction: (slug: string, itemId?: string, questionCode?: string) =>
    withQuery(
      `/k/${slug}/plan/ny`,
      itemId ? `${QUERY.item}=${itemId}${questionCode ? `&${QUERY.question}=${encodeURIComponent(questionCode)}` : ""}` : undefined,
    ),
  action: (slug: string, actionId: string, query?: string) => withQuery(`/k/${slug}/atgarder/${actionId}`, query),
  editAction: (slug: string, actionId: string) => `/k/${slug}/atgarder/${actionId}/redigera`,
  evidence: (slug: string, evidenceId: string) => `/k/${slug}/underlag/${evidenceId}`,
  mine: (slug: string) => `/k/${slug}/mina-atgarder`,
  readiness: (slug: string) => `/k/${slug}/infor-utvardering`,
  /** One sub-question of the readiness projection and the actions that contribute to it. */
  readinessQuestion: (slug: string, code: string) => `/k/${slug}/infor-utvardering/delfraga/${encodeURIComponent(code)}`,
  /** The what-if sandbox (*Tänk om*), a page of its own beside the readiness page (ADR 0047). */
  whatIf: (slug: string) => `/k/${slug}/infor-utvardering/tank-om`,
  /** The readiness page's planned date and target (the form coordinators see there). */
  readinessTarget: (slug: string) => `/k/${slug}/infor-utvardering#target-heading`,
  reports: (slug: string) => `/k/${slug}/rapporter`,
  report: (slug: string, reportId: string, query?: string) => withQuery(`/k/${slug}/rapporter/${reportId}`, query),
  reportFile: (slug: string, reportId: string, format: "pdf" | "excel" | "word", query?: string) => withQuery(`/k/${slug}/rapporter/${reportId}/${format}`, query),
  evaluations: (slug: string, query?: string) => withQuery(`/k/${slug}/utvarderingar`, query),
  newEvaluation: (slug: string) => `/k/${slug}/utvarderingar/ny`,
  evaluation: (slug: string, evaluationId: string, query?: string) => withQuery(`/k/${slug}/utvarderingar/${evaluationId}`, query),
  editEvaluation: (slug: string, evaluationId: string) => `/k/${slug}/utvarderingar/${evaluationId}/redigera`,
  compare: (slug: string) => `/k/${slug}/jamfor`,
  users: (slug: string) => `/k/${slug}/anvandare`,
  reminders: (slug: string) => `/k/${slug}/paminnelser`,
  outbox: (slug: string) => `/k/${slug}/utkorg`,
  personalDataExport: (slug: string, userId: string) => `/k/${slug}/anvandare/${userId}/uppgifter.json`,
  erasePerson: (slug: string, userId: string) => `/k/${slug}/anvandare/${userId}/radera`,
  myPersonalData: () => "/konto/mina-uppgifter.json",
  operatorPersonalDataExport: (userId: string) => `/drift/personer/${userId}/uppgifter.json`,
  operatorErasePerson: (userId: string) => `/drift/personer/${userId}/radera`,
  accessibility: () => "/om-tillganglighet",
  // A person's own account and forgotten passwords (issue #12).
  account: (query?: string) => withQuery("/konto", query),
  forgotPassword: () => "/glomt-losenord",
  resetPassword: (token: string) => `/aterstall-losenord/${token}`,
  // Sign-in through the municipality's OpenID Connect provider (issue #12, item 5).
  oidcSettings: (slug: string) => `/k/${slug}/inloggning`,
  oidcSignIn: (slug: string) => `/logga-in/oidc/${slug}`,
  signInFailed: (slug: string | null, failure: string) =>
    `/logga-in?${slug ? `${QUERY.municipality}=${encodeURIComponent(slug)}&` : ""}${QUERY.failure}=${encodeURIComponent(failure)}`,
  /** Two-step sign-in (issue #12, item 6): set-up for the signed-in person, and the code page of a sign-in. */
  twoStepSetup: (redirectTo?: string) =>
    withQuery("/konto/tvastegsinloggning", redirectTo ? `redirectTo=${encodeURIComponent(redirectTo)}` : undefined),
  signInCode: () => "/logga-in/kod",
  // Issue #12: removing a member (the confirmation) and the audit log.
  removeMember: (slug: string, userId: string) => `/k/${slug}/anvandare?${QUERY.remove}=${userId}`,
  auditLog: (slug: string, query?: string) => withQuery(`/k/${slug}/logg`, query),
  auditLogCsv: (slug: string, query?: string) => withQuery(`/k/${slug}/logg.csv`, query),
  operatorAuditLog: (query?: string) => withQuery("/drift/logg", query),
  operatorAuditLogCsv: (query?: string) => withQuery("/drift/logg.csv", query),
  // Operators (issue #12): the console and the one-time link to become an operator.
  operatorConsole: () => `/drift/kommuner`,
  operatorMunicipality: (slug: string) => `/drift/kommuner/${slug}`,
  operatorSetup: (token: string) => `/driftansvarig/${token}`,
  // Framework versions managed by operators (issue #13, item 1).
  operatorFrameworks: () => "/drift/ramverk",
  operatorFramework: (key: string, query?: string) => withQuery(`/drift/ramverk/${encodeURIComponent(key)}`, query),
  operatorFrameworkFile: (key: string, format: "xlsx" | "json") => `/drift/ramverk/${encodeURIComponent(key)}/ladda-ned?format=${format}`,
  // Issue #13 item 5: a new round closes the old one.
  outcome: (slug: string) => `/k/${slug}/utfall`,
  // An existing plan from Excel or CSV (issue #13, item 6): upload, columns, preview.
  planImport: (slug: string) => `/k/${slug}/plan/importera`,
  planImportColumns: (slug: string, importId: string) => `/k/${slug}/plan/importera/${importId}`,
  planImportPreview: (slug: string, importId: string) => `/k/${slug}/plan/importera/${importId}/granska`,
  // Issue #14, item 5: the committees and departments a coordinator keeps.
  committees: (slug: string, query?: string) => withQuery(`/k/${slug}/namnder`, query),
};

/**
 * Issue #14, item 5: the plan, its exports and the follow-up report filtered by committee
 * (`?namnd=<id>`, or `?namnd=ingen` for actions without one) and the plan grouped by committee
 * (`?visning=namnd`).
 */
export const COMMITTEE_QUERY = { committee: "namnd", view: "visning" } as const;
/** The filter value for actions without a committee. */
export const NO_COMMITTEE = "ingen";
/** The view value of the plan grouped by committee. */
export const BY_COMMITTEE = "namnd";
/** `?namnd=<id>` (or nothing), for a link or a download that keeps the committee filter. */
export const committeeQuery = (committee: string | null) =>
  committee ? `${COMMITTEE_QUERY.committee}=${encodeURIComponent(committee)}` : undefined;

// Issue #13, item 4: correspondences between framework versions (a municipality's, and the shared ones).
/** Query keys of the correspondence pages: the two versions (by key) and the old question being edited. */
export const CORRESPONDENCE_QUERY = { from: "fran", to: "till", question: "fraga" } as const;
const correspondenceQuery = (q: { from?: string; to?: string; question?: string; saved?: boolean }) => {
  const params = new URLSearchParams();
  if (q.from) params.set(CORRESPONDENCE_QUERY.from, q.from);
  if (q.to) params.set(CORRESPONDENCE_QUERY.to, q.to);
  if (q.question) params.set(CORRESPONDENCE_QUERY.question, q.question);
  if (q.saved) params.set(QUERY.saved, "1");
  return params.toString();
};
export const correspondencePaths = {
  municipality: (slug: string, q: Parameters<typeof correspondenceQuery>[0] = {}) => withQuery(`/k/${slug}/motsvarigheter`, correspondenceQuery(q)),
  operator: (q: Parameters<typeof correspondenceQuery>[0] = {}) => withQuery("/drift/ramverk/motsvarigheter", correspondenceQuery(q)),
};
