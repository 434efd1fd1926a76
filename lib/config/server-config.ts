import { z } from "zod";

// Safe built-in values for development and tests only. Production refuses to
// start with any of them (see assertProductionConfig).
export const DEV_DEFAULTS = {
  nextAuthSecret: "badger-dev-only-nextauth-secret-change-me",
  inboundWebhookSecret: "badger-dev-only-webhook-secret",
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
  INBOUND_WEBHOOK_SECRET: optionalString,
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
    inboundWebhookSecret: parsed.INBOUND_WEBHOOK_SECRET ?? DEV_DEFAULTS.inboundWebhookSecret,
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

/** Every reason the given environment is unfit for production, or []. */
export function productionConfigProblems(env: NodeJS.ProcessEnv): string[] {
  const config = readServerConfig(env);
  const problems: string[] = [];
  if (!config.databaseUrl) problems.push("DATABASE_URL is not set.");
  if (!env.NEXTAUTH_SECRET) problems.push("NEXTAUTH_SECRET is not set.");
  else if (config.nextAuthSecret === DEV_DEFAULTS.nextAuthSecret)
    problems.push("NEXTAUTH_SECRET is the development default.");
  else if (config.nextAuthSecret.length < 32)
    problems.push("NEXTAUTH_SECRET must be at least 32 characters.");
  if (config.inboundWebhookSecret === DEV_DEFAULTS.inboundWebhookSecret)
    problems.push("INBOUND_WEBHOOK_SECRET is missing or the development default.");
  if (config.pusher.secret === DEV_DEFAULTS.pusherSecret)
    problems.push("PUSHER_SECRET is missing or the development default.");
  return problems;
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
