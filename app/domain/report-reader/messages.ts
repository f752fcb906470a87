import { t } from "~/i18n/sv.ts";
import type { ReaderWarning } from "./types.ts";

/** A reader warning in the user's language. */
export function warningMessage(warning: ReaderWarning): string {
  const format = t.importer.warnings[warning.code] as (w: ReaderWarning) => string;
  return format(warning);
}
