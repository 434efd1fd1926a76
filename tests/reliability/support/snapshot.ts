import type { Database } from "@/lib/db/prisma";

// Tables a rejected request must never change. rate_limit_hit is left out on
// purpose: a throttled endpoint records attempts, by design, before it can
// know whether the rest of the request is valid.
const TABLES = ["message", "conversation_read_state", "contact", "inbound_endpoint"] as const;

export type Snapshot = Record<(typeof TABLES)[number], { rows: number; checksum: string }>;

/**
 * Row count and an md5 over every column of every row, per table, limited to
 * the given organizations (other test files share the database and write to
 * their own organizations concurrently).
 */
export async function snapshotOrganizations(db: Database, organizationIds: string[]): Promise<Snapshot> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const [row] = await db.$queryRawUnsafe<{ rows: number; checksum: string | null }[]>(
        `SELECT COUNT(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t.id)) AS checksum
         FROM "${table}" t WHERE t.organization_id = ANY($1::uuid[])`,
        organizationIds,
      );
      return [table, { rows: row.rows, checksum: row.checksum ?? "" }] as const;
    }),
  );
  return Object.fromEntries(entries) as Snapshot;
}
