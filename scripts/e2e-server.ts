// The stack the Playwright suite runs against: a production build, a fresh
// migrated and seeded database (a new database on TEST_DATABASE_URL's local
// server, or an in-memory PGlite), and the local Pusher-protocol server.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { blankConfigEnv } from "./lib/hermetic-env";
import { createScratchDatabase } from "./lib/test-database";
import { repoRoot, startLocalStack, stopOnExit, type LocalRealtime } from "./lib/local-stack";
import type { DeliveryFault } from "../dev/local-pusher-server/delivery-faults";
import { E2E_ENV, E2E_STACK_FILE } from "../e2e/support/e2e-env";

const port = Number(process.env.E2E_PORT ?? 3200);
// Hermetic: nothing the caller exported (DATABASE_URL, PUSHER_*, NEXTAUTH_*,
// PORT…) and nothing in .env/.env.local reaches the build or the server.
// Blank, not deleted: Next's .env loader leaves a variable alone once set.
blankConfigEnv(process.env);

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
}

const stack = await startLocalStack({
  next: "start",
  port,
  embeddedStorage: "memory",
  seed: "always",
  env: { ...E2E_ENV, NODE_ENV: "production" },
  // Any free port unless asked: another stack (a second worktree's suite, a
  // dev server) may hold 6001.
  realtimePort: Number(process.env.E2E_REALTIME_PORT ?? 0),
});
if (dropDatabase) {
  const drop = dropDatabase;
  const stop = stack.stop;
  stack.stop = async () => {
    await stop();
    await drop().catch(() => undefined);
  };
}
stopOnExit(stack);

const realtime = stack.realtime;
if (!realtime) {
  console.error("The e2e stack needs the local Pusher-protocol server: unset PUSHER_HOST and PUSHER_CLUSTER.");
  await stack.stop();
  process.exit(1);
}
const controlPort = await startControlServer(realtime, Number(process.env.E2E_CONTROL_PORT ?? 0));
mkdirSync(path.dirname(E2E_STACK_FILE), { recursive: true });
writeFileSync(
  E2E_STACK_FILE,
  JSON.stringify({
    appUrl: stack.appUrl,
    databaseUrl: stack.env.DATABASE_URL,
    pusherPort: realtime.port,
    pusherKey: stack.env.PUSHER_KEY,
    controlPort,
  }),
);

/**
 * A control endpoint for the suite, on loopback only: POST /realtime/stop and
 * /realtime/start take the local Pusher-protocol server down and bring it back
 * on the same port (the disconnect-and-resync scenario). Chromium's offline
 * emulation does not drop an open WebSocket, so stopping the server is the
 * faithful way to cut every browser's live connection.
 * GET /realtime/connections lists the live connections and their channels;
 * POST /realtime/fault {socketId, event, action: "drop"|"reorder", count?}
 * drops the next matching event for that connection, or holds it back until
 * the next event for it has gone out (issue 16's gap scenarios).
 */
async function startControlServer(realtime: LocalRealtime, port: number): Promise<number> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/realtime/connections") return reply(200, realtime.connections());
    if (req.method === "POST" && req.url === "/realtime/fault") return void injectFault(realtime, req).then((answer) => reply(...answer));
    const action = req.method === "POST" ? /^\/realtime\/(stop|start)$/.exec(req.url ?? "")?.[1] : undefined;
    if (!action) return reply(req.method === "POST" ? 404 : 405, { error: "POST /realtime/stop|start|fault or GET /realtime/connections" });
    (action === "stop" ? realtime.stop() : realtime.start()).then(
      () => {
        console.log(`  e2e       realtime server ${action === "stop" ? "stopped" : "started"} (port ${realtime.port})`);
        reply(200, { running: realtime.running(), port: realtime.port });
      },
      (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  server.unref();
  return (server.address() as AddressInfo).port;
}

async function injectFault(realtime: LocalRealtime, req: IncomingMessage): Promise<[number, unknown]> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  try {
    const fault = JSON.parse(raw) as DeliveryFault;
    const valid =
      typeof fault.socketId === "string" &&
      typeof fault.event === "string" &&
      (fault.action === "drop" || fault.action === "reorder") &&
      (fault.count === undefined || (Number.isInteger(fault.count) && fault.count > 0));
    if (!valid) return [400, { error: 'expected {"socketId","event","action":"drop"|"reorder","count"?}' }];
    realtime.injectFault(fault);
    return [200, { ok: true }];
  } catch (error) {
    return [400, { error: error instanceof Error ? error.message : String(error) }];
  }
}
