// Races: many connections writing messages, read positions, memberships and
// contacts of the same few conversations at once. Afterwards every counter
// equals the oracle, and no write failed (no deadlock, no check violation).
// On real Postgres (TEST_DATABASE_URL) this is real concurrency; on the
// embedded PGlite the same operations run serialised, which still checks the
// bookkeeping of every interleaving it produces.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { DomainError } from "@/lib/domain/domain-error";
import { receiveInboundMessage } from "@/lib/messaging/inbound";
import { softDeleteMessage } from "@/lib/messaging/messages";
import { markAllRead, markContactRead, markContactUnread } from "@/lib/messaging/read-state";
import { addMessages, createOrganization, type OrgFixture } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";
import { oracleUnreadCounts } from "../support/unread-oracle";
import { counterMismatches, runOnWorkers, seededRandom } from "./unread-counters-support";

const db = getTestPrisma();
const OPERATIONS = 600;
const WORKERS = 16;

type Operation = (pool: pg.Pool) => Promise<unknown>;

describe("unread counters under concurrent writes", () => {
  let pool: pg.Pool;
  let org: OrgFixture;
  let messageIds: string[];
  let extraUser: string;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 12 });
    org = await createOrganization(db, { members: { u0: "admin", u1: "agent", u2: "agent", u3: "agent" }, contacts: 4 });
    messageIds = await addMessages(
      db,
      org.organizationId,
      Array.from({ length: 40 }, (_, index) => ({
        contactId: org.contactIds[index % 4],
        createdAt: new Date(Date.now() - (40 - index) * 1000),
      })),
    );
    extraUser = (await db.user.create({ data: { email: `extra-${randomUUID()}@test.local`, name: "Extra" } })).id;
  });
  afterAll(async () => {
    await pool.end();
  });

  it("end equal to the oracle, with no deadlock and no failed write", async () => {
    const random = seededRandom(20261122);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const users = Object.values(org.users).map((user) => user.id);
    const scope = (userId: string) => ({ userId, organizationId: org.organizationId });
    const secondsAgo = (max: number) => new Date(Date.now() - Math.floor(random() * max * 1000));

    // Each kind of write the app or an operator makes, weighted like real traffic.
    const kinds: [number, () => Operation][] = [
      [30, () => {
        const contactId = pick(org.contactIds);
        const kind = pick(["chat", "chat", "post", "task", "system"] as const);
        return async () => {
          const result = await receiveInboundMessage(db, { organizationId: org.organizationId, contactId, body: "race", kind });
          messageIds.push(result.messageId);
        };
      }],
      [10, () => {
        const contactId = pick(org.contactIds);
        const createdAt = secondsAgo(30); // late delivery: older than some read positions
        const direction = pick(["inbound", "inbound", "outbound"]);
        return async (p) => {
          const { rows } = await p.query<{ id: string }>(
            `INSERT INTO message (organization_id, contact_id, direction, kind, body, created_at)
             VALUES ($1, $2, $3, 'chat', 'late', $4) RETURNING id`,
            [org.organizationId, contactId, direction, createdAt],
          );
          messageIds.push(rows[0].id);
        };
      }],
      [25, () => {
        const userId = pick(users);
        const contactId = pick(org.contactIds);
        const choice = random();
        const cursor =
          choice < 0.4 ? undefined : choice < 0.7 ? { lastReadAt: secondsAgo(40) } : { upToMessageId: pick(messageIds) };
        return () => markContactRead(db, scope(userId), contactId, cursor);
      }],
      [5, () => {
        const userId = pick(users);
        const contactId = pick(org.contactIds);
        return () => markContactUnread(db, scope(userId), contactId);
      }],
      [5, () => {
        const userId = pick(users);
        return () => markAllRead(db, scope(userId));
      }],
      [10, () => {
        const id = pick(messageIds);
        return () => softDeleteMessage(db, scope(users[0]), id);
      }],
      [3, () => {
        const id = pick(messageIds);
        return (p) => p.query(`UPDATE message SET deleted_at = NULL WHERE id = $1`, [id]);
      }],
      [3, () => {
        const id = pick(messageIds);
        return (p) => p.query(`DELETE FROM message WHERE id = $1`, [id]);
      }],
      [4, () => {
        const id = pick(messageIds);
        const createdAt = secondsAgo(40);
        return (p) => p.query(`UPDATE message SET created_at = $2 WHERE id = $1`, [id, createdAt]);
      }],
      [2, () => (p) =>
        p.query(
          `INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'agent') ON CONFLICT DO NOTHING`,
          [extraUser, org.organizationId],
        )],
      [2, () => (p) => p.query(`DELETE FROM membership WHERE user_id = $1 AND organization_id = $2`, [extraUser, org.organizationId])],
      [1, () => (p) => p.query(`INSERT INTO contact (organization_id, name) VALUES ($1, 'Late contact')`, [org.organizationId])],
    ];
    const totalWeight = kinds.reduce((sum, [weight]) => sum + weight, 0);
    const operations: Operation[] = Array.from({ length: OPERATIONS }, () => {
      let roll = random() * totalWeight;
      for (const [weight, make] of kinds) {
        roll -= weight;
        if (roll < 0) return make();
      }
      return kinds[0][1]();
    });

    // Expected refusals are the API's own answers (a message deleted twice, a
    // conversation with nothing to mark unread); anything from the database fails the test.
    const failures: unknown[] = [];
    await runOnWorkers(operations, WORKERS, async (operation) => {
      try {
        await operation(pool);
      } catch (error) {
        if (!(error instanceof DomainError)) failures.push(error);
      }
    });
    expect(failures).toEqual([]);
    expect(await counterMismatches(pool, org.organizationId)).toEqual([]);
    for (const userId of users) {
      const { api } = await apiAs(scope(userId));
      expect((await api.unreadCounts(org.contactIds)).counts).toEqual(
        await oracleUnreadCounts(pool as unknown as pg.Client, userId, org.organizationId, org.contactIds),
      );
    }
  });
});
