// A network partition between the app and Postgres: a proxy stops passing
// bytes while the connections stay open. Every request still ends, with 503
// JSON, within a bounded time, and the app recovers when the network heals.
import { createPrismaClient, setPrismaForProcess, type Database } from "@/lib/db/prisma";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { freePort } from "../../scripts/lib/free-port";
import { migrateDeploy } from "../../scripts/lib/migrate";
import { captureLogOutput } from "../support/capture-log";
import { getTestPrisma } from "../support/test-database";
import { callRoute } from "./support/call-route";
import { startStallingProxy } from "./support/controllable-postgres";
import { now, setUpWorld, sleep } from "./support/fault-world";

describe("network partition between the app and Postgres (connections stay open, nothing answers)", () => {
  it("every request ends within a bounded time with 503 JSON, and the app recovers when the network heals", async () => {
    const database = await startEmbeddedPostgres({ port: await freePort() });
    const proxy = await startStallingProxy({ host: "127.0.0.1", port: database.port });
    const url = `postgresql://postgres:postgres@127.0.0.1:${proxy.port}/postgres?sslmode=disable`;
    captureLogOutput(); // 16 refused requests: faults-database.test.ts checks what they log
    let app: Database | undefined;
    try {
      await migrateDeploy(database.url, { quiet: true });
      app = createPrismaClient(url, { poolSize: 10 });
      setPrismaForProcess(app);
      const world = await setUpWorld(app);
      // warm the pool: established connections that will go silent
      await Promise.all(
        world.cookies.map((cookie) =>
          callRoute({ route: "/api/messaging/unread-counts", method: "GET", search: `contact_ids=${world.org.contactIds[0]}`, cookie }),
        ),
      );
      proxy.stall();
      const started = now();
      const results = await Promise.all(
        Array.from({ length: 16 }, async (_, index) => {
          const response = await callRoute({
            route: "/api/messaging/contacts",
            method: "GET",
            cookie: world.cookies[index % world.cookies.length],
          });
          return { status: response.status, body: await response.json(), ms: now() - started };
        }),
      );
      const slowest = Math.max(...results.map((result) => result.ms));
      console.log(`[faults] partition: ${results.length} requests, statuses ${JSON.stringify(results.map((r) => r.status))}, slowest ${Math.round(slowest)} ms`);
      for (const result of results) {
        expect(result.status).toBe(503);
        expect(result.body.error.code).toBe("service_unavailable");
      }
      expect(slowest).toBeLessThan(PARTITION_BOUND_MS);

      proxy.heal();
      let recovered = false;
      for (let attempt = 0; attempt < 50 && !recovered; attempt++) {
        const response = await callRoute({ route: "/api/messaging/contacts", method: "GET", cookie: world.cookies[0] });
        recovered = response.status === 200;
        if (!recovered) await sleep(200);
      }
      expect(recovered).toBe(true);
    } finally {
      vi.restoreAllMocks();
      proxy.heal();
      setPrismaForProcess(getTestPrisma());
      await app?.$disconnect().catch(() => undefined);
      await proxy.close();
      await database.stop();
    }
  }, 120_000);
});

/** Established connections that stop answering are given up on after the query timeout (see lib/db/prisma.ts). */
const PARTITION_BOUND_MS = 8_000;
