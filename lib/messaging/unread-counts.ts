import type { Database } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";

export type UnreadCounts = Record<string, number>;

export const MAX_CONTACT_IDS_PER_BATCH = 500;

/**
 * Unread counts for a batch of contacts in one round trip. Contacts with zero
 * unread, unknown ids and other organizations' ids are absent from the result.
 *
 * Read model: `unread_counter` holds one exact count per (member, contact),
 * maintained by triggers in the same transaction as every write that can change
 * it (migration 20261122000200_unread_counters). So this is a primary-key
 * lookup: up to 500 index probes whose cost does not depend on the backlog.
 *
 * Why not the reference COUNT(*) (tests/support/unread-oracle.ts)? It reads one
 * index entry per unread message, on every request: ~300 ms for ten contacts
 * with 100,000 unread each, and badges are fetched on every new message.
 * Why not sequence numbers (unread = newest seq - read seq)? Deletions,
 * `system` and outbound messages and out-of-order created_at would all need
 * their own corrections per user, and a soft delete in the middle of a backlog
 * would still force a count. A counter absorbs each of these as a ±1.
 *
 * Consistency: a counter row commits atomically with the message or read state
 * that moved it, and concurrent writers of one counter are serialised by row
 * locks taken before they compute (see the migration's header). Any snapshot
 * therefore sees, for every pair, exactly what the reference query would
 * return on that snapshot; the property and concurrency tests check it against
 * the oracle.
 */
export async function getUnreadCounts(
  db: Database,
  input: { userId: string; organizationId: string; contactIds: string[] },
): Promise<UnreadCounts> {
  if (input.contactIds.length === 0) return {};
  const rows = await db.$queryRaw<{ contact_id: string; unread_count: number | bigint }[]>(unreadCountsSql(input));
  return Object.fromEntries(rows.map((row) => [row.contact_id, Number(row.unread_count)]));
}

/** The batch query itself; exported so the benchmark measures exactly this SQL. */
export function unreadCountsSql(input: { userId: string; organizationId: string; contactIds: string[] }) {
  // organization_id: the session's active organization only; another
  // organization's contact id matches no row, so it is absent, never leaked.
  return Prisma.sql`
    SELECT uc.contact_id, uc.unread_count
    FROM unread_counter uc
    WHERE uc.user_id = ${input.userId}::uuid
      AND uc.organization_id = ${input.organizationId}::uuid
      AND uc.contact_id = ANY(${input.contactIds}::uuid[])
      AND uc.unread_count > 0`;
}

/** One contact's count, for events and responses that carry it. */
export async function getUnreadCount(
  db: Database,
  input: { userId: string; organizationId: string; contactId: string },
): Promise<number> {
  const counts = await getUnreadCounts(db, { ...input, contactIds: [input.contactId] });
  return counts[input.contactId] ?? 0;
}
