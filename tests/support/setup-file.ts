import { inject } from "vitest";
// DOM matchers (toBeInTheDocument, toHaveClass…) for the UI tests under tests/ui.
import "@testing-library/jest-dom/vitest";
import { clearConfigEnv } from "../../scripts/lib/hermetic-env";

// Hermetic: the caller's exported DATABASE_URL, PUSHER_*, NEXTAUTH_*, PORT or
// webhook secrets must change nothing, so every configuration variable is
// dropped and the run sets what it needs. Vitest never loads .env files into
// process.env, and nothing under test calls loadEnvFiles.
clearConfigEnv();
// Route handlers read their configuration from the environment, exactly as in
// production; point them at this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_URL = "http://localhost:3000";
