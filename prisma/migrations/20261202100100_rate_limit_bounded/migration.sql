-- rate_limit_hit stays bounded without a separate process (issue 13, item 4).
-- rate_limit_take (first defined in 20261122000200_unread_counters) used to
-- append a row per allowed request and never delete one: about 20 million rows
-- a day at the benchmark's mark-read rate. Now every call, in the same
-- statement and under the same per-key advisory lock:
--   1. deletes its own key's hits that have left the window, so a busy key
--      holds at most `limit` rows;
--   2. sweeps up to 20 hits of any key older than the longest window in use
--      (1 hour; lib/rate-limit/rules.ts stays below it), so keys that are never
--      seen again (one-off IPs, departed users) drain too. Every call adds at
--      most one row and removes up to 20 stale ones, so stale rows cannot pile
--      up faster than they are swept. SKIP LOCKED: concurrent sweeps of
--      different keys never wait for each other.
-- The table's size is therefore bounded by the number of keys active in the
-- last hour times their limit, whatever the traffic.

CREATE INDEX "rate_limit_hit_created_at_idx" ON "rate_limit_hit" ("created_at");

CREATE OR REPLACE FUNCTION "rate_limit_take"(p_key TEXT, p_limit INTEGER, p_window_ms INTEGER)
RETURNS TABLE ("allowed" BOOLEAN, "oldest" TIMESTAMPTZ) LANGUAGE plpgsql AS $$
DECLARE
  since TIMESTAMPTZ;
  hits INTEGER;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_key, 0));
  since := clock_timestamp() - p_window_ms * interval '1 millisecond';
  DELETE FROM "rate_limit_hit" h WHERE h.key = p_key AND h.created_at <= since;
  DELETE FROM "rate_limit_hit" h WHERE h.id IN (
    SELECT s.id FROM "rate_limit_hit" s
    WHERE s.created_at < clock_timestamp() - interval '1 hour'
    ORDER BY s.created_at
    LIMIT 20
    FOR UPDATE SKIP LOCKED);
  SELECT count(*)::int INTO hits FROM "rate_limit_hit" h WHERE h.key = p_key AND h.created_at > since;
  IF hits < p_limit THEN
    INSERT INTO "rate_limit_hit" (key, created_at) VALUES (p_key, clock_timestamp());
    RETURN QUERY SELECT true, NULL::TIMESTAMPTZ;
  ELSE
    -- The hit whose expiry brings the window back under the limit.
    RETURN QUERY SELECT false, (
      SELECT h.created_at FROM "rate_limit_hit" h WHERE h.key = p_key AND h.created_at > since
      ORDER BY h.created_at OFFSET hits - p_limit LIMIT 1);
  END IF;
END $$;
