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
 * the messages; a pair differs when total - read-through does.
 */
function batchSql(organizationId: string | undefined) {
  return `
    WITH batch AS (
      SELECT c.id, c.organization_id, c.counted_total AS stored_total,
             "unread_counted_between"(c.organization_id, c.id, "read_model_epoch"(), NULL) AS actual_total
      FROM contact c
      WHERE c.id > $1::uuid ${organizationId ? "AND c.organization_id = $3::uuid" : ""}
      ORDER BY c.id LIMIT $2
    ), states AS (
      SELECT s.contact_id, s.user_id, s.read_through AS stored,
             b.actual_total - "unread_counted_between"(b.organization_id, b.id, s.last_read_at, NULL) AS actual
      FROM batch b JOIN conversation_read_state s ON s.contact_id = b.id
    )
    SELECT b.id, b.stored_total, b.actual_total,
      (SELECT count(*) FROM membership mb WHERE mb.organization_id = b.organization_id)::int AS members,
      (SELECT count(*) FROM states s WHERE s.contact_id = b.id AND s.stored <> s.actual)::int AS states_off,
      (SELECT count(*) FROM membership mb
        LEFT JOIN states s ON s.contact_id = b.id AND s.user_id = mb.user_id
        WHERE mb.organization_id = b.organization_id
          AND b.stored_total - COALESCE(s.stored, 0) <> b.actual_total - COALESCE(s.actual, 0))::int AS pairs_off
    FROM batch b ORDER BY b.id`;
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
