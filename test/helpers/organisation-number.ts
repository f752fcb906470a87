import { randomInt } from "node:crypto";
import { luhnCheckDigit } from "~/domain/municipality.ts";

/** A made-up organisation number with a right check digit (third digit 2 or more), different each call. */
export function randomOrganisationNumber(): string {
  const nine = `222${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}
