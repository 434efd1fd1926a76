// The app the HTTP, realtime and mark-read measurements talk to. Full runs:
// the production build behind `next start` (real sockets, real server). Smoke
// runs: the same route handlers called in this process, as the integration
// tests do, so CI exercises every code path in seconds without a build.
import { DEV_DEFAULTS } from "@/lib/config/server-config";
import { setPrismaForProcess, type Database } from "@/lib/db/prisma";
import { buildApp, startApp, type BenchFetch } from "./http-stack";

export type Session = { userId: string; organizationId: string };

export type AppTarget = {
  mode: "server" | "in-process";
  appUrl?: string;
  nextPid?: number;
  /** The app's NEXTAUTH_SECRET, which seals inbound endpoint secrets. */
  serverSecret: string;
  pusher: { key: string; port: number };
  client(session?: Session): Promise<BenchFetch>;
  /** Headers that authenticate a raw HTTP client (autocannon) as `session`. */
  authHeaders?(session: Session): Promise<Record<string, string>>;
  stop(): Promise<void>;
};

export async function startServerTarget(options: { databaseUrl: string; port: number; skipBuild: boolean }): Promise<AppTarget> {
  if (options.skipBuild) {
    console.log("  build     skipped (--skip-build): using the existing .next build");
  } else {
    console.log("  build     npm run build ...");
    const buildMs = await buildApp();
    console.log(`  build     done in ${(buildMs / 1000).toFixed(0)} s`);
  }
  const app = await startApp(options);
  return {
    mode: "server",
    appUrl: app.appUrl,
    nextPid: app.nextPid,
    serverSecret: app.serverSecret,
    pusher: app.pusher,
    client: (session) => app.client(session),
    authHeaders: async (session) => ({ cookie: await app.cookie(session) }),
    stop: () => app.stop(),
  };
}

export async function startInProcessTarget(prisma: Database, databaseUrl: string): Promise<AppTarget> {
  process.env.DATABASE_URL = databaseUrl;
  setPrismaForProcess(prisma);
  const { inProcessFetch, sessionCookie } = await import("../../tests/support/in-process-fetch");
  const { startRealtime } = await import("../../tests/support/realtime");
  const realtime = await startRealtime();
  return {
    mode: "in-process",
    serverSecret: process.env.NEXTAUTH_SECRET ?? DEV_DEFAULTS.nextAuthSecret,
    pusher: { key: process.env.PUSHER_KEY!, port: realtime.port },
    client: async (session) => (session ? inProcessFetch(await sessionCookie(session)) : inProcessFetch()),
    stop: () => realtime.close(),
  };
}
