import { z } from "zod";

/**
 * The environment, validated once: the only place app/, jobs/ and server.ts read it. DATABASE_URL
 * is set by the launcher (app/cli/start.ts) when the embedded PostgreSQL is used, so every process
 * sees a real URL here. The exceptions set the environment rather than use it: the commands in
 * app/cli/ and embedded-postgres.server.ts, which resolve DATABASE_URL before it exists.
 */
/** Signs cookies outside production only; it is public (it is in this file). */
export const DEVELOPMENT_SECRET = "kompassplan-development-secret-change-me";

/** Encrypts stored secrets outside production only; public, like DEVELOPMENT_SECRET. */
export const DEVELOPMENT_DATA_KEY = "6b6f6d70617373706c616e2d646576656c6f706d656e742d6b65792d21212121";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Kompassplan <noreply@kompassplan.local>"),
  PORT: z.coerce.number().int().positive().default(3000),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(16).default(DEVELOPMENT_SECRET),
  /** 32 bytes as 64 hex digits: encrypts secrets stored in the database (two-step secrets, OIDC client secrets). */
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: "must be 64 hexadecimal digits (32 bytes), e.g. $(openssl rand -hex 32)" })
    .default(DEVELOPMENT_DATA_KEY),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /**
   * `false` turns off named prepared statements for reads (ADR 0046): needed behind a connection
   * pooler in transaction mode (PgBouncer before 1.21, Supavisor), where a statement prepared on
   * one server connection is not there on the next.
   */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  /** `true` behind a reverse proxy: the client's address is taken from X-Forwarded-For. */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value) => value === "true"),
  /** Where evidence files are stored; default `uploads` in the data folder. */
  UPLOAD_DIR: z.string().optional(),
  /** The data folder (embedded PostgreSQL, uploads, the generated session secret); default `.data`. */
  KOMPASSPLAN_DATA_DIR: z.string().optional(),
  /** The e-mail address the accessibility statement gives for reporting problems; unset: the municipality's coordinator. */
  ACCESSIBILITY_CONTACT: z.email().optional(),
  /** Prefix (Redis) or schema (PostgreSQL) that namespaces the queues, e.g. per test run. */
  QUEUE_PREFIX: z.string().optional(),
  /** The worker: how often the reminder job runs. */
  REMINDER_EVERY_MS: z.coerce.number().positive().default(5 * 60_000),
  /** The worker: how often the sweep looks for mail still PENDING. */
  MAIL_SWEEP_EVERY_MS: z.coerce.number().positive().default(60_000),
  /** The worker: how old a PENDING mail must be before the sweep queues it again (default in jobs/processors/maintenance.ts). */
  MAIL_STALE_MS: z.coerce.number().nonnegative().optional(),
  /** The worker: how often it checks that its recurring jobs still exist. */
  SCHEDULER_CHECK_MS: z.coerce.number().positive().default(60_000),
  /** The worker: after how long a job whose worker died is picked up again (BullMQ's stalled-job check). */
  WORKER_STALLED_MS: z.coerce.number().positive().default(30_000),
  /** `true` lets a provider's issuer be plain http on this computer (localhost, 127.0.0.1): for tests and trials only. */
  OIDC_ALLOW_HTTP_ISSUER: z
    .string()
    .optional()
    .transform((value) => value === "true"),
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
  cached = parsed.data;
  return cached;
}

/**
 * The web process refuses to run in production with the public development secret: anyone
 * could sign a session cookie with it. (`npm start` generates a secret of its own in the
 * data folder, so the quick start needs no configuration.)
 */
export function requireSessionSecret(env: Env = getEnv()): string {
  if (env.NODE_ENV === "production" && env.SESSION_SECRET === DEVELOPMENT_SECRET) {
    throw new Error(
      "SESSION_SECRET is not set (or is the public development secret). In production, set it to a long random value, " +
        "e.g. SESSION_SECRET=$(openssl rand -hex 32). Refusing to start.",
    );
  }
  return env.SESSION_SECRET;
}

/**
 * The key that encrypts secrets kept in the database. Production refuses the public development
 * key, as it refuses the development session secret (`npm start` generates one in the data folder).
 */
export function requireDataEncryptionKey(env: Env = getEnv()): Buffer {
  if (env.NODE_ENV === "production" && env.DATA_ENCRYPTION_KEY.toLowerCase() === DEVELOPMENT_DATA_KEY) {
    throw new Error(
      "DATA_ENCRYPTION_KEY is not set (or is the public development key). In production, set it to 32 random bytes in hex, " +
        "e.g. DATA_ENCRYPTION_KEY=$(openssl rand -hex 32). Refusing to start.",
    );
  }
  return Buffer.from(env.DATA_ENCRYPTION_KEY, "hex");
}

export function publicUrl(env: Env = getEnv()): string {
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/**
 * Cookies are Secure in production. The one exception is a PUBLIC_URL on this computer over
 * http (the quick start sets http://localhost:PORT), where there is no TLS; without
 * PUBLIC_URL they are Secure. SECURE_COOKIES overrides both ways.
 */
export function secureCookies(env: Env = getEnv()): boolean {
  if (env.SECURE_COOKIES) return env.SECURE_COOKIES === "true";
  if (env.NODE_ENV !== "production") return false;
  if (!env.PUBLIC_URL) return true;
  const url = new URL(env.PUBLIC_URL);
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
