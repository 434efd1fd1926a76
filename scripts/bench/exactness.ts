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

/** One member's counts for every contact of the organization, read model against the oracle. */
export async function assertUserExact(
  db: Pick<pg.Client, "query">,
  label: string,
  scope: { userId: string; organizationId: string },
  contactIds: string[],
) {
  const oracle = await db.query<{ contact_id: string; unread_count: number }>(UNREAD_ORACLE_SQL, [
    scope.userId,
    scope.organizationId,
    contactIds,
  ]);
  // The app's own batch query (lib/messaging/unread-counts.ts), not a copy of it.
  const model = await db.query<{ contact_id: string; unread_count: number }>(
    `SELECT contact_id, unread_count FROM read_model_unread_counts($1, $2, $3)`,
    [scope.userId, scope.organizationId, contactIds],
  );
  assertExact(
    label,
    Object.fromEntries(model.rows.map((row) => [row.contact_id, row.unread_count])),
    Object.fromEntries(oracle.rows.map((row) => [row.contact_id, row.unread_count])),
  );
}

/**
 * The whole read model of the organization: for every (member, contact), the
 * contact's total minus the member's read-through equals the oracle. Returns
 * the number of pairs checked.
 */
export async function assertAllCountersExact(db: pg.Client, organizationId: string): Promise<number> {
  const members = await db.query<{ user_id: string }>(`SELECT user_id FROM membership WHERE organization_id = $1`, [
    organizationId,
  ]);
  const contacts = await db.query<{ id: string }>(`SELECT id FROM contact WHERE organization_id = $1`, [organizationId]);
  const contactIds = contacts.rows.map((row) => row.id);
  for (const { user_id: userId } of members.rows) {
    await assertUserExact(db, `every count of user ${userId}`, { userId, organizationId }, contactIds);
  }
  return members.rows.length * contactIds.length;
}
