import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanFileName } from "~/domain/file-name.ts";
import { attachment } from "~/http/download.server.ts";

/** Evidence file names: the detected type decides the extension; nothing invisible survives (issue #10, item 14). */

// Control (Cc), format (Cf: bidi overrides and isolates, marks, zero-width), surrogates and line/paragraph separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const EXTS = ["pdf", "docx", "xlsx", "png", "jpg", "gif", "webp", "doc", "xls"];

describe("cleanFileName", () => {
  it("gives a polyglot the extension of what it really is", () => {
    expect(cleanFileName("poly.html", "png")).toBe("poly.png");
    expect(cleanFileName("poly.HTML", "png")).toBe("poly.png");
    expect(cleanFileName("bild.PNG", "png")).toBe("bild.PNG");
    expect(cleanFileName("foto.jpeg", "jpg")).toBe("foto.jpeg");
    expect(cleanFileName("Protokoll 2026.01", "pdf")).toBe("Protokoll 2026.01.pdf");
    expect(cleanFileName("rapport", "pdf")).toBe("rapport.pdf");
  });

  it("drops right-to-left overrides, isolates, marks and control characters", () => {
    expect(cleanFileName("åäö \u202Egnp.exe", "png")).toBe("åäö gnp.png");
    expect(cleanFileName("a\u2066b\u2069c\u200E\u200F\u202A\u202B\u202C\u202D.pdf", "pdf")).toBe("abc.pdf");
    expect(cleanFileName("rad\r\nbrytning\u0000\u007F\u0085.pdf", "pdf")).toBe("radbrytning.pdf");
  });

  it("keeps Swedish letters and ordinary punctuation, in composed form", () => {
    expect(cleanFileName("Protokoll KS; bilaga 2.png", "png")).toBe("Protokoll KS; bilaga 2.png");
    expect(cleanFileName("a\u0308ndring.pdf", "pdf")).toBe("ändring.pdf");
  });

  it("keeps only the last path segment and never leaves an empty or hidden name", () => {
    expect(cleanFileName("C:\\Users\\x\\beslut.pdf", "pdf")).toBe("beslut.pdf");
    expect(cleanFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(cleanFileName("\u202E", "pdf")).toBe("underlag.pdf");
    expect(cleanFileName(".htaccess", "png")).toBe("htaccess.png");
    expect(cleanFileName("  ...  ", "gif")).toBe("underlag.gif");
  });

  it("whatever the name: no invisible characters, ends in the detected extension, at most 200 characters", () => {
    const hostile = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.string({ unit: "grapheme-composite", minLength: 150, maxLength: 260 }),
      fc.array(fc.constantFrom("\u202E", "\u2066", "\u2069", "\u200E", "\u200F", "\u0000", "\r", "\n", ".", "/", "\\", " ", "å", "a", "exe", "html", "\uD800"), { maxLength: 30 }).map((p) => p.join("")),
    );
    fc.assert(
      fc.property(hostile, fc.constantFrom(...EXTS), (name, ext) => {
        const out = cleanFileName(name, ext);
        expect(out).not.toMatch(INVISIBLE);
        expect(out.toLowerCase().endsWith(`.${ext}`) || (ext === "jpg" && out.toLowerCase().endsWith(".jpeg"))).toBe(true);
        expect(out.length).toBeLessThanOrEqual(200);
        expect(out.slice(0, out.lastIndexOf(".")).trim()).not.toBe("");
        expect(out).not.toMatch(/[/\\]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("attachment headers", () => {
  it("give an ASCII filename and the real name as RFC 5987 filename*", () => {
    const { "Content-Disposition": cd } = attachment("Beslut (KS) 'slutlig' åäö*.pdf", "application/pdf");
    expect(cd).toBe(`attachment; filename="Beslut__KS___slutlig______.pdf"; filename*=UTF-8''Beslut%20%28KS%29%20%27slutlig%27%20%C3%A5%C3%A4%C3%B6%2A.pdf`);
  });

  it("never carry control characters, and do not throw on a lone surrogate", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (name) => {
        const { "Content-Disposition": cd } = attachment(name, "application/pdf");
        expect(cd).toMatch(/^attachment; filename="[\w.-]+"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/);
      }),
    );
    expect(() => attachment("a\uD800b", "text/plain")).not.toThrow();
  });
});
