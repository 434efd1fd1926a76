import "#server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { serverConfig } from "@/lib/config/server-config";

export type Database = PrismaClient;

export function createPrismaClient(databaseUrl: string, options: { poolSize?: number } = {}) {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Fail fast while Postgres is down or restarting: the request becomes a
    // 503 instead of hanging on a socket that never answers.
    connectionTimeoutMillis: 3_000,
    // A pooled connection whose peer goes silent (a network partition, a
    // frozen server) is only noticed by this client-side timer. Every API
    // statement takes milliseconds, so 5 s bounds such a request without
    // cutting real work short (it was 15 s: a request hung that long, then
    // failed). tests/reliability/faults-database.test.ts measures the bound.
    query_timeout: 5_000,
    idleTimeoutMillis: 30_000,
  });
  releaseConnectionsWhoseTransactionCannotEnd(pool);
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Waiting for a pooled connection: longer than the pool's own connect
    // timeout (3 s), so an unreachable database fails there first, and long
    // enough that a burst of writes queues instead of failing at Prisma's 2 s.
    transactionOptions: { maxWait: 5_000, timeout: 10_000 },
  });
}

/**
 * Prisma's transaction manager (6.19, driver adapters) sends COMMIT or
 * ROLLBACK and only then hands the connection back. When the connection broke
 * inside the transaction (a restart, a reset), that statement rejects and the
 * connection is never released: each such transaction costs the pool a slot
 * for good, and `$disconnect()` waits forever. So a failed COMMIT/ROLLBACK
 * releases the connection itself, with the error, which makes the pool
 * discard it. tests/db/transaction-connection-release.test.ts shows the leak.
 */
function releaseConnectionsWhoseTransactionCannotEnd(pool: pg.Pool) {
  // pg-pool's own `pool.query` calls `connect` with a callback; only the
  // promise form (what the adapter's transactions use) is guarded.
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient> | undefined;
  pool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    return connect()?.then(guardTransactionEnd);
  }) as typeof pool.connect;
}

const guardedClients = new WeakSet<pg.PoolClient>();

function guardTransactionEnd(client: pg.PoolClient): pg.PoolClient {
  // The pool gives every checkout a fresh `release`; make this one idempotent.
  const release = client.release.bind(client);
  let released = false;
  client.release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    release(error);
  };
  // `query` stays the same across checkouts, so it is wrapped once per client.
  if (guardedClients.has(client)) return client;
  guardedClients.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query(...args);
    const [config] = args;
    const text = typeof config === "string" ? config : (config as { text?: string } | undefined)?.text;
    if ((text === "COMMIT" || text === "ROLLBACK") && result instanceof Promise) {
      result.catch((error: Error) => client.release(error));
    }
    return result;
  }) as typeof client.query;
  return client;
}

// One client per server process; Next's dev server re-evaluates modules on
// every edit, so the instance is parked on globalThis to avoid leaking pools.
const globalForPrisma = globalThis as unknown as { badgerPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  globalForPrisma.badgerPrisma ??= createPrismaClient(serverConfig().databaseUrl);
  return globalForPrisma.badgerPrisma;
}

/** Tests and scripts point the app at their own database. */
export function setPrismaForProcess(client: PrismaClient) {
  globalForPrisma.badgerPrisma = client;
}

/** A client or an interactive transaction: what a step that can run inside a transaction takes. */
export type DatabaseClient = Prisma.TransactionClient;
