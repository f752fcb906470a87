import { describe, expect, it } from "vitest";
import { t } from "~/i18n/sv.ts";

/** Every text of the catalog, functions called with sample arguments, with its path. */
function texts(node: unknown, path: string, out: Array<[string, string]>) {
  if (typeof node === "string") out.push([path, node]);
  else if (typeof node === "function") {
    const sample = Array.from({ length: node.length }, () => "x");
    try {
      texts((node as (...args: unknown[]) => unknown)(...sample), path, out);
    } catch {
      // A function that needs arguments of another shape: its literal parts are checked below.
    }
  } else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) texts(v, `${path}.${k}`, out);
  return out;
}

describe("Swedish in the catalog (issue #14)", () => {
  const all = texts(t, "t", []);

  it('writes "i dag", never "idag"', () => {
    expect(all.filter(([, s]) => /\bidag\b/i.test(s))).toEqual([]);
  });

  it("uses typographic quotes (”…”), not straight ones, in user text", () => {
    expect(all.filter(([, s]) => s.includes('"'))).toEqual([]);
    // Nor English opening quotes or guillemets: Swedish writes ”…” with the same mark on both sides.
    expect(all.filter(([, s]) => /[“„«»]/.test(s))).toEqual([]);
  });

  it('asks for "högst fem dagar" for the reminder days', () => {
    expect(t.policy.errors.daysBefore).toContain("Ange högst fem dagar");
  });
});
