// The stack the Playwright suite runs against: a production build, a fresh
// migrated and seeded database (a new database on TEST_DATABASE_URL's local
// server, or an in-memory PGlite), and the local Pusher-protocol server.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase } from "./lib/test-database";
import { repoRoot, startLocalStack, stopOnExit } from "./lib/local-stack";
import { E2E_ENV, E2E_STACK_FILE } from "../e2e/support/e2e-env";

const port = Number(process.env.E2E_PORT ?? 3200);

if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(path.join(repoRoot, "node_modules", ".bin", "next"), ["build"], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, ...E2E_ENV, NODE_ENV: "production" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let dropDatabase: (() => Promise<void>) | undefined;
if (process.env.TEST_DATABASE_URL) {
  // createScratchDatabase refuses any server that is not on this machine.
  const scratch = await createScratchDatabase({ migrate: false, label: "e2e" });
  process.env.DATABASE_URL = scratch.url;
  dropDatabase = scratch.drop;
} else {
  delete process.env.DATABASE_URL;
}
for (const name of ["PUSHER_HOST", "PUSHER_CLUSTER", "PUSHER_PORT"]) delete process.env[name];

const stack = await startLocalStack({
  next: "start",
  port,
  embeddedStorage: "memory",
  seed: "always",
  env: { ...E2E_ENV, NODE_ENV: "production" },
});
mkdirSync(path.dirname(E2E_STACK_FILE), { recursive: true });
writeFileSync(
  E2E_STACK_FILE,
  JSON.stringify({ appUrl: stack.appUrl, databaseUrl: stack.env.DATABASE_URL, pusherPort: Number(stack.env.PUSHER_PORT) }),
);
if (dropDatabase) {
  const drop = dropDatabase;
  const stop = stack.stop;
  stack.stop = async () => {
    await stop();
    await drop().catch(() => undefined);
  };
}
stopOnExit(stack);
