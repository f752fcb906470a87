import process from "node:process";
import { tsImport } from "tsx/esm/api";

/**
 * The report reader's own process (see ../report-file.server.ts): reads the files it is sent,
 * one at a time, and answers each. Plain JavaScript so that Node starts it the same way under
 * tsx, under the test runner and beside the built server bundle; it loads the TypeScript reader
 * through tsx's API, and the PDF and Word libraries by Node's own loader, at once, so the first
 * file does not wait for them.
 */
// The process that asked ended: so does this one.
process.on("disconnect", () => process.exit(0));
const requests = [];
let wake = null;
process.on("message", (request) => {
  requests.push(request);
  wake?.();
});
const [pdfjs, mammoth, { extractWithin }] = await Promise.all([
  import("pdfjs-dist/legacy/build/pdf.mjs"),
  import("mammoth"),
  tsImport("./extract.ts", import.meta.url),
]);
const libraries = { pdfjs, mammoth: mammoth.default };
for (;;) {
  if (requests.length === 0) await new Promise((resolve) => (wake = resolve));
  const { id, bytes, limits } = requests.shift();
  process.send({ id, result: await extractWithin(bytes, limits, libraries) });
}
