import pg from "pg";

/**
 * The reference design's batch unread query, extended with the kind and
 * deleted_at conditions of the counting rule. It is the oracle every unread
 * count in Badger must equal; keep it verbatim, never "optimise" it.
 */
export const UNREAD_ORACLE_SQL = `
SELECT m.contact_id, COUNT(*)::int AS unread_count
FROM message m
LEFT JOIN conversation_read_state crs ON crs.contact_id = m.contact_id AND crs.user_id = $1
WHERE m.organization_id = $2 AND m.contact_id = ANY($3::uuid[]) AND m.direction = 'inbound'
  AND m.kind IN ('chat', 'post', 'task') AND m.deleted_at IS NULL
  AND m.created_at > COALESCE(crs.last_read_at, '1970-01-01T00:00:00Z')
GROUP BY m.contact_id`;

type Queryable = Pick<pg.Client, "query">;

export async function oracleUnreadCounts(
  db: Queryable,
  userId: string,
  organizationId: string,
  contactIds: string[],
): Promise<Record<string, number>> {
  const result = await db.query<{ contact_id: string; unread_count: number }>(UNREAD_ORACLE_SQL, [
    userId,
    organizationId,
    contactIds,
  ]);
  return Object.fromEntries(result.rows.map((row) => [row.contact_id, row.unread_count]));
}
