import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { serverConfig } from "@/lib/config/server-config";

export type Database = PrismaClient;

export function createPrismaClient(databaseUrl: string, options: { poolSize?: number } = {}) {
  const adapter = new PrismaPg({
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
  return new PrismaClient({ adapter });
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
