// An interactive transaction whose connection breaks under it must give its
// pool slot back. Prisma's transaction manager (6.19) only releases the
// connection after a successful COMMIT/ROLLBACK statement: when the socket is
// gone, that statement rejects and the slot stays checked out for good, so a
// few broken transactions exhaust the pool and `$disconnect()` never returns.
import { inject } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma";
import { startStallingProxy } from "../reliability/support/controllable-postgres";

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms).unref()),
  ]);
}

describe("a connection broken inside an interactive transaction", () => {
  it("is dropped from the pool: the next query gets a fresh connection and disconnect returns", async () => {
    const target = new URL(inject("databaseUrl"));
    const proxy = await startStallingProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(target);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    // one slot: a leaked connection leaves nothing for the next query
    const db = createPrismaClient(viaProxy.toString(), { poolSize: 1 });
    try {
      const broken = db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        proxy.reset();
        await tx.$queryRaw`SELECT 2`;
      });
      await expect(broken).rejects.toThrow();

      const [row] = await withTimeout(db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`, 10_000, "the query after the break");
      expect(Number(row.ok)).toBe(1);
      // and a transaction works again on the same client
      const value = await withTimeout(db.$transaction(async (tx) => (await tx.$queryRaw<{ v: number }[]>`SELECT 7 AS v`)[0].v), 10_000, "a new transaction");
      expect(Number(value)).toBe(7);
    } finally {
      await withTimeout(db.$disconnect(), 10_000, "$disconnect");
      await proxy.close();
    }
  });
});
