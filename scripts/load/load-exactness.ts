// The exactness check of the load run reads the target's own database (with
// LOAD_URL: DATABASE_URL); without one it is reported as not done, not passed.
import pg from "pg";
import { UNREAD_ORACLE_SQL } from "../../tests/support/unread-oracle";
import { options } from "./load-options";
import type { Target } from "./load-target";
import type { WebhookStream } from "./webhook-stream";

/** After the run: the endpoint equals the oracle, and every acknowledged delivery is stored exactly once. */
export async function checkExactness(target: Target, cookie: string, contactIds: string[], stream: WebhookStream) {
  if (!target.databaseUrl) return { checked: false as const, problems: [] as string[] };
  const db = new pg.Client({ connectionString: target.databaseUrl });
  await db.connect();
  const problems: string[] = [];
  try {
    const { rows: users } = await db.query<{ user_id: string; organization_id: string }>(
      `SELECT m.user_id, m.organization_id FROM membership m JOIN "user" u ON u.id = m.user_id
       JOIN contact c ON c.organization_id = m.organization_id WHERE u.email = $1 AND c.id = $2`,
      [options.email, contactIds[0]],
    );
    const { user_id: userId, organization_id: organizationId } = users[0];
    const { rows } = await db.query<{ contact_id: string; unread_count: number }>(UNREAD_ORACLE_SQL, [userId, organizationId, contactIds]);
    const oracle = Object.fromEntries(rows.map((row) => [row.contact_id, row.unread_count]));
    const response = await fetch(`${target.appUrl}/api/messaging/unread-counts?contact_ids=${contactIds.join(",")}`, { headers: { cookie } });
    const { counts } = (await response.json()) as { counts: Record<string, number> };
    const keys = new Set([...Object.keys(oracle), ...Object.keys(counts)]);
    for (const key of keys) if (oracle[key] !== counts[key]) problems.push(`contact ${key}: endpoint ${counts[key]} ≠ oracle ${oracle[key]}`);
    const { rows: stored } = await db.query<{ external_id: string; copies: number }>(
      "SELECT external_id, COUNT(*)::int AS copies FROM message WHERE external_id = ANY($1) GROUP BY external_id",
      [[...stream.stats.all]],
    );
    const storedIds = new Map(stored.map((row) => [row.external_id, row.copies]));
    for (const externalId of stream.stats.acknowledged) {
      if (storedIds.get(externalId) !== 1) problems.push(`delivery ${externalId} stored ${storedIds.get(externalId) ?? 0} times`);
    }
    for (const [externalId, copies] of storedIds) if (copies !== 1) problems.push(`delivery ${externalId} stored ${copies} times`);
    return { checked: true as const, problems, contacts: contactIds.length, deliveries: stream.stats.acknowledged.size, nonZero: rows.length };
  } finally {
    await db.end();
  }
}
