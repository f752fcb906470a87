/**
 * Swedish alphabetical order (å, ä, ö last), and sub-question codes in numeric order ("1.2"
 * before "1.10"). One collator each: `localeCompare` with a locale builds a collator on every
 * call, and sorting a plan of 300 actions made ~2,500 of them.
 */
const swedish = new Intl.Collator("sv");
const codes = new Intl.Collator("sv", { numeric: true });

export const compareSwedish = (a: string, b: string): number => swedish.compare(a, b);

export const compareCodes = (a: string, b: string): number => codes.compare(a, b);
