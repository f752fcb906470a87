/** Field-by-field differences between two versions of an action, for the audit trail. */

export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

type Plain = string | number | null | undefined | readonly string[];

const show = (v: Plain): string | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? [...v].sort().join(", ") : String(v);

export function diffFields(before: Record<string, Plain>, after: Record<string, Plain>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    const oldValue = show(before[field]);
    const newValue = show(after[field]);
    if (oldValue !== newValue) changes.push({ field, oldValue, newValue });
  }
  return changes;
}
