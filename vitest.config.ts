import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests import server modules in plain Node, jsdom suites included: the
      // marker is a no-op here whichever conditions vitest resolves with.
      "#server-only": path.resolve(import.meta.dirname, "lib/markers/outside-the-browser.ts"),
    },
  },
  esbuild: { jsx: "automatic" },
  test: {
    globals: true,
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-file.ts"],
    // Suites share one migrated database; they isolate by creating their own
    // organizations. Files still run in parallel workers.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
