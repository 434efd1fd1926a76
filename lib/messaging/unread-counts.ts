import "#server-only";
import type { Database } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";

export type UnreadCounts = Record<string, number>;

/**
 * Unread counts for a batch of contacts in one round trip. Contacts with zero
 * unread, unknown ids and other organizations' ids are absent from the result.
 *
 * Read model v2 (migration 20261202000000_read_model_v2): each contact keeps
 * its total of counted messages, and each read state how many of them lie at
 * or before its position. unread = total - read-through (the total when the
 * user never opened the conversation). So this is one primary-key probe of
 * `contact` and one of the user's read state per id, whatever the backlog, and
 * a message costs O(1) writes whatever the size of the team.
 *
 * Why not the reference COUNT(*) (tests/support/unread-oracle.ts)? It reads one
 * index entry per unread message, on every request: ~300 ms for ten contacts
 * with 100,000 unread each. Why not a counter per (member, contact), read
 * model v1? Every inbound message then wrote one row per member: 5% of the
 * schema's insert throughput at 1,000 members (BENCHMARKS.md).
 *
 * Consistency: totals and read-throughs commit atomically with the message or
 * read state that moved them, serialised per contact by its row lock (see the
 * migration's header), so any snapshot gives the oracle's answer for that
 * snapshot; the property and concurrency tests check it.
 */
export async function getUnreadCounts(
  db: Database,
  input: { userId: string; organizationId: string; contactIds: string[] },
): Promise<UnreadCounts> {
  if (input.contactIds.length === 0) return {};
  const rows = await db.$queryRaw<{ contact_id: string; unread_count: number | bigint }[]>(unreadCountsSql(input));
  return Object.fromEntries(rows.map((row) => [row.contact_id, Number(row.unread_count)]));
}

/** The read model's count for one user, as a SQL expression over `c` (contact) and `crs` (their read state). */
export const unreadCountExpression = Prisma.sql`(c.counted_total - COALESCE(crs.read_through, 0))`;

/**
 * The batch query itself; exported so the benchmark measures exactly this SQL.
 * read_model_unread_counts (migration 20261202000000_read_model_v2) pins the
 * plan to one probe per id. Another organization's contact id matches no row:
 * absent, never leaked.
 */
export function unreadCountsSql(input: { userId: string; organizationId: string; contactIds: string[] }) {
  return Prisma.sql`
    SELECT contact_id, unread_count
    FROM read_model_unread_counts(${input.userId}::uuid, ${input.organizationId}::uuid, ${input.contactIds}::uuid[])`;
}

/** One contact's count, for events and responses that carry it. */
export async function getUnreadCount(
  db: Database,
  input: { userId: string; organizationId: string; contactId: string },
): Promise<number> {
  const counts = await getUnreadCounts(db, { ...input, contactIds: [input.contactId] });
  return counts[input.contactId] ?? 0;
}
