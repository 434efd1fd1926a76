// Visibility order (read model v2, issue 11): no message may count as read
// through a read position that was set before the message was visible. A
// message's default created_at used to be its transaction's start, so a
// message could commit after a mark-read whose position was later: read,
// although no reader could have seen it. The scenarios interleave a message's
// transaction with the app's mark-read on real Postgres; the embedded PGlite
// runs one transaction at a time, so there only the single-transaction form
// runs (it fails on the old model too).
import pg from "pg";
import { receiveInboundMessage } from "@/lib/messaging/inbound";
import { markContactRead } from "@/lib/messaging/read-state";
import { createOrganization, type OrgFixture } from "../support/fixtures";
import { getTestPrisma, testDatabaseKind } from "../support/test-database";
import { oracleUnreadCounts } from "../support/unread-oracle";
import { connectRaw, counterMismatches } from "./unread-counters-support";

const db = getTestPrisma();
const concurrent = testDatabaseKind() === "postgres";

describe("visibility order of messages and read positions", () => {
  let raw: pg.Client;
  let writer: pg.Client;
  let org: OrgFixture;
  const scope = () => ({ userId: org.users.alice.id, organizationId: org.organizationId });
  const unread = async (contactId: string) =>
    (await oracleUnreadCounts(raw, org.users.alice.id, org.organizationId, [contactId]))[contactId] ?? 0;
  const insertDefaulted = (client: pg.Client, contactId: string, body: string) =>
    client
      .query<{ id: string; created_at: Date }>(
        `INSERT INTO message (organization_id, contact_id, direction, kind, body)
         VALUES ($1, $2, 'inbound', 'chat', $3) RETURNING id, created_at`,
        [org.organizationId, contactId, body],
      )
      .then((result) => result.rows[0]);

  beforeAll(async () => {
    raw = await connectRaw();
  });
  afterAll(async () => {
    await raw.end();
  });
  beforeEach(async () => {
    org = await createOrganization(db, { members: { alice: "agent", bob: "agent" }, contacts: 2 });
    writer = await connectRaw();
  });
  afterEach(async () => {
    await writer.end();
    expect(await counterMismatches(raw, org.organizationId)).toEqual([]);
  });

  it("stamps a defaulted message after a read position set earlier in its own transaction", async () => {
    const [contactId] = org.contactIds;
    await writer.query(`BEGIN`);
    await writer.query(
      `INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at) VALUES ($1, $2, $3, now())`,
      [org.organizationId, org.users.alice.id, contactId],
    );
    const message = await insertDefaulted(writer, contactId, "after the position");
    await writer.query(`COMMIT`);
    const { rows } = await raw.query<{ last_read_at: Date }>(
      `SELECT last_read_at FROM conversation_read_state WHERE user_id = $1 AND contact_id = $2`,
      [org.users.alice.id, contactId],
    );
    expect(message.created_at.getTime()).toBeGreaterThan(rows[0].last_read_at.getTime());
    expect(await unread(contactId)).toBe(1);
  });

  if (concurrent) {
    it("keeps unread a message whose transaction began before a mark-read that committed first", async () => {
      const [contactId] = org.contactIds;
      await writer.query(`BEGIN`);
      await writer.query(`SELECT now()`); // the transaction's start: the old default created_at
      await markContactRead(db, scope(), contactId, undefined);
      await insertDefaulted(writer, contactId, "late commit");
      await writer.query(`COMMIT`);
      expect(await unread(contactId)).toBe(1);
    });

    it("keeps unread an earlier-started message that commits after the one a reader read up to", async () => {
      const [contactId] = org.contactIds;
      await writer.query(`BEGIN`);
      await writer.query(`SELECT now()`);
      const seen = await receiveInboundMessage(db, { organizationId: org.organizationId, contactId, body: "seen", kind: "chat" });
      await markContactRead(db, scope(), contactId, { upToMessageId: seen.messageId });
      expect(await unread(contactId)).toBe(0);
      await insertDefaulted(writer, contactId, "committed after the read");
      await writer.query(`COMMIT`);
      expect(await unread(contactId)).toBe(1);
    });

    it("makes a mark-read wait for a message in flight, which it then covers visibly", async () => {
      const [contactId] = org.contactIds;
      await writer.query(`BEGIN`);
      const inFlight = await insertDefaulted(writer, contactId, "in flight");
      const writerPid = (await writer.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
      let settled = false;
      const read = markContactRead(db, scope(), contactId, undefined).finally(() => (settled = true));
      // The real condition: a backend blocked by the writer's transaction.
      await expect
        .poll(
          async () =>
            (await raw.query(`SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [writerPid])).rowCount,
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
      expect(settled).toBe(false);
      await writer.query(`COMMIT`);
      const position = await read;
      expect(position.lastReadAt.getTime()).toBeGreaterThanOrEqual(inFlight.created_at.getTime());
      expect(await unread(contactId)).toBe(0);
    });
  }
});
