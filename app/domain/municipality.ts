/**
 * Rules for a municipality's identity as the operator enters it. Pure: no I/O, no clock.
 */

/** The short name in the address (/k/<slug>): lower-case a–z, digits and single hyphens between them. */
export const SLUG_MIN = 2;
export const SLUG_MAX = 40;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidSlug(slug: string): boolean {
  return slug.length >= SLUG_MIN && slug.length <= SLUG_MAX && SLUG.test(slug);
}

export type OrganisationNumberCheck =
  | { ok: true; value: string }
  | { ok: false; reason: "format" | "personal-number" | "check-digit" };

/**
 * A Swedish organisation number, typed as NNNNNN-NNNN (or ten digits without the hyphen).
 * The third digit of a legal person's number is 2 or more (lower is a personal identity number,
 * which is never stored here), and the tenth digit is the Luhn check digit of the first nine.
 * Returns the number written as NNNNNN-NNNN.
 */
export function checkOrganisationNumber(raw: string): OrganisationNumberCheck {
  const match = /^(\d{6})-?(\d{4})$/.exec(raw.trim());
  if (!match) return { ok: false, reason: "format" };
  const digits = `${match[1]}${match[2]}`;
  if (Number(digits[2]) < 2) return { ok: false, reason: "personal-number" };
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return { ok: false, reason: "check-digit" };
  return { ok: true, value: `${match[1]}-${match[2]}` };
}

/** The Luhn (mod 10) check digit of a string of digits: every other digit from the left doubled, starting with the first. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export const MAX_EMAIL_DOMAINS = 20;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * E-mail domains typed as a list separated by commas, spaces or line breaks ("@" in front is
 * allowed). Returns them lower-cased without duplicates, or the first one that is no domain.
 */
export function parseEmailDomains(raw: string): { ok: true; domains: string[] } | { ok: false; invalid: string } | { ok: false; tooMany: true } {
  const parts = raw
    .split(/[\s,;]+/)
    .map((p) => p.trim().toLowerCase().replace(/^@/, ""))
    .filter((p) => p !== "");
  const domains = [...new Set(parts)];
  const invalid = domains.find((d) => !DOMAIN.test(d));
  if (invalid !== undefined) return { ok: false, invalid };
  if (domains.length > MAX_EMAIL_DOMAINS) return { ok: false, tooMany: true };
  return { ok: true, domains };
}

/**
 * Whether a person may sign in, as far as their municipalities go: operators always; a person
 * with memberships only if at least one of those municipalities is active. A person with no
 * membership at all is not refused here (they land on the empty municipality list).
 */
export function municipalitiesAllowSignIn(isOperator: boolean, memberships: ReadonlyArray<{ active: boolean }>): boolean {
  if (isOperator || memberships.length === 0) return true;
  return memberships.some((m) => m.active);
}
