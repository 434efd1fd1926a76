// Starts what Badger needs on a laptop with nothing installed: Postgres
// (embedded PGlite unless DATABASE_URL is set), migrations, demo data on first
// start, the local Pusher-protocol server (unless PUSHER_* point elsewhere),
// then Next.js. `npm run dev`, `npm start` and the e2e suite share it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { DEMO_PASSWORD, demoSignInList } from "../../dev/demo/demo-accounts";
import { seedDemoEndpoints } from "../../dev/demo/demo-endpoints";
import { seedDemoData } from "../../dev/demo/seed-demo-data";
import { PrismaClient } from "../../lib/generated/prisma/client";
import {
  startLocalPusherServer,
  type LocalPusherServer,
} from "../../dev/local-pusher-server/create-local-pusher-server";
import type { DeliveryFault } from "../../dev/local-pusher-server/delivery-faults";
import { DEV_DEFAULTS } from "../../lib/config/server-config";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { freePort, isPortFree } from "./free-port";
import { migrateDeploy } from "./migrate";

export const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/** Next's stdout and stderr, both into one file (one descriptor). */
function logFileStdio(file: string): ["ignore", number, number] {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, "a");
  return ["ignore", fd, fd];
}

export type StackOptions = {
  next: "dev" | "start" | "none";
  port: number;
  /** persistent: .data/pglite; memory: a throwaway database (e2e) */
  embeddedStorage: "persistent" | "memory";
  seed: "first-start" | "always" | "never";
  env?: Record<string, string>;
  /**
   * Port of the local Pusher-protocol server; 0: any free one (the e2e stack,
   * so two stacks can run side by side). Default: 6001 when free.
   */
  realtimePort?: number;
  /** Next's output goes to this file instead of the terminal (the bench: a line per request would bury its progress). */
  serverLogFile?: string;
};

/** The local Pusher-protocol server, which the e2e suite stops and restarts to simulate an outage. */
export type LocalRealtime = {
  port: number;
  running(): boolean;
  /** Closes every client connection and the port (clients see the server go away). */
  stop(): Promise<void>;
  /** Listens again on the same port; clients reconnect by themselves. */
  start(): Promise<void>;
  /** Live connections (none while stopped), and a fault for one of them: see delivery-faults.ts. */
  connections(): { socketId: string; channels: string[] }[];
  injectFault(fault: DeliveryFault): void;
};

export type RunningStack = {
  appUrl: string;
  env: Record<string, string>;
  next?: ChildProcess;
  /** Absent when PUSHER_* point at a hosted Pusher or soketi. */
  realtime?: LocalRealtime;
  stop(): Promise<void>;
};

const log = (label: string, text: string) => console.log(`  ${label.padEnd(9)} ${text}`);

export async function startLocalStack(options: StackOptions): Promise<RunningStack> {
  const stops: (() => Promise<void>)[] = [];
  const env: Record<string, string> = { ...options.env };
  const appUrl = `http://localhost:${options.port}`;

  let databaseUrl = process.env.DATABASE_URL;
  let freshEmbedded = false;
  if (!databaseUrl) {
    // The persistent dev database prefers a well-known port (simulate finds it
    // there); a throwaway one takes any free port.
    const preferred = 54329;
    const port = options.embeddedStorage === "persistent" && (await isPortFree(preferred)) ? preferred : await freePort();
    const dataDir = options.embeddedStorage === "persistent" ? path.join(repoRoot, ".data", "pglite") : undefined;
    const started = Date.now();
    const embedded = await startEmbeddedPostgres({ dataDir, port });
    stops.push(() => embedded.stop());
    databaseUrl = embedded.url;
    log("database", `embedded PGlite on 127.0.0.1:${port} (${dataDir ? ".data/pglite" : "in memory"}, ${Date.now() - started} ms)`);
  } else {
    log("database", `DATABASE_URL (${new URL(databaseUrl).host})`);
  }
  env.DATABASE_URL = databaseUrl;
  await migrateDeploy(databaseUrl);

  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    const organizations = await prisma.organization.count();
    freshEmbedded = !process.env.DATABASE_URL && organizations === 0;
    const shouldSeed = options.seed === "always" || (options.seed === "first-start" && freshEmbedded);
    if (shouldSeed) {
      const started = Date.now();
      const summary = await seedDemoData(prisma);
      // Sealed with the secret the Next server below verifies with.
      await seedDemoEndpoints(prisma, env.NEXTAUTH_SECRET || process.env.NEXTAUTH_SECRET || DEV_DEFAULTS.nextAuthSecret);
      log("seed", `${summary.contacts} contacts, ${summary.messages} messages (${Date.now() - started} ms)`);
    }
  } finally {
    await prisma.$disconnect();
  }

  const hostedPusher = Boolean(process.env.PUSHER_CLUSTER || process.env.PUSHER_HOST);
  let realtime: LocalRealtime | undefined;
  if (hostedPusher) {
    log("realtime", `PUSHER_* (${process.env.PUSHER_HOST ?? `cluster ${process.env.PUSHER_CLUSTER}`})`);
  } else {
    const preferred = DEV_DEFAULTS.pusherPort;
    const port = options.realtimePort ?? ((await isPortFree(preferred)) ? preferred : 0);
    // || not ??: the test runners blank what they do not set (hermetic-env.ts).
    const credentials = {
      appId: env.PUSHER_APP_ID || process.env.PUSHER_APP_ID || DEV_DEFAULTS.pusherAppId,
      key: env.PUSHER_KEY || process.env.PUSHER_KEY || DEV_DEFAULTS.pusherKey,
      secret: env.PUSHER_SECRET || process.env.PUSHER_SECRET || DEV_DEFAULTS.pusherSecret,
    };
    realtime = await startLocalRealtime({ ...credentials, port });
    stops.push(realtime.stop);
    Object.assign(env, {
      PUSHER_APP_ID: credentials.appId,
      PUSHER_KEY: credentials.key,
      PUSHER_SECRET: credentials.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(realtime.port),
      NEXT_PUBLIC_PUSHER_KEY: credentials.key,
      NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1",
      NEXT_PUBLIC_PUSHER_PORT: String(realtime.port),
      NEXT_PUBLIC_PUSHER_FORCE_TLS: "false",
    });
    log("realtime", `local Pusher-protocol server on ws://127.0.0.1:${realtime.port}`);
  }

  env.NEXTAUTH_URL ||= process.env.NEXTAUTH_URL || appUrl;
  let next: ChildProcess | undefined;
  if (options.next !== "none") {
    next = spawn(path.join(repoRoot, "node_modules", ".bin", "next"), [options.next, "--port", String(options.port)], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: options.serverLogFile ? logFileStdio(options.serverLogFile) : "inherit",
    });
    stops.unshift(async () => {
      if (next && next.exitCode === null) {
        const exited = new Promise((resolve) => next!.once("exit", resolve));
        next.kill("SIGTERM");
        await exited;
      }
    });
  }

  return {
    appUrl,
    env,
    next,
    realtime,
    async stop() {
      for (const stop of stops) await stop().catch(() => undefined);
    },
  };
}

async function startLocalRealtime(options: { appId: string; key: string; secret: string; port: number }): Promise<LocalRealtime> {
  let server: LocalPusherServer | null = await startLocalPusherServer(options);
  const port = server.port;
  let starting: Promise<void> | null = null;
  return {
    port,
    running: () => server !== null,
    connections: () => server?.connections() ?? [],
    injectFault(fault) {
      if (!server) throw new Error("the realtime server is stopped");
      server.injectFault(fault);
    },
    async stop() {
      await starting;
      const current = server;
      server = null;
      await current?.close();
    },
    async start() {
      starting ??= (async () => {
        if (!server) server = await startLocalPusherServer({ ...options, port });
      })().finally(() => {
        starting = null;
      });
      await starting;
    },
  };
}

export function printWelcome(appUrl: string) {
  console.log(`\n  Badger is starting at ${appUrl}`);
  console.log(`  Sign in with password "${DEMO_PASSWORD}" as: ${demoSignInList()}\n`);
}

/** Stops everything on Ctrl-C, and when Next exits on its own. */
export function stopOnExit(stack: RunningStack) {
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  stack.next?.on("exit", (code) => void shutdown(code ?? 0));
}
