// Postgres servers a test may stop and start, and a TCP proxy that can stall
// the network between the app and its database. Never the machine's shared
// server: an embedded PGlite (persisted in a temporary folder, so a restart
// keeps the data) or a temporary cluster made with initdb under /tmp.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, chownSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../../scripts/lib/embedded-postgres";
import { freePort } from "../../../scripts/lib/free-port";

export type ControllablePostgres = {
  label: string;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
};

/** PGlite served over TCP with its data in a temporary folder: stop() closes every connection. */
export async function startRestartablePglite(): Promise<ControllablePostgres> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "badger-fault-pglite-"));
  const port = await freePort();
  let running: EmbeddedPostgres | undefined = await startEmbeddedPostgres({ dataDir, port });
  return {
    label: "embedded PGlite",
    url: running.url,
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      running = await startEmbeddedPostgres({ dataDir, port });
    },
    async dispose() {
      await running?.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const PG_BIN_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"];

function findPgBin(name: string): string | undefined {
  return PG_BIN_DIRS.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
}

function hasPostgresUser(): boolean {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Whether this machine can run a throwaway cluster (Postgres binaries, and a postgres user when we are root). */
export function canRunTemporaryCluster(): boolean {
  const root = process.getuid?.() === 0;
  return Boolean(findPgBin("initdb") && findPgBin("pg_ctl")) && (!root || (hasPostgresUser() && existsSync("/usr/sbin/runuser")));
}

/** A real Postgres cluster of its own under /tmp: pg_ctl stop -m fast is a real server shutdown (57P01 to every session). */
export async function startTemporaryCluster(): Promise<ControllablePostgres> {
  const initdb = findPgBin("initdb")!;
  const pgCtl = findPgBin("pg_ctl")!;
  const dataDir = mkdtempSync(path.join(tmpdir(), "badger-fault-cluster-"));
  const root = process.getuid?.() === 0;
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dataDir, uid, gid);
  }
  const run = (file: string, args: string[]) =>
    execFileSync(root ? "/usr/sbin/runuser" : file, root ? ["-u", "postgres", "--", file, ...args] : args, {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
  const port = await freePort();
  run(initdb, ["-D", dataDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = async () => {
    run(pgCtl, ["-D", dataDir, "-o", options, "-l", path.join(dataDir, "server.log"), "-w", "-t", "30", "start"]);
  };
  await start();
  return {
    label: "temporary Postgres cluster",
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      run(pgCtl, ["-D", dataDir, "-m", "fast", "-w", "-t", "30", "stop"]);
    },
    start,
    async dispose() {
      try {
        run(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "-t", "30", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP proxy between the app and Postgres. `stall()` is a network partition:
 * connections stay open, new ones are accepted, and nothing gets through
 * either way until `heal()`, which delivers what was held back (TCP would).
 */
export async function startStallingProxy(target: { host: string; port: number }) {
  let stalled = false;
  const held: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const relay = (from: net.Socket, to: net.Socket) => {
    from.on("data", (chunk) => {
      if (stalled) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    relay(client, upstream);
    relay(upstream, client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    stall() {
      stalled = true;
    },
    heal() {
      stalled = false;
      for (const deliver of held.splice(0)) deliver();
    },
    /** Every open connection cut at once, as a server crash or a reset would. */
    reset() {
      held.length = 0;
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
