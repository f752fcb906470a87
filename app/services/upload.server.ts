import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { discardBody } from "./access.server.ts";

/**
 * Reads a form that may carry a file. Too large a request is read to its end and dropped
 * (so the browser receives our answer, not a reset connection) and reported as such.
 */
export async function readUploadForm(request: Request, maxFileBytes: number): Promise<{ form: FormData } | { tooLarge: true }> {
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  if (!multipart) return { form: await request.formData() };
  if (Number(request.headers.get("content-length") ?? 0) > maxFileBytes + 1024 * 1024) {
    await discardBody(request);
    return { tooLarge: true };
  }
  try {
    return { form: await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxFileBytes })) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { tooLarge: true };
    throw error;
  }
}
