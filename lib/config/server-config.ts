import "#server-only";
import { z } from "zod";

// Safe built-in values for development and tests only. Production refuses to
// start with any of them (see assertProductionConfig).
export const DEV_DEFAULTS = {
  nextAuthSecret: "badger-dev-only-nextauth-secret-change-me",
  pusherAppId: "badger-local",
  pusherKey: "badger-key",
  pusherSecret: "badger-local-secret",
  pusherHost: "127.0.0.1",
  pusherPort: 6001,
} as const;

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString,
  NEXTAUTH_SECRET: optionalString,
  PUSHER_APP_ID: optionalString,
  PUSHER_KEY: optionalString,
  PUSHER_SECRET: optionalString,
  PUSHER_HOST: optionalString,
  PUSHER_PORT: optionalString,
  PUSHER_USE_TLS: optionalString,
  PUSHER_CLUSTER: optionalString,
  PUSHER_TIMEOUT_MS: optionalString,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
});

type RawServerConfig = ReturnType<typeof readServerConfig>;
export type ServerConfig = RawServerConfig & { databaseUrl: string };

function readServerConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.parse(env);
  const usingHostedPusher = Boolean(parsed.PUSHER_CLUSTER && !parsed.PUSHER_HOST);
  return {
    isProduction: parsed.NODE_ENV === "production",
    databaseUrl: parsed.DATABASE_URL,
    nextAuthSecret: parsed.NEXTAUTH_SECRET ?? DEV_DEFAULTS.nextAuthSecret,
    pusher: {
      appId: parsed.PUSHER_APP_ID ?? DEV_DEFAULTS.pusherAppId,
      key: parsed.PUSHER_KEY ?? DEV_DEFAULTS.pusherKey,
      secret: parsed.PUSHER_SECRET ?? DEV_DEFAULTS.pusherSecret,
      cluster: parsed.PUSHER_CLUSTER,
      host: usingHostedPusher ? undefined : (parsed.PUSHER_HOST ?? DEV_DEFAULTS.pusherHost),
      port: usingHostedPusher ? undefined : Number(parsed.PUSHER_PORT ?? DEV_DEFAULTS.pusherPort),
      useTLS: usingHostedPusher || parsed.PUSHER_USE_TLS === "true",
      timeoutMs: Number(parsed.PUSHER_TIMEOUT_MS ?? 2_000),
    },
    github:
      parsed.GITHUB_ID && parsed.GITHUB_SECRET
        ? { clientId: parsed.GITHUB_ID, clientSecret: parsed.GITHUB_SECRET }
        : undefined,
  };
}

/** Secrets we generate ourselves must carry at least this much randomness (openssl rand -base64 32). */
export const MIN_SECRET_LENGTH = 32;

function secretProblem(name: string, value: string | undefined, devDefault: string): string | undefined {
  if (!value) return `${name} is not set.`;
  if (value === devDefault) return `${name} is the development default.`;
  if (value.length < MIN_SECRET_LENGTH) return `${name} must be at least ${MIN_SECRET_LENGTH} characters.`;
  return undefined;
}

/**
 * Every reason the given environment is unfit for production, or []. Only
 * what production cannot work without: inbound webhook secrets are per
 * organization now (in the database), so no global one is required.
 */
export function productionConfigProblems(env: NodeJS.ProcessEnv): string[] {
  const parsed = envSchema.parse(env);
  const problems: (string | undefined)[] = [
    parsed.DATABASE_URL ? undefined : "DATABASE_URL is not set.",
    secretProblem("NEXTAUTH_SECRET", parsed.NEXTAUTH_SECRET, DEV_DEFAULTS.nextAuthSecret),
    secretProblem("PUSHER_SECRET", parsed.PUSHER_SECRET, DEV_DEFAULTS.pusherSecret),
    // Without either, the server SDK used to fall back to 127.0.0.1:6001 in
    // silence: every realtime event was lost and nobody knew.
    parsed.PUSHER_CLUSTER || parsed.PUSHER_HOST
      ? undefined
      : "Realtime is not configured: set PUSHER_CLUSTER (hosted Pusher) or PUSHER_HOST (a compatible server such as soketi).",
    parsed.PUSHER_APP_ID && parsed.PUSHER_KEY ? undefined : "PUSHER_APP_ID and PUSHER_KEY must be set.",
  ];
  return problems.filter((problem): problem is string => problem !== undefined);
}

export function assertProductionConfig(env: NodeJS.ProcessEnv = process.env) {
  if (env.NODE_ENV !== "production") return;
  const problems = productionConfigProblems(env);
  if (problems.length > 0) {
    throw new Error(
      `Badger refuses to start in production:\n  - ${problems.join("\n  - ")}\nSee .env.example.`,
    );
  }
}

let cached: ServerConfig | undefined;
export function serverConfig(): ServerConfig {
  if (!cached) {
    assertProductionConfig();
    const config = readServerConfig(process.env);
    if (!config.databaseUrl) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm run dev`, which provides an embedded database.",
      );
    }
    cached = { ...config, databaseUrl: config.databaseUrl };
  }
  return cached;
}

export function resetServerConfigForTests() {
  cached = undefined;
}
