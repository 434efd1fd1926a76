// Verify (and repair) read model v2 against the counting rule, contact by
// contact: `npm run counts:verify -- [--org ID] [--repair]`. For when the
// triggers were bypassed: a restore or a logical-replication apply with
// triggers disabled, or any drift found by the check itself.
import type pg from "pg";

type Queryable = Pick<pg.ClientBase, "query">;

export type VerifyOptions = {
  organizationId?: string;
  repair: boolean;
  batchSize?: number;
  log?: (line: string) => void;
};

export type VerifyReport = {
  contacts: number;
  pairs: number;
  driftedContacts: number;
  driftedStates: number;
  driftedPairs: number;
  repairedContacts: number;
};

type BatchRow = { id: string; stored_total: number; actual_total: number; members: number; states_off: number; pairs_off: number };

/**
 * One statement per batch, so one snapshot: the model is transactionally
 * consistent, so a difference seen here is drift, never a write in flight.
 * `actual` is the oracle's rule (tests/support/unread-oracle.ts) counted from
 * the messages. A member's count differs when total - read-through does; for
 * the members without a read state that is a differing total, so pairs are
 * counted per contact and per read state, never per (member, contact).
 */
function batchSql(organizationId: string | undefined) {
  return `
    WITH batch AS (
      SELECT c.id, c.organization_id, c.counted_total AS stored_total,
             "unread_counted_between"(c.organization_id, c.id, "read_model_epoch"(), NULL) AS actual_total
      FROM contact c
      WHERE c.id > $1::uuid ${organizationId ? "AND c.organization_id = $3::uuid" : ""}
      ORDER BY c.id LIMIT $2
    ), members AS (
      SELECT mb.organization_id, count(*)::int AS n FROM membership mb
      WHERE mb.organization_id IN (SELECT b.organization_id FROM batch b) GROUP BY mb.organization_id
    ), states AS (
      SELECT s.contact_id, s.read_through AS stored,
             b.actual_total - "unread_counted_between"(b.organization_id, b.id, s.last_read_at, NULL) AS actual,
             b.stored_total - s.read_through <> b.actual_total
               - (b.actual_total - "unread_counted_between"(b.organization_id, b.id, s.last_read_at, NULL)) AS count_off,
             EXISTS (SELECT 1 FROM membership mb WHERE mb.user_id = s.user_id AND mb.organization_id = b.organization_id) AS member
      FROM batch b JOIN conversation_read_state s ON s.contact_id = b.id
    ), per_contact AS (
      SELECT s.contact_id, count(*) FILTER (WHERE s.stored <> s.actual)::int AS states_off,
             count(*) FILTER (WHERE s.member)::int AS member_states,
             count(*) FILTER (WHERE s.member AND s.count_off)::int AS member_states_off
      FROM states s GROUP BY s.contact_id
    )
    SELECT b.id, b.stored_total, b.actual_total, COALESCE(m.n, 0) AS members, COALESCE(p.states_off, 0) AS states_off,
      COALESCE(p.member_states_off, 0)
        + CASE WHEN b.stored_total <> b.actual_total THEN COALESCE(m.n, 0) - COALESCE(p.member_states, 0) ELSE 0 END AS pairs_off
    FROM batch b
    LEFT JOIN members m ON m.organization_id = b.organization_id
    LEFT JOIN per_contact p ON p.contact_id = b.id
    ORDER BY b.id`;
}

/**
 * Rebuilds the totals and read-throughs of the given contacts, under each
 * contact's row lock (the writers' lock order: contacts by id, then their read
 * states), in one short transaction. The version moves by one so that clients
 * holding the old one refetch (issue 16).
 */
async function repairContacts(client: pg.ClientBase, contactIds: string[]) {
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL badger.read_model_repair = 'on'`);
    await client.query(`SELECT 1 FROM contact WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [contactIds]);
    await client.query(
      `UPDATE contact c SET
         counted_total = "unread_counted_between"(c.organization_id, c.id, "read_model_epoch"(), NULL),
         counted_version = c.counted_version + 1
       WHERE c.id = ANY($1::uuid[])`,
      [contactIds],
    );
    await client.query(
      `UPDATE conversation_read_state s
       SET read_through = c.counted_total - "unread_counted_between"(c.organization_id, c.id, s.last_read_at, NULL)
       FROM contact c
       WHERE c.id = s.contact_id AND c.id = ANY($1::uuid[])`,
      [contactIds],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

export async function verifyReadModel(client: pg.ClientBase, options: VerifyOptions): Promise<VerifyReport> {
  const batchSize = options.batchSize ?? 1000;
  const log = options.log ?? (() => undefined);
  const report: VerifyReport = { contacts: 0, pairs: 0, driftedContacts: 0, driftedStates: 0, driftedPairs: 0, repairedContacts: 0 };
  const total = await countContacts(client, options.organizationId);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const params: unknown[] = [after, batchSize];
    if (options.organizationId) params.push(options.organizationId);
    const { rows } = await client.query<BatchRow>(batchSql(options.organizationId), params);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const drifted = rows.filter((row) => row.stored_total !== row.actual_total || row.states_off > 0 || row.pairs_off > 0);
    report.contacts += rows.length;
    report.pairs += rows.reduce((sum, row) => sum + row.members, 0);
    report.driftedContacts += drifted.length;
    report.driftedStates += drifted.reduce((sum, row) => sum + row.states_off, 0);
    report.driftedPairs += drifted.reduce((sum, row) => sum + row.pairs_off, 0);
    if (options.repair && drifted.length > 0) {
      await repairContacts(client, drifted.map((row) => row.id));
      report.repairedContacts += drifted.length;
    }
    log(
      `  checked ${report.contacts.toLocaleString("en")} of ${total.toLocaleString("en")} contacts: ` +
        `${report.driftedPairs.toLocaleString("en")} (member, contact) counts differ` +
        (options.repair ? `, ${report.repairedContacts.toLocaleString("en")} contacts rebuilt` : ""),
    );
    if (rows.length < batchSize) break;
  }
  return report;
}

async function countContacts(db: Queryable, organizationId: string | undefined) {
  const { rows } = organizationId
    ? await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact WHERE organization_id = $1::uuid`, [organizationId])
    : await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact`);
  return rows[0].n;
}
