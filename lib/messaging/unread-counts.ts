import type { Database } from "@/lib/db/prisma";
import { countedMessage } from "@/lib/messaging/counting-rule";

export type UnreadCounts = Record<string, number>;

export const MAX_CONTACT_IDS_PER_BATCH = 500;

/**
 * Unread counts for a batch of contacts in one round trip. Contacts with zero
 * unread, unknown ids and other organizations' ids are absent from the result.
 */
export async function getUnreadCounts(
  db: Database,
  input: { userId: string; organizationId: string; contactIds: string[] },
): Promise<UnreadCounts> {
  if (input.contactIds.length === 0) return {};
  const rows = await db.$queryRaw<{ contact_id: string; unread_count: number | bigint }[]>`
    SELECT m.contact_id, COUNT(*) AS unread_count
    FROM message m
    LEFT JOIN conversation_read_state crs ON crs.contact_id = m.contact_id AND crs.user_id = ${input.userId}::uuid
    WHERE m.organization_id = ${input.organizationId}::uuid
      AND m.contact_id = ANY(${input.contactIds}::uuid[])
      AND ${countedMessage("m")}
      AND m.created_at > COALESCE(crs.last_read_at, '1970-01-01T00:00:00Z')
    GROUP BY m.contact_id`;
  return Object.fromEntries(rows.map((row) => [row.contact_id, Number(row.unread_count)]));
}

/** One contact's count, for events and responses that carry it. */
export async function getUnreadCount(
  db: Database,
  input: { userId: string; organizationId: string; contactId: string },
): Promise<number> {
  const counts = await getUnreadCounts(db, { ...input, contactIds: [input.contactId] });
  return counts[input.contactId] ?? 0;
}

