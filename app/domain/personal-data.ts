/**
 * Personal data: who may export or erase a person's data, and what an erased person becomes.
 * Pure (no I/O, no clock): the model and the routes ask here. See ADR 0032.
 */

/** The name an erased person keeps in the plan's history: short, stable, not the person. */
export function pseudonymName(userId: string, label: string): string {
  return `${label} ${shortId(userId)}`;
}

/** The first eight hex digits of the id: enough to tell erased people apart in one plan. */
export function shortId(userId: string): string {
  return userId.replace(/-/g, "").slice(0, 8);
}

/**
 * A unique address that can never receive mail: the `.invalid` top-level domain is reserved
 * (RFC 2606) and never resolves, so nothing sent to it leaves the machine.
 */
export function placeholderEmail(userId: string): string {
  return `borttagen-${userId.toLowerCase()}@borttagen.invalid`;
}

export function isPlaceholderEmail(email: string): boolean {
  return /^borttagen-[0-9a-f-]{36}@borttagen\.invalid$/.test(email);
}

export interface ErasureActor {
  id: string;
  isOperator: boolean;
}

export interface ErasureTarget {
  id: string;
  isOperator: boolean;
  /** Every municipality the person is a member of. */
  municipalityIds: readonly string[];
  /** Open actions (not started or in progress) the person owns, in any municipality. */
  openActions: number;
  /** Whether the person is the only coordinator of one of their municipalities. */
  lastCoordinator: boolean;
  erased: boolean;
}

export type ErasureRefusal = "self" | "not-member" | "operator-only" | "last-coordinator" | "open-actions" | "already-erased";

/**
 * Whether `actor` may erase `target`, asked from `municipalityId` (a coordinator's own
 * municipality) or from the operator console (null). A coordinator may erase only a person who
 * belongs to their municipality and to no other, and who is no operator; everyone else is the
 * operator's to erase. A municipality keeps at least one coordinator (as when a member is
 * removed), and open actions must be handed to someone else first.
 */
export function erasureRefusal(
  actor: ErasureActor,
  target: ErasureTarget,
  municipalityId: string | null,
): ErasureRefusal | null {
  if (actor.id === target.id) return "self";
  if (target.erased) return "already-erased";
  if (municipalityId !== null && !target.municipalityIds.includes(municipalityId)) return "not-member";
  if (!actor.isOperator) {
    if (municipalityId === null) return "operator-only";
    const onlyHere = target.municipalityIds.length === 1 && target.municipalityIds[0] === municipalityId;
    if (target.isOperator || !onlyHere) return "operator-only";
  }
  if (target.lastCoordinator) return "last-coordinator";
  if (target.openActions > 0) return "open-actions";
  return null;
}

/** The downloaded file's name: `personuppgifter-<name>-<date>.json`, letters and digits only. */
export function exportFileName(name: string, isoDate: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return `personuppgifter-${slug || "person"}-${isoDate}.json`;
}

/**
 * Replaces every `owner` value equal to `from` in a saved report's snapshot (late actions and
 * the like list owners by name), leaving everything else as it is. Returns the same object when
 * nothing matched.
 */
export function replaceOwnerName(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((v) => {
      const r = replaceOwnerName(v, from, to);
      if (r !== v) changed = true;
      return r;
    });
    return changed ? next : value;
  }
  if (value !== null && typeof value === "object") {
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const r = key === "owner" && v === from ? to : replaceOwnerName(v, from, to);
      if (r !== v) changed = true;
      next[key] = r;
    }
    return changed ? next : value;
  }
  return value;
}

/**
 * Mail text as the extract shows it: a link's secret (invitation, sign-in link, password reset:
 * 32 random bytes in base64url, 43 characters) is replaced, so the extract never carries a link
 * that still works.
 */
export function redactSecrets(text: string, replacement: string): string {
  return text.replace(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43,}(?![A-Za-z0-9_-])/g, replacement);
}
