// The real app for the HTTP measurements: `npm run build`, then `next start`
// through the same local stack as `npm start` (with the local Pusher-protocol
// server), on the benchmark database, with fresh production secrets. Sessions
// are real next-auth JWT cookies signed with the server's secret.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { repoRoot, startLocalStack, type RunningStack } from "../lib/local-stack";

export type BenchFetch = (path: string, init?: RequestInit) => Promise<Response>;

export type AppServer = {
  appUrl: string;
  nextPid: number;
  serverSecret: string;
  pusher: { key: string; port: number };
  /** The next-auth session cookie of `session`, signed with the server's secret. */
  cookie(session: { userId: string; organizationId: string }): Promise<string>;
  /** fetch against the app as `session` (with its cookie), or anonymously. */
  client(session?: { userId: string; organizationId: string }): Promise<BenchFetch>;
  stop(): Promise<void>;
};

/**
 * `npm run build`; its output is kept quiet unless it fails. Other people
 * build in the same checkout (.next is shared): when Next reports another
 * build in progress, wait for it and build again, for up to 10 minutes.
 */
export async function buildApp(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { code, output } = await runBuild();
    if (code === 0) return Date.now() - started;
    if (!/Another next build process is already running/.test(output) || Date.now() - started > 600_000) {
      throw new Error(`npm run build failed (exit ${code}):\n${output.split("\n").slice(-40).join("\n")}`);
    }
    console.log("  build     another `next build` is running in this checkout; waiting for it");
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
}

function runBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "build"], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

export const SERVER_LOG = path.join(repoRoot, "bench-results", "server.log");

export async function startApp(options: { databaseUrl: string; port: number }): Promise<AppServer> {
  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    PUSHER_SECRET: randomBytes(24).toString("hex"),
  };
  process.env.DATABASE_URL = options.databaseUrl;
  for (const name of ["PUSHER_HOST", "PUSHER_CLUSTER", "PUSHER_PORT"]) delete process.env[name];
  const stack: RunningStack = await startLocalStack({
    next: "start",
    port: options.port,
    embeddedStorage: "memory",
    seed: "never",
    // The server logs as in production (a JSON line per request), into a file.
    serverLogFile: SERVER_LOG,
    // A 500-id GET /api/messaging/unread-counts has an 18.5 KB request line:
    // Node's default 16 KB header limit answers it with 431 before the app
    // sees it. BENCHMARKS.md explains; the measured server gets room for it.
    env: { ...secrets, NODE_ENV: "production", NODE_OPTIONS: nodeOptionsWithHeaderRoom() },
  });
  const appUrl = `http://127.0.0.1:${options.port}`;
  const cookie = async (session: { userId: string; organizationId: string }) =>
    `next-auth.session-token=${await encode({
      secret: secrets.NEXTAUTH_SECRET,
      token: { userId: session.userId, activeOrganizationId: session.organizationId, email: "" },
    })}`;
  const origin = { origin: appUrl };
  await waitUntilServing(appUrl, stack);
  return {
    appUrl,
    nextPid: stack.next!.pid!,
    serverSecret: secrets.NEXTAUTH_SECRET,
    pusher: { key: stack.env.PUSHER_KEY, port: Number(stack.env.PUSHER_PORT) },
    cookie,
    async client(session) {
      const sessionCookie = session ? await cookie(session) : undefined;
      return (requestPath, init = {}) =>
        fetch(`${appUrl}${requestPath}`, {
          ...init,
          headers: { ...origin, ...(sessionCookie ? { cookie: sessionCookie } : {}), ...(init.headers as Record<string, string> | undefined) },
        });
    },
    stop: () => stack.stop(),
  };
}

async function waitUntilServing(appUrl: string, stack: RunningStack) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (stack.next?.exitCode !== null) throw new Error(`next start exited with code ${stack.next?.exitCode}`);
    try {
      const response = await fetch(`${appUrl}/api/messaging/unread-counts`);
      if (response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app at ${appUrl} did not answer within 60 s`);
}

function nodeOptionsWithHeaderRoom() {
  const current = (process.env.NODE_OPTIONS ?? "").replace(/--max-http-header-size=\S+/g, "").trim();
  return `${current} --max-http-header-size=65536`.trim();
}
