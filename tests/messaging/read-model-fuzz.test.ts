// Read model v2 under a bounded concurrency fuzz (issue 11, item 4): writers
// outside the app (multi-row INSERT and COPY of messages in any contact order,
// INSERT … ON CONFLICT, updates and deletes of messages, deletes of contacts
// and users, multi-row and multi-organization membership changes, read-state
// upserts, TRUNCATE, and primary-key updates and mixed data-modifying CTEs,
// which are refused) mixed with the app's own writes, soft deletes included.
// Afterwards every count equals the oracle, the sidebar's newest-message
// pointers are right, and nothing failed but the documented refusals and the
// foreign-key answers of racing deletes: no deadlock, no serialization error.
// Own scratch database: it truncates. On the embedded PGlite the same writes
// run one transaction at a time, without COPY (its socket server does not
// carry that sub-protocol); CI runs them concurrently on Postgres.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { DomainError } from "@/lib/domain/domain-error";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Database } from "@/lib/db/prisma";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { receiveInboundMessage } from "@/lib/messaging/inbound";
import { softDeleteMessage } from "@/lib/messaging/messages";
import { markAllRead, markContactRead, markContactUnread } from "@/lib/messaging/read-state";
import { createScratchDatabase, type ScratchDatabase } from "../../scripts/lib/test-database";
import { createOrganization, type OrgFixture } from "../support/fixtures";
import { counterMismatches, runOnWorkers, seededRandom } from "./unread-counters-support";
import { fuzzOperations, type FuzzWorld } from "./support/read-model-fuzz-operations";

const OPERATIONS = 700;
const WORKERS = 12;
const SEED = Number(process.env.READ_MODEL_FUZZ_SEED ?? 20261202);

/** What a racing writer may legitimately be told; anything else fails the test. */
const REFUSALS = [
  /the id of a \w+ cannot change/,
  /one statement cannot write both messages and read states/,
  // A message or read state for a contact (or user) that a concurrent delete removed.
  /violates foreign key constraint|Foreign key constraint violated/,
];

describe(`read model v2: ${OPERATIONS} concurrent writes from the app and from outside writers`, () => {
  let scratch: ScratchDatabase;
  let pool: pg.Pool;
  let prismaPool: pg.Pool;
  let prisma: Database;
  const orgs: OrgFixture[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase({ label: "fuzz" });
    pool = new pg.Pool({ connectionString: scratch.url, max: WORKERS });
    // The scratch database is dropped with FORCE at the end; a connection still
    // closing then reports it here instead of as an uncaught error.
    pool.on("error", () => undefined);
    // The app's client on a pool this test owns, so it can close it before the drop.
    prismaPool = new pg.Pool({ connectionString: scratch.url, max: 6 });
    prismaPool.on("error", () => undefined);
    prisma = new PrismaClient({ adapter: new PrismaPg(prismaPool) });
    for (let index = 0; index < 2; index++) {
      orgs.push(await createOrganization(prisma, { members: { a: "admin", b: "agent", c: "agent", d: "viewer" }, contacts: 6 }));
    }
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await prismaPool?.end();
    await pool?.end();
    await scratch?.drop();
  });

  it("ends equal to the oracle with no deadlock and no serialization error", async () => {
    const random = seededRandom(SEED);
    const world: FuzzWorld = {
      random,
      orgs,
      messageIds: [],
      extraUsers: [],
      app: {
        receive: (organizationId, contactId, kind) =>
          receiveInboundMessage(prisma, { organizationId, contactId, body: "fuzz", kind }).then((result) =>
            world.messageIds.push(result.messageId),
          ),
        read: (scope, contactId, cursor) => markContactRead(prisma, scope, contactId, cursor),
        unread: (scope, contactId) => markContactUnread(prisma, scope, contactId),
        readAll: (scope) => markAllRead(prisma, scope),
        remove: (scope, messageId) => softDeleteMessage(prisma, scope, messageId),
      },
      copy: async (rows) => {
        const client = await pool.connect();
        try {
          await new Promise<void>((resolve, reject) => {
            const stream = client.query(
              copyFrom(`COPY message (id, organization_id, contact_id, direction, kind, body) FROM STDIN`),
            );
            stream.on("finish", resolve);
            stream.on("error", reject);
            stream.end(rows.map((row) => `${row.id}\t${row.organizationId}\t${row.contactId}\tinbound\tchat\tcopied\n`).join(""));
          });
        } finally {
          client.release();
        }
      },
    };
    for (let index = 0; index < 3; index++) {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO "user" (email, name) VALUES ($1, 'Extra') RETURNING id`,
        [`extra-${randomUUID()}@fuzz.test`],
      );
      world.extraUsers.push(rows[0].id);
    }
    const operations = fuzzOperations(world, OPERATIONS, { copy: scratch.kind === "postgres" });

    const failures: unknown[] = [];
    const refused = new Map<string, number>();
    await runOnWorkers(operations, WORKERS, async (operation) => {
      try {
        await operation.run(pool);
      } catch (error) {
        if (error instanceof DomainError) return;
        const message = error instanceof Error ? error.message : String(error);
        const refusal = REFUSALS.find((pattern) => pattern.test(message));
        if (refusal && operation.mayBeRefused) refused.set(operation.name, (refused.get(operation.name) ?? 0) + 1);
        else failures.push({ operation: operation.name, message, code: (error as { code?: string }).code });
      }
    });
    expect(failures).toEqual([]);
    // The refusals are the guards at work, not luck: primary-key updates and mixed CTEs ran.
    expect(refused.get("update a primary key")).toBeGreaterThan(0);
    expect(refused.get("mixed data-modifying CTE")).toBeGreaterThan(0);
    for (const org of orgs) expect(await counterMismatches(pool, org.organizationId)).toEqual([]);
    const pointers = await pool.query(
      `SELECT c.id FROM contact c
       LEFT JOIN LATERAL (SELECT m.id FROM message m WHERE m.contact_id = c.id AND m.deleted_at IS NULL
                          ORDER BY m.created_at DESC, m.id DESC LIMIT 1) newest ON true
       WHERE c.last_message_id IS DISTINCT FROM newest.id`,
    );
    expect(pointers.rows).toEqual([]);
  });
});
