import { t } from "~/i18n/sv.ts";
import { discardBody } from "./access.server.ts";

/**
 * Reads a form that may carry a file. Too large a request is read to its end and dropped
 * (so the browser receives our answer, not a reset connection) and reported as such.
 *
 * Multipart bodies are parsed by the platform's FormData parser (undici), which reads quoted
 * file names as browsers send them ("Protokoll KS; bilaga 2.png"; Remix's own parser split
 * them at ";" and answered 500). The body reaching here is already bounded in bytes by the
 * web server (ADR 0008); the number of parts is bounded here, as the body streams, before any
 * part is parsed.
 */
// The evaluation form is posted as multipart from *Ny utvärdering* (hand entry and the
// preview of a read report): two fields per sub-question, four per area, and one per warning,
// so a 2020 report with many sub-questions needs a few hundred parts. Bytes are bounded before.
export const MAX_FORM_PARTS = 2_000;

class TooManyPartsError extends Error {}

export async function readUploadForm(request: Request, maxFileBytes: number): Promise<{ form: FormData } | { tooLarge: true }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) return { form: await request.formData() };
  if (Number(request.headers.get("content-length") ?? 0) > maxFileBytes + 1024 * 1024) {
    await discardBody(request);
    return { tooLarge: true };
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!request.body || !boundary) throw badForm();
  const limited = new Request(request.url, {
    method: request.method,
    headers: { "content-type": contentType },
    body: limitParts(request.body, boundary[1] ?? boundary[2]!, MAX_FORM_PARTS),
    duplex: "half",
  } as RequestInit);
  let form: FormData;
  try {
    form = await limited.formData();
  } catch {
    throw badForm();
  }
  for (const value of form.values()) {
    if (typeof value !== "string" && value.size > maxFileBytes) return { tooLarge: true };
  }
  return { form };
}

function badForm() {
  return new Response(t.errors.badForm, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Passes the body through, failing once it holds more than `maxParts` parts. */
function limitParts(body: ReadableStream<Uint8Array>, boundary: string, maxParts: number): ReadableStream<Uint8Array> {
  const delimiter = Buffer.from(`--${boundary}`);
  let tail = Buffer.alloc(0);
  let delimiters = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        // A delimiter split across chunks is found in the kept tail plus the new chunk; the
        // tail is shorter than a delimiter, so none is counted twice.
        const window = Buffer.concat([tail, chunk]);
        for (let at = window.indexOf(delimiter); at !== -1; at = window.indexOf(delimiter, at + delimiter.length)) delimiters++;
        tail = window.subarray(Math.max(0, window.length - (delimiter.length - 1)));
        // Parts are the delimiters less the closing one.
        if (delimiters - 1 > maxParts) {
          controller.error(new TooManyPartsError());
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
