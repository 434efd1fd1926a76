// The target of the load run: by default the whole stack started here (the
// production build, `npm run build` first when there is none; `next start`
// with fresh production secrets; the local Pusher-protocol server; a fresh
// database seeded with the demo data), or LOAD_URL, a deployment already
// running on this machine.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort } from "../lib/free-port";
import { repoRoot, startLocalStack, type RunningStack } from "../lib/local-stack";
import { createScratchDatabase, type ScratchDatabase } from "../lib/test-database";
import { assertLocal, log, options } from "./load-options";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Target = {
  appUrl: string;
  /** Seals the organization's inbound endpoint secrets (the target's NEXTAUTH_SECRET); absent with LOAD_URL. */
  serverSecret?: string;
  databaseUrl?: string;
  databaseLabel: string;
  nextPid?: number;
  stop(): Promise<void>;
};

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    log("no production build found: running `npm run build`");
    const child = spawn("npm", ["run", "build"], { cwd: repoRoot, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code})`))));
  });
}

/** In-memory PGlite in a child process; resolves with its URL and a stop function for that one process. */
function startEmbeddedDatabaseProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(path.join(repoRoot, "node_modules", ".bin", "tsx"), [path.join(repoRoot, "scripts", "load", "embedded-database.ts")], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/READY (\S+)/);
      if (match) {
        resolve({
          url: match[1],
          stop: async () => {
            if (child.exitCode !== null) return;
            const exited = new Promise((done) => child.once("exit", done));
            child.kill("SIGTERM");
            await exited;
          },
        });
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`embedded database exited (${code}) before it was ready`)));
  });
}

async function waitForServer(appUrl: string, next: ChildProcess | undefined) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (next && next.exitCode !== null) throw new Error(`next start exited with ${next.exitCode}`);
    try {
      const response = await fetch(`${appUrl}/login`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${appUrl} did not answer within 120 s`);
}

export async function startTarget(): Promise<Target> {
  if (options.url) {
    assertLocal(options.url);
    return {
      appUrl: options.url.replace(/\/$/, ""),
      databaseUrl: process.env.DATABASE_URL,
      databaseLabel: "the target's own database",
      stop: async () => undefined,
    };
  }
  if (!existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) await runBuild();

  let database: { url: string; label: string; stop(): Promise<void> };
  if (options.databaseServerUrl) {
    assertLocal(options.databaseServerUrl);
    process.env.TEST_DATABASE_URL = options.databaseServerUrl;
    const scratch: ScratchDatabase = await createScratchDatabase({ migrate: false, label: "load" });
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    const version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
    await admin.end();
    database = { url: scratch.url, label: `PostgreSQL ${version} (a fresh database on LOAD_DATABASE_URL's server)`, stop: () => scratch.drop() };
  } else {
    const embedded = await startEmbeddedDatabaseProcess();
    database = { ...embedded, label: "embedded PGlite (in memory, in its own process)" };
  }
  log(`database  ${database.label}`);

  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    PUSHER_SECRET: randomBytes(32).toString("base64url"),
  };
  process.env.DATABASE_URL = database.url;
  for (const name of ["PUSHER_HOST", "PUSHER_CLUSTER", "PUSHER_PORT", "NEXTAUTH_URL"]) delete process.env[name];
  const port = await freePort();
  let stack: RunningStack;
  try {
    stack = await startLocalStack({
      next: "start",
      port,
      embeddedStorage: "memory",
      seed: "always",
      env: { NODE_ENV: "production", ...secrets },
    });
    await waitForServer(stack.appUrl, stack.next);
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
  return {
    appUrl: stack.appUrl,
    serverSecret: secrets.NEXTAUTH_SECRET,
    databaseUrl: database.url,
    databaseLabel: database.label,
    nextPid: stack.next?.pid,
    async stop() {
      await stack.stop();
      await database.stop().catch(() => undefined);
    },
  };
}
