import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";

/**
 * Renders every document to one string. React 18.3's streaming renderer
 * (renderToPipeableStream, Remix's default) can split a multi-byte character at its 2 KB
 * chunk boundary and emit a 0x00 byte in its place (facebook/react #24985, #31134): pages with
 * å, ä and ö then showed U+FFFD, and a form saved without JavaScript stored it. No loader here
 * defers data, so nothing is lost by not streaming. The default entry's isbot branch (wait for
 * everything for crawlers, stream the shell to browsers) is moot: every client now receives
 * the complete document, which is what bots were given.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const html = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { status: responseStatusCode, headers: responseHeaders });
}
