import { standardFontDataUrl } from "~/platform/report-file.server.ts";

/** The roles of a PDF's structure tree per page (as pdf.js reads them), with figures' alt texts. */
export async function pdfStructure(bytes: Uint8Array): Promise<{ tagged: boolean; roles: string[]; figureAlts: string[]; title: string | null; lang: string | null }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: bytes.slice(), standardFontDataUrl: standardFontDataUrl(), isEvalSupported: false }).promise;
  const roles: string[] = [];
  const figureAlts: string[] = [];
  type Node = { role?: string; alt?: string; children?: Node[] };
  const walk = (node: Node) => {
    if (node.role) roles.push(node.role);
    if (node.role === "Figure" && node.alt) figureAlts.push(node.alt);
    for (const child of node.children ?? []) walk(child);
  };
  for (let n = 1; n <= doc.numPages; n++) {
    const tree = (await (await doc.getPage(n)).getStructTree()) as Node | null;
    if (tree) walk(tree);
  }
  const markInfo = await doc.getMarkInfo();
  const meta = await doc.getMetadata();
  const info = meta.info as { Title?: string; Language?: string };
  await doc.destroy();
  return { tagged: markInfo?.Marked === true, roles, figureAlts, title: info.Title ?? null, lang: info.Language ?? null };
}
