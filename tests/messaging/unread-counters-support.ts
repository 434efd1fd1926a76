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
 * Every difference between the read model (lib/messaging/unread-counts.ts:
 * a contact's counted total minus the member's read-through) and the oracle
 * for one organization: for every (member, contact), equal to the oracle's
 * count, 0 when the oracle omits the contact.
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
  const stored = await db.query<{ user_id: string; contact_id: string; unread_count: number }>(
    `SELECT mb.user_id, c.id AS contact_id, c.counted_total - COALESCE(crs.read_through, 0) AS unread_count
     FROM membership mb
     JOIN contact c ON c.organization_id = mb.organization_id
     LEFT JOIN conversation_read_state crs ON crs.user_id = mb.user_id AND crs.contact_id = c.id
     WHERE mb.organization_id = $1`,
    [organizationId],
  );
  const actual = new Map(stored.rows.map((row) => [`${row.user_id}/${row.contact_id}`, row.unread_count]));
  const mismatches: CounterMismatch[] = [];
  for (const userId of members) {
    const oracle = await oracleUnreadCounts(db as pg.Client, userId, organizationId, contacts);
    for (const contactId of contacts) {
      const value = actual.get(`${userId}/${contactId}`);
      const expected = oracle[contactId] ?? 0;
      if (value !== expected) mismatches.push({ userId, contactId, expected, actual: value ?? "no row" });
    }
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

/** Runs the operations on `workers` concurrent loops, each taking the next one as soon as it is free. */
export async function runOnWorkers<T>(operations: T[], workers: number, run: (operation: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < operations.length) await run(operations[next++]);
    }),
  );
}
