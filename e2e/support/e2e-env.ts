import path from "node:path";

// Fixed, non-default secrets for the e2e stack: the production build refuses
// the development defaults, and the suite needs NEXTAUTH_SECRET to open the
// demo organizations' endpoint secrets (sealed with it) to sign webhooks.
export const E2E_ENV = {
  NEXTAUTH_SECRET: "e2e-only-nextauth-secret-0123456789abcdef0123456789",
  PUSHER_APP_ID: "badger-e2e",
  PUSHER_KEY: "badger-e2e-key",
  PUSHER_SECRET: "e2e-only-pusher-secret-0123456789abcdef",
  // a line per request is production's default; the test output keeps warnings and errors
  LOG_LEVEL: "warn",
} as const;

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_STACK_FILE = path.resolve(import.meta.dirname, "..", "..", "test-results", "e2e-stack.json");
