import { Prisma } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/db/prisma";

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Exact sliding-window limiter stored in Postgres, so every app instance
 * shares it. A transaction-scoped advisory lock on the key serialises the
 * check-and-record of concurrent requests for the same key; other keys never
 * wait. Rejected requests are not recorded, so a client that keeps retrying
 * gets through as soon as the window allows.
 */
export async function hitRateLimit(db: Database, key: string, rule: RateLimitRule): Promise<RateLimitResult> {
  const windowInterval = Prisma.sql`(${rule.windowMs}::int * interval '1 millisecond')`;
  const [row] = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    return tx.$queryRaw<{ allowed: boolean; oldest: Date | null }[]>`
      WITH recent AS (
        SELECT created_at FROM rate_limit_hit
        WHERE key = ${key} AND created_at > clock_timestamp() - ${windowInterval}
      ), tally AS (
        SELECT COUNT(*)::int AS hits FROM recent
      ), decision AS (
        SELECT hits < ${rule.limit} AS allowed,
               -- the hit whose expiry brings the window back under the limit
               (SELECT created_at FROM recent ORDER BY created_at
                OFFSET GREATEST(hits - ${rule.limit}, 0) LIMIT 1) AS oldest
        FROM tally
      ), recorded AS (
        INSERT INTO rate_limit_hit (key, created_at)
        SELECT ${key}, clock_timestamp() FROM decision WHERE allowed
      )
      SELECT allowed, oldest FROM decision`;
  });
  if (row.allowed) return { allowed: true };
  const freesAt = (row.oldest?.getTime() ?? Date.now()) + rule.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - Date.now()) / 1000)) };
}

/** Old hits are dead weight; called opportunistically, never on the hot path's critical section. */
export async function pruneRateLimitHits(db: Database, olderThanMs = 60 * 60 * 1000) {
  await db.$executeRaw`DELETE FROM rate_limit_hit WHERE created_at < now() - (${olderThanMs}::int * interval '1 millisecond')`;
}
