// Database faults under traffic, against a Postgres this test owns (never the
// machine's shared server):
//   - restarted: every request during the outage fails fast with 503 JSON and
//     Retry-After (no 500, no hang), and the same app process recovers by
//     itself once the server is back; nothing acknowledged is lost, and
//     deliveries refused during the outage land when the provider retries;
// (A partition, connections open and nothing answering: faults-database-partition.test.ts.)
// The restart runs on an embedded PGlite always, and on a temporary real
// Postgres cluster too when the machine has the binaries (CI, TEST_DATABASE_URL).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createPrismaClient, setPrismaForProcess, type Database } from "@/lib/db/prisma";
import type { LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { migrateDeploy } from "../../scripts/lib/migrate";
import { startRealtime } from "../support/realtime";
import { captureLogOutput } from "../support/capture-log";
import { getTestPrisma } from "../support/test-database";
import { oracleUnreadCounts } from "../support/unread-oracle";
import { deliverInbound } from "../support/webhook";
import { SAME_ORIGIN_HEADERS, callRoute } from "./support/call-route";
import {
  canRunTemporaryCluster,
  startRestartablePglite,
  startTemporaryCluster,
  type ControllablePostgres,
} from "./support/controllable-postgres";
import { now, setUpWorld, sleep, waitUntil, WORKERS, type World } from "./support/fault-world";

/** The longest any request may take while the database is gone (connect timeout 3 s + margin). */
const OUTAGE_BOUND_MS = 5_000;

type Sample = { op: string; start: number; end: number; status: number; code?: string; retryAfter: string | null; externalId?: string };

/** Workers sending a mix of reads and writes until told to stop; every answer is recorded. */
function startTraffic(world: World) {
  const samples: Sample[] = [];
  let running = true;
  const ops: ((worker: number) => { op: string; externalId?: string; send: () => Promise<Response> })[] = [
    (worker) => ({
      op: "GET unread-counts",
      send: () =>
        callRoute({ route: "/api/messaging/unread-counts", method: "GET", search: `contact_ids=${world.org.contactIds.join(",")}`, cookie: world.cookies[worker] }),
    }),
    (worker) => ({
      op: "GET contacts",
      send: () => callRoute({ route: "/api/messaging/contacts", method: "GET", cookie: world.cookies[worker] }),
    }),
    (worker) => ({
      op: "POST read",
      send: () =>
        callRoute({
          route: "/api/messaging/contacts/[contactId]/read",
          method: "POST",
          params: { contactId: world.org.contactIds[worker % world.org.contactIds.length] },
          headers: SAME_ORIGIN_HEADERS,
          cookie: world.cookies[worker],
        }),
    }),
    (worker) => ({
      op: "POST read-all",
      send: () => callRoute({ route: "/api/messaging/read-all", method: "POST", headers: SAME_ORIGIN_HEADERS, cookie: world.cookies[worker] }),
    }),
    () => {
      const externalId = `fault-${randomUUID()}`;
      return {
        op: "POST webhook",
        externalId,
        send: () => deliverInbound({ contactId: world.org.contactIds[0], body: "during the fault drill", externalId }),
      };
    },
  ];
  const workers = Array.from({ length: WORKERS }, async (_, worker) => {
    let turn = worker;
    while (running) {
      const { op, externalId, send } = ops[turn++ % ops.length](worker);
      const start = now();
      // a request that never ends must fail the test, not hang it
      const watchdog = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${op} hung for 30 s`)), 30_000).unref());
      const response = await Promise.race([send(), watchdog]);
      const text = await response.text();
      const end = now();
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      samples.push({ op, start, end, status: response.status, code, retryAfter: response.headers.get("retry-after"), externalId });
      await sleep(15);
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

function summarize(samples: Sample[]) {
  const byStatus: Record<string, number> = {};
  for (const sample of samples) byStatus[sample.status] = (byStatus[sample.status] ?? 0) + 1;
  const slowest = Math.max(...samples.map((sample) => sample.end - sample.start));
  return { byStatus, slowest: Math.round(slowest) };
}

const CLUSTERS: { label: string; start: () => Promise<ControllablePostgres> }[] = [
  { label: "embedded PGlite (persisted to a temporary folder)", start: startRestartablePglite },
];
// a real server too, when this machine can run one of its own (CI does)
if (process.env.TEST_DATABASE_URL && canRunTemporaryCluster()) {
  CLUSTERS.push({ label: "temporary Postgres cluster (pg_ctl stop -m fast / start)", start: startTemporaryCluster });
}

describe("Postgres restarted during traffic", () => {
  let realtime: LocalPusherServer;
  beforeAll(async () => {
    realtime = await startRealtime();
  });
  afterAll(async () => {
    setPrismaForProcess(getTestPrisma());
    await realtime.close();
  });

  for (const cluster of CLUSTERS) {
    it(`${cluster.label}: 503 JSON fast during the outage, recovery without a restart, nothing acknowledged lost`, async () => {
      const server = await cluster.start();
      const logged = captureLogOutput();
      let app: Database | undefined;
      const oracle = new pg.Client({ connectionString: server.url });
      try {
        await migrateDeploy(server.url, { quiet: true });
        // a fresh app database client, as a server process would have
        app = createPrismaClient(server.url, { poolSize: 10 });
        setPrismaForProcess(app);
        const world = await setUpWorld(app);

        const traffic = startTraffic(world);
        await waitUntil(() => traffic.samples.filter((sample) => sample.status < 300).length > 10, 20_000);
        const stopping = now();
        await server.stop();
        const stopped = now();
        await sleep(3_000);
        const starting = now();
        await server.start();
        const started = now();
        // recovered: the first success that started after the server was back
        await waitUntil(() => traffic.samples.some((sample) => sample.start >= started && sample.status < 300), 20_000);
        const recoveredAt = Math.min(...traffic.samples.filter((sample) => sample.start >= started && sample.status < 300).map((sample) => sample.end));
        await waitUntil(() => traffic.samples.filter((sample) => sample.start > recoveredAt).length > 10, 20_000);
        await traffic.stop();
        const { samples } = traffic;

        const before = samples.filter((sample) => sample.end < stopping);
        const during = samples.filter((sample) => sample.start > stopped && sample.end < starting);
        const after = samples.filter((sample) => sample.start > recoveredAt);
        const summary = {
          total: summarize(samples),
          before: summarize(before),
          during: summarize(during),
          after: summarize(after),
          recoveryMs: Math.round(recoveredAt - started),
        };
        console.log(`[faults] ${cluster.label}: ${JSON.stringify(summary)}`);

        // never a 500, never a hang; every failure is the documented 503
        for (const sample of samples) {
          const label = `${sample.op} → ${sample.status} ${sample.code ?? ""}`;
          expect([200, 201, 204, 429, 503], label).toContain(sample.status);
          if (sample.status === 503) {
            expect(sample.code, label).toBe("service_unavailable");
            expect(Number(sample.retryAfter), label).toBeGreaterThanOrEqual(1);
          }
          if (sample.status === 429) expect(sample.op).toBe("POST read");
          expect(sample.end - sample.start, `${label} took ${Math.round(sample.end - sample.start)} ms`).toBeLessThan(OUTAGE_BOUND_MS);
        }
        expect(before.filter((sample) => sample.status < 300).length).toBeGreaterThan(10);
        expect(during.length, "requests were made during the outage").toBeGreaterThan(10);
        expect(during.filter((sample) => sample.status !== 503)).toEqual([]);
        // the outage is in the log, as an error with its request's context (one line per refused request)
        expect(logged.text()).toMatch(/ERROR database unavailable +requestId=\S+ route=\/api\//);
        expect(Number.isFinite(recoveredAt), "the app recovered by itself").toBe(true);
        expect(recoveredAt - started).toBeLessThan(10_000);
        // once recovered, it stays recovered: no broken pooled connection surfaces later
        expect(after.filter((sample) => sample.status >= 500)).toEqual([]);
        expect(after.length).toBeGreaterThan(10);

        // nothing acknowledged was lost; what was refused lands when the provider retries
        const deliveries = samples.filter((sample) => sample.op === "POST webhook");
        for (const sample of deliveries.filter((delivery) => delivery.status === 503)) {
          const retry = await deliverInbound({ contactId: world.org.contactIds[0], body: "during the fault drill", externalId: sample.externalId });
          expect([200, 201]).toContain(retry.status);
        }
        const stored = await app.message.groupBy({
          by: ["externalId"],
          where: { organizationId: world.org.organizationId, externalId: { in: deliveries.map((sample) => sample.externalId!) } },
          _count: true,
        });
        expect(stored).toHaveLength(deliveries.length);
        expect(stored.every((row) => row._count === 1)).toBe(true);

        // and the counts are still exact
        await oracle.connect();
        const user = Object.values(world.org.users)[0];
        const expected = await oracleUnreadCounts(oracle, user.id, world.org.organizationId, world.org.contactIds);
        const counts = await callRoute({
          route: "/api/messaging/unread-counts",
          method: "GET",
          search: `contact_ids=${world.org.contactIds.join(",")}`,
          cookie: world.cookies[0],
        });
        expect((await counts.json()).counts).toEqual(expected);
      } finally {
        vi.restoreAllMocks();
        await oracle.end().catch(() => undefined);
        setPrismaForProcess(getTestPrisma());
        await app?.$disconnect().catch(() => undefined);
        await server.dispose();
      }
    }, 120_000);
  }
});
