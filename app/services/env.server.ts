import { z } from "zod";

/**
 * The environment, validated once. DATABASE_URL is set by the launcher (app/cli/start.ts)
 * when the embedded PostgreSQL is used, so every process sees a real URL here.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Kompassplan <noreply@kompassplan.local>"),
  PORT: z.coerce.number().int().positive().default(3000),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(16).default("kompassplan-development-secret-change-me"),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(emptyToUndefined(process.env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  if (parsed.data.NODE_ENV === "production" && !process.env.SESSION_SECRET) {
    console.warn("SESSION_SECRET is not set; using the development secret. Set it in production.");
  }
  cached = parsed.data;
  return cached;
}

export function publicUrl(env: Env = getEnv()): string {
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/**
 * Cookies are Secure in production. The one exception is the quick start on this computer
 * (http://localhost), where there is no TLS; SECURE_COOKIES overrides both ways.
 */
export function secureCookies(env: Env = getEnv()): boolean {
  if (env.SECURE_COOKIES) return env.SECURE_COOKIES === "true";
  if (env.NODE_ENV !== "production") return false;
  const url = new URL(publicUrl(env));
  const local = url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return !local;
}

/** Parses an environment without caching it (for tests and tools). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return envSchema.parse(emptyToUndefined(source));
}

function emptyToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(source)) out[key] = value === "" ? undefined : value;
  return out;
}
