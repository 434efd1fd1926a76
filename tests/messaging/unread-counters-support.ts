// Shared checks for the unread counter tests: the whole read model of one
// organization against the oracle, zeros and coverage included.
import pg from "pg";
import { inject } from "vitest";
import { oracleUnreadCounts } from "../support/unread-oracle";

type Queryable = Pick<pg.Client, "query">;

export type CounterMismatch = {
  userId: string;
  contactId: string;
  expected: number | "no row";
  actual: number | "no row";
};

export async function connectRaw(url: string = inject("databaseUrl")) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Every difference between unread_counter and the oracle for one
 * organization: a counter per (member, contact) equal to the oracle's count
 * (0 when the oracle omits the contact), and no counter for anyone else.
 */
export async function counterMismatches(db: Queryable, organizationId: string): Promise<CounterMismatch[]> {
  const members = (
    await db.query<{ user_id: string }>(`SELECT user_id FROM membership WHERE organization_id = $1 ORDER BY user_id`, [
      organizationId,
    ])
  ).rows.map((row) => row.user_id);
  const contacts = (
    await db.query<{ id: string }>(`SELECT id FROM contact WHERE organization_id = $1 ORDER BY id`, [organizationId])
  ).rows.map((row) => row.id);
  const stored = await db.query<{ user_id: string; contact_id: string; organization_id: string; unread_count: number }>(
    `SELECT user_id, contact_id, organization_id, unread_count FROM unread_counter
     WHERE organization_id = $1 OR contact_id = ANY($2::uuid[])`,
    [organizationId, contacts],
  );
  const actual = new Map(stored.rows.map((row) => [`${row.user_id}/${row.contact_id}`, row]));
  const mismatches: CounterMismatch[] = [];
  for (const userId of members) {
    const oracle = await oracleUnreadCounts(db as pg.Client, userId, organizationId, contacts);
    for (const contactId of contacts) {
      const key = `${userId}/${contactId}`;
      const row = actual.get(key);
      actual.delete(key);
      const expected = oracle[contactId] ?? 0;
      if (!row || row.unread_count !== expected || row.organization_id !== organizationId) {
        mismatches.push({ userId, contactId, expected, actual: row ? row.unread_count : "no row" });
      }
    }
  }
  for (const row of actual.values()) {
    mismatches.push({ userId: row.user_id, contactId: row.contact_id, expected: "no row", actual: row.unread_count });
  }
  return mismatches;
}

/** A deterministic pseudo-random sequence, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}
