import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import { bodyLimitFor, countingBody, declaredTooLarge } from "./app/http/body-limit.server.ts";
import { getEnv, publicUrl, requireDataEncryptionKey, requireSessionSecret } from "./app/platform/env.server.ts";
import { isCrossOriginMutation } from "./app/http/origin.server.ts";
import { withRequestMemo } from "./app/platform/request-memo.server.ts";
import { t } from "./app/i18n/sv.ts";

/**
 * The web process: stateless, so any number can run behind a load balancer.
 * Serves the Remix build (`npm run build`) with Express.
 */
const env = getEnv();
try {
  requireSessionSecret(env);
  requireDataEncryptionKey(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const root = import.meta.dirname;
const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
const handleRequest = createRequestHandler(build, env.NODE_ENV);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);
// Files under /build never change once built and browsers keep them a year: they are compressed
// as well as zlib's default can. Pages are made anew for every request: the fastest level costs
// half the time on a 150–250 kB page (~1.5 ms of 3 on this machine) for 5–9 % more bytes (ADR 0046).
app.use(compression({ level: 1, filter: (req, res) => !req.path.startsWith("/build/") && compression.filter(req, res) }));
app.use("/build", compression());

app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  const cross = isCrossOriginMutation(
    req.method,
    {
      origin: req.get("origin"),
      host: req.get("host"),
      forwardedHost: req.get("x-forwarded-host"),
      protocol: req.protocol,
      secFetchSite: req.get("sec-fetch-site"),
    },
    [new URL(publicUrl(env)).origin],
  );
  if (cross) {
    res.status(403).type("text/plain; charset=utf-8").send(t.errors.crossOrigin);
    return;
  }
  // No address of the product holds a control character (short names, ids and tokens are all
  // printable); one that does names nothing. Let through, a NUL in /k/<kort> reached PostgreSQL,
  // which refuses it in text, and the page answered 500.
  if (hasControlCharacter(req.path)) {
    res.status(404).type("text/plain; charset=utf-8").send(`${t.errors.notFoundTitle}. ${t.errors.notFoundBody}`);
    return;
  }
  next();
});

/** Whether a path decodes to a control character; one that does not decode is left to the 400 after this. */
function hasControlCharacter(rawPath: string): boolean {
  if (!/%(?:[01][0-9a-f]|7f)/i.test(rawPath)) return false;
  try {
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u001f\u007f]/.test(decodeURIComponent(rawPath));
  } catch {
    return false;
  }
}

/**
 * Answers 413 in Swedish at once, then reads and discards what the client still sends (so it
 * receives the answer instead of a reset connection) for at most LINGER_MS, and closes the
 * connection if the body has not ended by then. Nothing of the body is kept.
 */
const LINGER_MS = 10_000;
function refuseTooLarge(req: express.Request, res: express.Response, limit: number) {
  if (res.headersSent) return;
  res.status(413).type("text/plain; charset=utf-8");
  res.send(t.errors.bodyTooLarge(Math.floor(limit / (1024 * 1024))));
  req.unpipe();
  req.resume();
  if (req.readableEnded) return;
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
}

app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));

/**
 * Remix, with every request body limited by its route before anything is parsed: a declared
 * Content-Length over the limit is refused unread, and a body without one is counted as it
 * streams and cut off at the limit (ADR 0008).
 */
app.all("*", async (req, res, next) => {
  try {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const limit = bodyLimitFor(req.path);
    if (hasBody && declaredTooLarge(req.get("content-length"), limit)) {
      refuseTooLarge(req, res, limit);
      return;
    }
    let cutOff = false;
    const body = hasBody
      ? createReadableStreamFromReadable(
          countingBody(req, limit, () => {
            cutOff = true;
            refuseTooLarge(req, res, limit);
            controller.abort();
          }),
        )
      : undefined;
    const request = new Request(requestUrl(req), {
      method: req.method,
      headers: requestHeaders(req),
      signal: controller.signal,
      ...(body ? { body, duplex: "half" } : {}),
    } as RequestInit);
    // A request that only reads shares who is signed in between its loaders (ADR 0046).
    const handle = () => handleRequest(request, { ip: req.ip ?? "unknown" });
    const response = await (hasBody ? handle() : withRequestMemo(handle));
    if (cutOff || res.headersSent) return;
    await sendRemixResponse(res, response);
  } catch (error) {
    if (res.headersSent) return;
    next(error);
  }
});

/** As @remix-run/express sends a Remix response (it does not export its helpers). */
async function sendRemixResponse(res: express.Response, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function requestHeaders(req: express.Request): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/** The request's URL as @remix-run/express builds it (host and port from X-Forwarded-Host or Host). */
function requestUrl(req: express.Request): string {
  const port = (header: string | undefined) => Number.parseInt(header?.split(":")[1] ?? "", 10);
  const forwardedPort = port(req.get("X-Forwarded-Host"));
  const hostPort = port(req.get("host"));
  const resolvedPort = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : null;
  return new URL(`${req.protocol}://${req.hostname}${resolvedPort ? `:${resolvedPort}` : ""}${req.originalUrl}`).href;
}

const server = app.listen(env.PORT, () => {
  console.log(`Kompassplan är igång på http://localhost:${env.PORT}`);
});

/**
 * A request whose address or headers exceed Node's limit (16 kB) never reaches Express: Node
 * answered 431 with an empty body, a blank page. It now answers with a short Swedish page and a
 * way back; other malformed requests keep Node's answer.
 */
server.on("clientError", (error: NodeJS.ErrnoException, socket: import("node:stream").Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
  // As Node does by default: nothing is written once a response has begun or the peer is gone.
  if (error.code === "ECONNRESET" || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy(error);
    return;
  }
  if (error.code === "HPE_HEADER_OVERFLOW") {
    const body = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.errors.addressTooLongTitle} – ${t.app.name}</title></head><body><main><h1>${t.errors.addressTooLongTitle}</h1><p>${t.errors.addressTooLongBody}</p><p><a href="/">${t.errors.backToStart}</a></p></main></body></html>`;
    const headers = [
      "Content-Type: text/html; charset=utf-8",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Content-Security-Policy: default-src 'none'",
      "X-Content-Type-Options: nosniff",
      "Cache-Control: no-store",
      "Connection: close",
    ];
    socket.end(`HTTP/1.1 431 Request Header Fields Too Large\r\n${headers.join("\r\n")}\r\n\r\n${body}`);
  } else {
    const status =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : error.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW" ? "413 Payload Too Large" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  }
  // As Node's own answer does, the connection is not kept waiting for the client to close it.
  setTimeout(() => socket.destroy(), 1_000).unref();
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
