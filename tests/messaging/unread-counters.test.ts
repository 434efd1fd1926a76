// The unread read model (per-contact totals and per-read-state read-throughs,
// kept by triggers) must equal the reference oracle after every kind of write, whoever makes it: the app's own
// functions and endpoints, or raw SQL as a backfill or an admin would.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { receiveInboundMessage } from "@/lib/messaging/inbound";
import { softDeleteMessage } from "@/lib/messaging/messages";
import { markAllRead, markContactRead, markContactUnread } from "@/lib/messaging/read-state";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";
import { oracleUnreadCounts } from "../support/unread-oracle";
import { connectRaw, counterMismatches } from "./unread-counters-support";

const db = getTestPrisma();

describe("unread counters equal the oracle after every kind of write", () => {
  let raw: pg.Client;
  let org: OrgFixture;

  beforeAll(async () => {
    raw = await connectRaw();
  });
  afterAll(async () => {
    await raw.end();
  });
  beforeEach(async () => {
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent", vera: "viewer" }, contacts: 3 });
  });

  const scope = (key: string) => ({ userId: org.users[key].id, organizationId: org.organizationId });
  const expectExact = async (fixture: OrgFixture = org) =>
    expect(await counterMismatches(raw, fixture.organizationId)).toEqual([]);
  const insertRaw = (contactId: string, values: { direction?: string; kind?: string; createdAt?: Date } = {}) =>
    raw
      .query<{ id: string }>(
        `INSERT INTO message (organization_id, contact_id, direction, kind, body, created_at)
         VALUES ($1, $2, $3, $4, 'raw', $5) RETURNING id`,
        [org.organizationId, contactId, values.direction ?? "inbound", values.kind ?? "chat", values.createdAt ?? new Date()],
      )
      .then((result) => result.rows[0].id);

  it("starts at zero for every member and contact, with nothing stored per pair", async () => {
    const { rows } = await raw.query(`SELECT counted_total FROM contact WHERE organization_id = $1`, [org.organizationId]);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.counted_total === 0)).toBe(true);
    const states = await raw.query(`SELECT 1 FROM conversation_read_state WHERE organization_id = $1`, [org.organizationId]);
    expect(states.rowCount).toBe(0);
    await expectExact();
  });

  it("counts inserts of every kind and direction, one by one and in bulk", async () => {
    const [c0, c1, c2] = org.contactIds;
    await markContactRead(db, scope("alice"), c0, { lastReadAt: minutesAgo(15) });
    for (const direction of ["inbound", "outbound"]) {
      for (const kind of ["chat", "post", "task", "system"]) {
        await insertRaw(c0, { direction, kind, createdAt: minutesAgo(20) });
        await insertRaw(c0, { direction, kind, createdAt: minutesAgo(10) });
        await expectExact();
      }
    }
    await addMessages(
      db,
      org.organizationId,
      Array.from({ length: 30 }, (_, index) => ({
        contactId: [c0, c1, c2][index % 3],
        direction: index % 4 === 0 ? ("outbound" as const) : ("inbound" as const),
        kind: (["chat", "post", "task", "system", "chat"] as const)[index % 5],
        createdAt: minutesAgo(30 - index),
        deletedAt: index % 7 === 0 ? new Date() : null,
      })),
    );
    await expectExact();
    const { api } = await apiAs(scope("alice"));
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual(
      await oracleUnreadCounts(raw, org.users.alice.id, org.organizationId, org.contactIds),
    );
  });

  it("follows soft delete, undelete and hard delete", async () => {
    const [c0] = org.contactIds;
    const [first, second] = await addMessages(db, org.organizationId, [
      { contactId: c0, createdAt: minutesAgo(3) },
      { contactId: c0, createdAt: minutesAgo(2) },
      { contactId: c0, kind: "system", createdAt: minutesAgo(1) },
    ]);
    await expectExact();
    await softDeleteMessage(db, scope("alice"), first);
    await expectExact();
    await raw.query(`UPDATE message SET deleted_at = NULL WHERE id = $1`, [first]);
    await expectExact();
    await raw.query(`DELETE FROM message WHERE id = $1`, [second]);
    await expectExact();
    await raw.query(`DELETE FROM message WHERE contact_id = $1 AND kind = 'system'`, [c0]);
    await raw.query(`UPDATE message SET deleted_at = now() WHERE contact_id = $1`, [c0]);
    await expectExact();
  });

  it("follows changes of created_at, kind, direction, contact and body", async () => {
    const [c0, c1] = org.contactIds;
    await markContactRead(db, scope("alice"), c0, { lastReadAt: minutesAgo(15) });
    await markContactRead(db, scope("bob"), c1, { lastReadAt: minutesAgo(5) });
    const id = await insertRaw(c0, { createdAt: minutesAgo(20) });
    await expectExact();
    const steps = [
      `UPDATE message SET created_at = now() WHERE id = $1`,
      `UPDATE message SET created_at = now() - interval '20 minutes' WHERE id = $1`,
      `UPDATE message SET kind = 'system' WHERE id = $1`,
      `UPDATE message SET kind = 'task', created_at = now() WHERE id = $1`,
      `UPDATE message SET direction = 'outbound' WHERE id = $1`,
      `UPDATE message SET direction = 'inbound' WHERE id = $1`,
      `UPDATE message SET contact_id = '${c1}' WHERE id = $1`,
      `UPDATE message SET body = 'edited' WHERE id = $1`,
      `UPDATE message SET created_at = now() - interval '10 minutes' WHERE id = $1`,
    ];
    for (const sql of steps) {
      await raw.query(sql, [id]);
      await expectExact();
    }
  });

  it("stays exact around the oracle's 1970 fallback: messages and positions before it", async () => {
    const [c0, c1] = org.contactIds;
    const at = (iso: string) => new Date(iso);
    // Alice reads from before 1970, Bob from after, Vera has no read state at all.
    await raw.query(
      `INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at)
       VALUES ($1, $2, $4, '1960-01-01'), ($1, $3, $4, '2000-01-01'), ($1, $2, $5, '1950-06-01')`,
      [org.organizationId, org.users.alice.id, org.users.bob.id, c0, c1],
    );
    await expectExact();
    for (const createdAt of ["1955-01-01", "1965-01-01", "1969-12-31T23:59:59.999Z", "1970-01-01", "1985-01-01"]) {
      await insertRaw(c0, { createdAt: at(createdAt) });
      await insertRaw(c1, { kind: "post", createdAt: at(createdAt) });
      await expectExact();
    }
    await raw.query(`UPDATE message SET deleted_at = now() WHERE contact_id = $1 AND created_at < '1966-01-01'`, [c0]);
    await expectExact();
    await raw.query(`UPDATE message SET created_at = created_at + interval '20 years' WHERE contact_id = $1`, [c1]);
    await expectExact();
    await markContactRead(db, scope("alice"), c0, { lastReadAt: at("1968-01-01") });
    await expectExact();
    await raw.query(`DELETE FROM message WHERE contact_id = $1 AND created_at < '1990-01-01'`, [c1]);
    await expectExact();
  });

  it("follows mark-read forward and backward, mark-unread, read-all and removed read states", async () => {
    const [c0, c1, c2] = org.contactIds;
    const ids = await addMessages(
      db,
      org.organizationId,
      Array.from({ length: 12 }, (_, index) => ({ contactId: [c0, c1, c2][index % 3], createdAt: minutesAgo(60 - index * 5) })),
    );
    await markContactRead(db, scope("alice"), c0, { upToMessageId: ids[3] });
    await expectExact();
    await markContactRead(db, scope("alice"), c0, { upToMessageId: ids[0] }); // late, older cursor: no change
    await expectExact();
    await markContactRead(db, scope("bob"), c1, undefined);
    await expectExact();
    await markContactUnread(db, scope("bob"), c1);
    await expectExact();
    await raw.query(`UPDATE conversation_read_state SET last_read_at = now() - interval '40 minutes' WHERE user_id = $1`, [
      org.users.alice.id,
    ]);
    await expectExact();
    await markAllRead(db, scope("alice"));
    await expectExact();
    await raw.query(`DELETE FROM conversation_read_state WHERE user_id = $1 AND contact_id = $2`, [org.users.alice.id, c2]);
    await expectExact();
    await raw.query(
      `INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at)
       SELECT $1, m.user_id, c.id, now() - interval '30 minutes'
       FROM membership m CROSS JOIN contact c WHERE m.organization_id = $1 AND c.organization_id = $1
       ON CONFLICT (user_id, contact_id) DO UPDATE SET last_read_at = EXCLUDED.last_read_at`,
      [org.organizationId],
    );
    await expectExact();
  });

  it("counts for a joining member and a leaving one without writing a row of the read model", async () => {
    const [c0, c1] = org.contactIds;
    await addMessages(db, org.organizationId, [
      { contactId: c0, createdAt: minutesAgo(30) },
      { contactId: c0, createdAt: minutesAgo(20) },
      { contactId: c1, createdAt: minutesAgo(10) },
      { contactId: c1, kind: "system", createdAt: minutesAgo(5) },
    ]);
    const newcomer = await db.user.create({ data: { email: `new-${randomUUID()}@test.local`, name: "New" } });
    // A read state left over from an earlier membership still applies.
    await db.conversationReadState.create({
      data: { organizationId: org.organizationId, userId: newcomer.id, contactId: c0, lastReadAt: minutesAgo(25) },
    });
    await expectExact();
    // Every row version of the read model, before and after: a membership
    // change must write none of them (O(1), whatever the organization's size).
    const readModelVersions = async () =>
      (
        await raw.query(
          `SELECT 'c' || id || xmin AS v FROM contact WHERE organization_id = $1
           UNION ALL SELECT 's' || id || xmin FROM conversation_read_state WHERE organization_id = $1 ORDER BY 1`,
          [org.organizationId],
        )
      ).rows.map((row) => row.v);
    const before = await readModelVersions();
    const membership = await db.membership.create({
      data: { userId: newcomer.id, organizationId: org.organizationId, role: "agent" },
    });
    expect(await readModelVersions()).toEqual(before);
    await expectExact();
    expect(await oracleUnreadCounts(raw, newcomer.id, org.organizationId, org.contactIds)).toEqual({ [c0]: 1, [c1]: 1 });
    await db.membership.update({ where: { id: membership.id }, data: { role: "viewer" } });
    await expectExact();
    await db.membership.delete({ where: { id: membership.id } });
    await expectExact();
    expect(await readModelVersions()).toEqual(before);
  });

  it("gives new contacts counters and drops those of removed or moved contacts", async () => {
    const other = await createOrganization(db, { members: { dave: "agent" }, contacts: 1 });
    const contact = await db.contact.create({ data: { organizationId: org.organizationId, name: "Newcomer" } });
    await expectExact();
    const inserted = await raw.query<{ id: string }>(
      `INSERT INTO contact (organization_id, name) VALUES ($1, 'A'), ($1, 'B') RETURNING id`,
      [org.organizationId],
    );
    await addMessages(db, org.organizationId, [
      { contactId: contact.id },
      { contactId: inserted.rows[0].id },
      { contactId: inserted.rows[1].id, kind: "post" },
    ]);
    await expectExact();
    await db.contact.delete({ where: { id: inserted.rows[0].id } });
    await expectExact();
    // A contact without messages may move to another organization: so do its counters.
    const empty = await db.contact.create({ data: { organizationId: org.organizationId, name: "Empty" } });
    await raw.query(`UPDATE contact SET organization_id = $1 WHERE id = $2`, [other.organizationId, empty.id]);
    await expectExact();
    await expectExact(other);
    // One with messages may not: the messages would change organization under the counters.
    await expect(
      raw.query(`UPDATE contact SET organization_id = $1 WHERE id = $2`, [other.organizationId, contact.id]),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^23(001|503)$/) }); // restrict_violation from PG 16 on
  });

  it("refuses a message whose organization is not its contact's", async () => {
    const other = await createOrganization(db, { members: { dave: "agent" }, contacts: 1 });
    await expect(
      raw.query(`INSERT INTO message (organization_id, contact_id, direction, kind, body) VALUES ($1, $2, 'inbound', 'chat', 'x')`, [
        org.organizationId,
        other.contactIds[0],
      ]),
    ).rejects.toMatchObject({ code: "23503" });
    await expectExact();
    await expectExact(other);
  });

  it("refuses to maintain counters outside READ COMMITTED, rather than drift", async () => {
    const client = await connectRaw();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      await expect(
        client.query(`INSERT INTO message (organization_id, contact_id, direction, kind, body) VALUES ($1, $2, 'inbound', 'chat', 'x')`, [
          org.organizationId,
          org.contactIds[0],
        ]),
      ).rejects.toThrow(/READ COMMITTED/);
      await client.query("ROLLBACK");
    } finally {
      await client.end();
    }
    await expectExact();
  });

  it("agrees with the oracle through the app: webhook, delete, mark-read and the unread filter", async () => {
    const [c0, c1, c2] = org.contactIds;
    const received = [];
    for (const [contactId, kind] of [[c0, "chat"], [c0, "post"], [c1, "task"], [c2, "system"], [c2, "chat"]] as const) {
      received.push(await receiveInboundMessage(db, { organizationId: org.organizationId, contactId, body: "hi", kind }));
    }
    const { api } = await apiAs(scope("bob"));
    await api.markRead(c1);
    await softDeleteMessage(db, scope("alice"), received[0].messageId);
    await expectExact();
    const oracle = await oracleUnreadCounts(raw, org.users.bob.id, org.organizationId, org.contactIds);
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual(oracle);
    const { contacts } = await api.contacts({ filter: "unread" });
    expect(Object.fromEntries(contacts.map((contact) => [contact.id, contact.unreadCount]))).toEqual(oracle);
    const all = await api.contacts({ filter: "all" });
    for (const contact of all.contacts) expect(contact.unreadCount).toBe(oracle[contact.id] ?? 0);
  });
});
