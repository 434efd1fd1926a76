import "#server-only";
import type { Database } from "@/lib/db/prisma";

/** rate_limit_take sweeps hits older than this: no rule may use a longer window. */
export const MAX_WINDOW_MS = 60 * 60_000;

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Exact sliding-window limiter stored in Postgres, so every app instance
 * shares it. One call of rate_limit_take (migration
 * 20261122000200_unread_counters): a transaction-scoped advisory lock on the
 * key serialises the check-and-record of concurrent requests for the same key,
 * other keys never wait, and it costs one round trip instead of an
 * interactive transaction's four. Rejected requests are not recorded, so a
 * client that keeps retrying gets through as soon as the window allows.
 * The same call deletes the key's expired hits and sweeps a few stale ones of
 * any key (migration 20261202100100_rate_limit_bounded), so the table stays
 * bounded with no pruning job. Windows must stay under MAX_WINDOW_MS.
 */
export async function hitRateLimit(db: Database, key: string, rule: RateLimitRule): Promise<RateLimitResult> {
  const [row] = await db.$queryRaw<{ allowed: boolean; oldest: Date | null }[]>`
    SELECT allowed, oldest FROM rate_limit_take(${key}, ${rule.limit}::int, ${rule.windowMs}::int)`;
  if (row.allowed) return { allowed: true };
  const freesAt = (row.oldest?.getTime() ?? Date.now()) + rule.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - Date.now()) / 1000)) };
}
