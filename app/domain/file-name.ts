/**
 * The name an uploaded evidence file is listed and downloaded under. Pure.
 *
 * The content decides the type, so the name gets the extension of the detected type: a PNG with
 * HTML appended, named `poly.html`, becomes `poly.png`. Characters that are invisible or change
 * how the rest of the name is shown are dropped: control characters (Cc), format characters (Cf:
 * the bidi embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, marks U+200E/F,
 * zero-width characters), lone surrogates and line/paragraph separators. So `åäö \u202Egnp.exe`,
 * shown as "åäö exe.png", becomes `åäö gnp.png`.
 */

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
const MAX_LENGTH = 200;
const FALLBACK = "underlag";
/** Other spellings of an extension that name the same type. */
const ALIASES: Record<string, string[]> = { jpg: ["jpg", "jpeg", "jpe"] };
/** Something after the last dot that looks like an extension (not "2026.01"). */
const EXTENSION = /\.([A-Za-z0-9]{0,7}[A-Za-z][A-Za-z0-9]{0,7})$/;

const trimName = (s: string) => s.replace(/^[\s.]+|[\s.]+$/gu, "");

/** At most `max` UTF-16 units, never cutting a character in two. */
function truncate(s: string, max: number): string {
  let out = "";
  for (const char of s) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

export function cleanFileName(name: string, ext: string): string {
  const visible = name.normalize("NFC").replace(INVISIBLE, "");
  let base = trimName(visible.split(/[/\\]/).at(-1) ?? "");
  const accepted = ALIASES[ext] ?? [ext];
  const current = EXTENSION.exec(base)?.[1]?.toLowerCase();
  let suffix = `.${ext}`;
  if (current !== undefined && accepted.includes(current)) {
    suffix = base.slice(base.length - current.length - 1);
    base = base.slice(0, base.length - current.length - 1);
  } else if (current !== undefined) {
    base = base.slice(0, base.length - current.length - 1);
    // "rapport.pdf.html" read as a PDF is "rapport.pdf", not "rapport.pdf.pdf".
    const inner = EXTENSION.exec(base)?.[1];
    if (inner !== undefined && accepted.includes(inner.toLowerCase())) {
      suffix = base.slice(base.length - inner.length - 1);
      base = base.slice(0, base.length - inner.length - 1);
    }
  }
  base = trimName(truncate(trimName(base), MAX_LENGTH - suffix.length));
  return `${base || FALLBACK}${suffix}`;
}
