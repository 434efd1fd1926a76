// Races through the real route handlers: 1,000 inbound messages (signed
// webhooks, some retried in parallel) interleaved with mark-read, read-all and
// mark-unread from two users with two sessions each, and deletions, all in
// flight at once (20 concurrent requests). On real Postgres (TEST_DATABASE_URL)
// this is real concurrency; on the embedded PGlite the database serialises
// the transactions, which still exercises every interleaving of the app code.
//
// Mark-read is throttled to 30 per user per 10 s (429 + Retry-After). Each
// session sends 30 mark-reads, so each user sends 60: the client honours
// Retry-After (sleeping without holding a concurrency slot) and retries, as
// the UI does. Every throttled request must eventually succeed.
//
// Afterwards:
//   - no request failed (only 2xx, documented 404s for racing deletes, 409 for
//     mark-unread on a conversation with nothing to unread, and 429s);
//   - every delivery is stored exactly once (no loss, no duplicate), retries
//     of one externalId got the same id and exactly one 201;
//   - every user's counts equal the oracle (unread-counts and the contact list);
//   - read positions never moved backwards except through mark-unread: every
//     observation (taken after each operation and by a sampler) is compared
//     with every earlier one, and with the floor each successful mark-read set.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createOrganization, type OrgFixture } from "../support/fixtures";
import { getTestPrisma } from "../support/test-database";
import { deliverInbound } from "../support/webhook";
import { cookieFor } from "./support/call-route";
import {
  expectCountsEqualOracle,
  expectEveryDeliveryStoredOnce,
  expectNoReadPositionMovedBackwards,
  expectOnlyDocumentedStatuses,
} from "./support/race-checks";
import { seededRandom } from "./support/race-scheduling";
import { planStorm, startSampler, type Session } from "./support/race-storm";
import { withRealtimeServer } from "./support/realtime-server";

const db = getTestPrisma();
const DELIVERIES = Number(process.env.RACE_DELIVERIES ?? 1000);
const CONCURRENCY = 20;
const CONTACTS = 8;
const SEED = Number(process.env.RACE_SEED ?? 7_2026);

describe(`races: ${DELIVERIES} inbound messages against reads, unreads and deletes from 2 users × 2 sessions`, () => {
  let org: OrgFixture;
  let oracleDb: pg.Client;
  let sampler: pg.Client;

  withRealtimeServer();
  beforeAll(async () => {
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent" }, contacts: CONTACTS });
    oracleDb = new pg.Client({ connectionString: inject("databaseUrl") });
    sampler = new pg.Client({ connectionString: inject("databaseUrl") });
    await oracleDb.connect();
    await sampler.connect();
  });

  afterAll(async () => {
    await oracleDb.end();
    await sampler.end();
  });

  it("nothing lost, nothing duplicated, counts equal the oracle, no read position moved backwards", async () => {
    const random = seededRandom(SEED);
    const contactIds = org.contactIds;

    const sessions: Session[] = [];
    for (const user of ["alice", "bob"] as const) {
      for (let index = 0; index < 2; index++) {
        // two sign-ins of the same user: two distinct session tokens
        const cookie = await cookieFor(org.users[user].id, org.organizationId);
        sessions.push({ user, userId: org.users[user].id, cookie, socketId: `${sessions.length + 100}.${index + 1}` });
      }
    }

    const { ops, record } = planStorm({ db, random, sessions, contactIds, deliveries: DELIVERIES, concurrency: CONCURRENCY });
    // a sampler reads every read position of the organization while the storm runs
    const stopSampler = startSampler(sampler, org.organizationId, record.observations);
    const started = Date.now();
    const results = await Promise.allSettled(ops.map((op) => op()));
    await stopSampler();
    const elapsed = Date.now() - started;
    const failures = results.filter((result) => result.status === "rejected") as PromiseRejectedResult[];
    expect(failures.map((failure) => String(failure.reason)).slice(0, 5)).toEqual([]);

    expectOnlyDocumentedStatuses(record.statuses);
    const retried = await expectEveryDeliveryStoredOnce(db, org.organizationId, record);
    // one session per user: both sessions of a user see the same counts
    await expectCountsEqualOracle(oracleDb, org.organizationId, sessions.filter((_, index) => index % 2 === 0), contactIds);
    const { comparisons, floorChecks } = expectNoReadPositionMovedBackwards(record);

    expect(comparisons).toBeGreaterThan(100);
    // Every throttled mark-read was retried after Retry-After and got through
    // (each op above awaited its final 204). How many were throttled depends on
    // the machine's speed: it is reported, not asserted.
    console.log(
      `[races] ${ops.length} operations (${record.totalRequests} requests incl. ${record.throttled} throttled retries) in ${elapsed} ms ` +
        `at concurrency ${CONCURRENCY}: ${record.deliveries.size} deliveries (${retried} retried in parallel), ` +
        `${record.deleted204.size} deletions, ${record.observations.length} read-position observations, ${comparisons} ordered pairs and ` +
        `${floorChecks} mark-read floors checked. Statuses: ${JSON.stringify(Object.fromEntries([...record.statuses].sort()))}`,
    );
  }, 240_000);

  it("parallel retries of one externalId create exactly one message", async () => {
    const contactId = org.contactIds[0];
    for (let round = 0; round < 5; round++) {
      const externalId = `retry-${randomUUID()}`;
      const responses = await Promise.all(
        Array.from({ length: 25 }, () => deliverInbound({ contactId, body: "same delivery", externalId })),
      );
      const bodies = await Promise.all(responses.map((response) => response.json() as Promise<{ id: string }>));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 200)).toHaveLength(24);
      expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
      expect(await db.message.count({ where: { organizationId: org.organizationId, externalId } })).toBe(1);
    }
  });
});
