import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser } from "playwright-core";

/**
 * Renders a PDF page to an image in real Chromium with pdf.js (no system tools needed), and
 * answers questions about the pixels: where a piece of text was drawn and whether it is ink,
 * and how many pixels carry a given colour. The PNG is written for a person to look at.
 */

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve("pdfjs-dist/package.json"));
const ORIGIN = "http://pdf-render.test";

export interface RenderedPage {
  pageCount: number;
  width: number;
  height: number;
  /** PNG of the rendered page. */
  png: Buffer;
  /** Share of pixels that are not (near) white. */
  inkShare: number;
  /** Pixels within a small distance of the colour (#rrggbb). */
  pixelsOf(color: string): number;
  /** The text's box on the image and the share of dark pixels in it; null when the page has no such text. */
  textBox(text: string): { x: number; y: number; width: number; height: number; darkShare: number } | null;
}

const page = `<!doctype html><html><body style="margin:0;background:#fff"><canvas id="c"></canvas>
<script type="module">
import * as pdfjs from "${ORIGIN}/pdfjs/build/pdf.mjs";
pdfjs.GlobalWorkerOptions.workerSrc = "${ORIGIN}/pdfjs/build/pdf.worker.mjs";
window.render = async (pageNumber, scale) => {
  const doc = await pdfjs.getDocument({ url: "${ORIGIN}/document.pdf", standardFontDataUrl: "${ORIGIN}/pdfjs/standard_fonts/" }).promise;
  const p = await doc.getPage(pageNumber);
  const viewport = p.getViewport({ scale });
  const canvas = document.getElementById("c");
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  await p.render({ canvasContext: ctx, viewport, canvas }).promise;
  const content = await p.getTextContent();
  const items = content.items.filter((i) => "str" in i && i.str.trim()).map((i) => {
    const [a, b, c, d, e, f] = pdfjs.Util.transform(viewport.transform, i.transform);
    const h = Math.hypot(c, d);
    return { str: i.str, x: e, y: f - h, width: i.width * scale, height: h };
  });
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let binary = "";
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
  return { pageCount: doc.numPages, width: canvas.width, height: canvas.height, items, pixels: btoa(binary), png: canvas.toDataURL("image/png") };
};
</script></body></html>`;

export async function renderPdfPage(browser: Browser, pdf: Uint8Array, pageNumber = 1, scale = 1.5): Promise<RenderedPage> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.route(`${ORIGIN}/**`, async (route) => {
      const pathname = new URL(route.request().url()).pathname;
      if (pathname === "/") return route.fulfill({ contentType: "text/html", body: page });
      if (pathname === "/document.pdf") return route.fulfill({ contentType: "application/pdf", body: Buffer.from(pdf) });
      if (pathname.startsWith("/pdfjs/")) {
        const file = path.join(pdfjsRoot, pathname.slice("/pdfjs/".length));
        if (!file.startsWith(pdfjsRoot)) return route.fulfill({ status: 404 });
        const body = await readFile(file).catch(() => null);
        if (!body) return route.fulfill({ status: 404 });
        return route.fulfill({ contentType: file.endsWith(".mjs") ? "text/javascript" : "application/octet-stream", body });
      }
      return route.fulfill({ status: 404 });
    });
    await tab.goto(`${ORIGIN}/`);
    await tab.waitForFunction(() => typeof (window as unknown as { render?: unknown }).render === "function");
    const result = await tab.evaluate(
      ([n, s]) => (window as unknown as { render: (n: number, s: number) => Promise<RenderResult> }).render(n, s),
      [pageNumber, scale] as const,
    );
    return analyse(result);
  } finally {
    await context.close();
  }
}

interface RenderResult {
  pageCount: number;
  width: number;
  height: number;
  items: Array<{ str: string; x: number; y: number; width: number; height: number }>;
  /** RGBA bytes, base64. */
  pixels: string;
  png: string;
}

function analyse(result: RenderResult): RenderedPage {
  const { width, height } = result;
  const pixels = Buffer.from(result.pixels, "base64");
  const at = (x: number, y: number) => (Math.round(y) * width + Math.round(x)) * 4;
  const isWhite = (i: number) => pixels[i]! > 245 && pixels[i + 1]! > 245 && pixels[i + 2]! > 245;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) if (!isWhite(i)) ink++;
  return {
    pageCount: result.pageCount,
    width,
    height,
    png: Buffer.from(result.png.split(",")[1]!, "base64"),
    inkShare: ink / (width * height),
    pixelsOf(color: string) {
      const [r, g, b] = [1, 3, 5].map((o) => parseInt(color.slice(o, o + 2), 16)) as [number, number, number];
      let n = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (Math.abs(pixels[i]! - r) + Math.abs(pixels[i + 1]! - g) + Math.abs(pixels[i + 2]! - b) < 24) n++;
      }
      return n;
    },
    textBox(text: string) {
      const item = result.items.find((i) => i.str.includes(text));
      if (!item) return null;
      let dark = 0;
      let all = 0;
      for (let y = Math.max(0, item.y); y < Math.min(height, item.y + item.height); y++) {
        for (let x = Math.max(0, item.x); x < Math.min(width, item.x + item.width); x++) {
          const i = at(x, y);
          all++;
          if (pixels[i]! < 128 && pixels[i + 1]! < 128 && pixels[i + 2]! < 128) dark++;
        }
      }
      return { x: item.x, y: item.y, width: item.width, height: item.height, darkShare: all ? dark / all : 0 };
    },
  };
}
