// Exactness inside the benchmark: every count it measures must equal the
// reference oracle's, or the run fails loudly (non-zero exit, no report).
import type pg from "pg";
import { UNREAD_ORACLE_SQL } from "../../tests/support/unread-oracle";

export class ExactnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExactnessError";
  }
}

/** Throws when two {contactId: count} maps differ (a missing key is a zero). */
export function assertExact(label: string, actual: Record<string, number>, expected: Record<string, number>) {
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  const differences = [...keys]
    .filter((key) => (actual[key] ?? 0) !== (expected[key] ?? 0))
    .map((key) => `${key}: got ${actual[key] ?? 0}, oracle ${expected[key] ?? 0}`);
  const zeros = Object.entries(actual).filter(([, value]) => value === 0);
  if (differences.length > 0 || zeros.length > 0) {
    throw new ExactnessError(
      `${label}: ${differences.length} counts differ from the oracle${zeros.length ? `, ${zeros.length} zero counts present` : ""}\n    ` +
        [...differences, ...zeros.map(([key]) => `${key}: zero count must be omitted`)].slice(0, 10).join("\n    "),
    );
  }
}

/**
 * The whole read model of the organization: one counter per (member, contact),
 * each equal to the oracle. Returns the number of pairs checked.
 */
export async function assertAllCountersExact(db: pg.Client, organizationId: string): Promise<number> {
  const members = await db.query<{ user_id: string }>(`SELECT user_id FROM membership WHERE organization_id = $1`, [
    organizationId,
  ]);
  const contacts = await db.query<{ id: string }>(`SELECT id FROM contact WHERE organization_id = $1`, [organizationId]);
  const contactIds = contacts.rows.map((row) => row.id);
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM unread_counter WHERE organization_id = $1`, [
    organizationId,
  ]);
  const expectedRows = members.rows.length * contactIds.length;
  if (rows.rows[0].n !== expectedRows) {
    throw new ExactnessError(`unread_counter has ${rows.rows[0].n} rows for ${expectedRows} (member, contact) pairs`);
  }
  for (const { user_id: userId } of members.rows) {
    const oracle = await db.query<{ contact_id: string; unread_count: number }>(UNREAD_ORACLE_SQL, [
      userId,
      organizationId,
      contactIds,
    ]);
    const counters = await db.query<{ contact_id: string; unread_count: number }>(
      `SELECT contact_id, unread_count FROM unread_counter WHERE user_id = $1 AND organization_id = $2 AND unread_count > 0`,
      [userId, organizationId],
    );
    assertExact(
      `every counter of user ${userId}`,
      Object.fromEntries(counters.rows.map((row) => [row.contact_id, row.unread_count])),
      Object.fromEntries(oracle.rows.map((row) => [row.contact_id, row.unread_count])),
    );
  }
  return expectedRows;
}
