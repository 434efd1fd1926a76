// Which failures are "the database is unavailable" (503 + Retry-After) and
// which are bugs (500): provoked for real against a database behind a proxy
// this test can stall and cut, and checked on the shapes Prisma produces.
import { Prisma } from "@/lib/generated/prisma/client";
import { asServiceUnavailable } from "@/lib/api/handle-errors";
import { createPrismaClient, type Database } from "@/lib/db/prisma";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { freePort } from "../../scripts/lib/free-port";
import { migrateDeploy } from "../../scripts/lib/migrate";
import { startStallingProxy } from "./support/controllable-postgres";

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

describe("database failures, provoked for real", () => {
  let database: EmbeddedPostgres;
  let proxy: Awaited<ReturnType<typeof startStallingProxy>>;
  let db: Database;

  beforeAll(async () => {
    database = await startEmbeddedPostgres({ port: await freePort() });
    await migrateDeploy(database.url, { quiet: true });
    proxy = await startStallingProxy({ host: "127.0.0.1", port: database.port });
    db = createPrismaClient(`postgresql://postgres:postgres@127.0.0.1:${proxy.port}/postgres?sslmode=disable`, { poolSize: 2 });
  });
  afterAll(async () => {
    proxy.heal();
    await db.$disconnect();
    await proxy.close();
    await database.stop();
  });

  const queries: [string, (db: Database) => Promise<unknown>][] = [
    ["a raw query ($queryRaw, P2010)", (client) => client.$queryRaw`SELECT 1`],
    ["an ORM query", (client) => client.organization.findFirst()],
    ["an interactive transaction", (client) => client.$transaction(async (tx) => tx.$queryRaw`SELECT 1`)],
  ];

  it.each(queries)("connection cut in the middle of %s → 503", async (_label, query) => {
    await query(db); // a pooled, established connection
    proxy.stall();
    const pending = failureOf(() => query(db));
    await new Promise((resolve) => setTimeout(resolve, 100));
    proxy.reset();
    proxy.heal();
    const error = await pending;
    expect(asServiceUnavailable(error), String(error)).toBeDefined();
    await query(db); // and the next one works again
  });

  it.each(queries)("server unreachable for %s → 503", async (_label, query) => {
    const unreachable = createPrismaClient("postgresql://postgres@127.0.0.1:1/postgres?sslmode=disable");
    try {
      expect(asServiceUnavailable(await failureOf(() => query(unreachable)))).toBeDefined();
    } finally {
      await unreachable.$disconnect();
    }
  });
});

describe("error shapes", () => {
  const known = (code: string, message: string, meta?: Record<string, unknown>) =>
    new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: "6.19.3", meta });
  const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error("DriverAdapterError"), { name: "DriverAdapterError", cause });

  it.each([
    ["P2010 + ConnectionClosed", known("P2010", "Raw query failed. Code: `N/A`. Message: `Server has closed the connection.`", { driverAdapterError: adapterError({ kind: "ConnectionClosed" }) })],
    ["P2010 + SocketTimeout", known("P2010", "Raw query failed.", { driverAdapterError: adapterError({ kind: "SocketTimeout" }) })],
    ["P2010 + admin shutdown (57P01)", known("P2010", "Raw query failed.", { driverAdapterError: adapterError({ kind: "postgres", code: "57P01" }) })],
    ["P1001", known("P1001", "Can't reach database server at 127.0.0.1:5432")],
    ["P1017", known("P1017", "Server has closed the connection.")],
    ["pg query_timeout", new Error("Query read timeout")],
    ["pg pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["pg connection terminated", new Error("Connection terminated unexpectedly")],
    // every pooled connection busy for longer than the transaction's maxWait (a burst of writes)
    ["P2028, no connection to start a transaction", known("P2028", "Transaction API error: Unable to start a transaction in the given time.")],
  ])("%s is a 503", (_label, error) => {
    const mapped = asServiceUnavailable(error);
    expect(mapped?.status).toBe(503);
    expect(mapped?.headers["Retry-After"]).toBe("2");
  });

  it.each([
    ["unique violation", known("P2002", "Unique constraint failed")],
    ["NUL in text (22021)", known("P2010", "Raw query failed. Code: `22021`.", { driverAdapterError: adapterError({ kind: "postgres", code: "22021" }) })],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["P2028 of a transaction used after it ended (a bug)", known("P2028", "Transaction API error: Transaction already closed.")],
  ])("%s is not (it stays a 500 and is logged)", (_label, error) => {
    expect(asServiceUnavailable(error)).toBeUndefined();
  });
});
