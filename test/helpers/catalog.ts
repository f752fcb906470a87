import { readFileSync } from "node:fs";
import path from "node:path";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";

/** The framework catalog the product seeds, read from its seed file. */
export const catalog: CatalogVersion[] = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../prisma/seed/catalog.json"), "utf8")) as {
    versions: CatalogVersion[];
  }
).versions;

export const sharedReports = path.resolve(import.meta.dirname, "../../../shared/reports");
