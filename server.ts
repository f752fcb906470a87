import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { getEnv, publicUrl } from "./app/services/env.server.ts";
import { isCrossOriginMutation } from "./app/services/origin.server.ts";
import { t } from "./app/i18n/sv.ts";

/**
 * The web process: stateless, so any number can run behind a load balancer.
 * Serves the Remix build (`npm run build`) with Express.
 */
const env = getEnv();
const root = import.meta.dirname;
const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true");
app.use(compression());

app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  const cross = isCrossOriginMutation(
    req.method,
    {
      origin: req.get("origin"),
      host: req.get("host"),
      secFetchSite: req.get("sec-fetch-site"),
    },
    [new URL(publicUrl(env)).origin],
  );
  if (cross) {
    res.status(403).type("text/plain; charset=utf-8").send(t.errors.crossOrigin);
    return;
  }
  next();
});

app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req) => ({ ip: req.ip ?? "unknown" }),
  }),
);

const server = app.listen(env.PORT, () => {
  console.log(`Kompassplan är igång på http://localhost:${env.PORT}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
