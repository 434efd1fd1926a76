// Every variable the app, its runners or Next itself read as configuration.
// Test runs set what they need and must never inherit the rest from the
// caller's shell or from .env/.env.local (issue 13, item 7).
export const CONFIG_KEYS = [
  "DATABASE_URL",
  "NEXTAUTH_SECRET",
  "NEXTAUTH_URL",
  "GITHUB_ID",
  "GITHUB_SECRET",
  "INBOUND_WEBHOOK_SECRET",
  "PUSHER_APP_ID",
  "PUSHER_KEY",
  "PUSHER_SECRET",
  "PUSHER_CLUSTER",
  "PUSHER_HOST",
  "PUSHER_PORT",
  "PUSHER_USE_TLS",
  "PUSHER_TIMEOUT_MS",
  "NEXT_PUBLIC_PUSHER_KEY",
  "NEXT_PUBLIC_PUSHER_CLUSTER",
  "NEXT_PUBLIC_PUSHER_HOST",
  "NEXT_PUBLIC_PUSHER_PORT",
  "NEXT_PUBLIC_PUSHER_FORCE_TLS",
  "PORT",
  "APP_URL",
  "SEED_DEMO_DATA",
  "BENCH_DATABASE_URL",
  "LOG_LEVEL",
] as const;

/** In-process runs (vitest): forget whatever the caller exported. */
export function clearConfigEnv(env: NodeJS.ProcessEnv = process.env) {
  for (const key of CONFIG_KEYS) delete env[key];
}

/**
 * Child processes that load .env themselves (next build, next start): an
 * empty value is "set" for Next's loader, so .env cannot fill it in, and the
 * app reads an empty value as unset.
 */
export function blankConfigEnv(env: NodeJS.ProcessEnv = process.env) {
  for (const key of CONFIG_KEYS) env[key] = "";
}
