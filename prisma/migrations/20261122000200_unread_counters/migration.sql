-- Unread counters: the read model behind every unread badge (issue 8).
--
-- One row per (member of an organization, contact of that organization) that
-- holds exactly what the reference COUNT(*) query (tests/support/unread-oracle.ts)
-- returns for that pair. Reading a batch of counts becomes a primary-key lookup
-- whose cost does not depend on how deep the backlog is.
--
-- Triggers keep every row exact in the same transaction as the write that
-- changes it, whoever the writer is (app, seed, backfill, raw SQL):
--   message INSERT/UPDATE/DELETE    add/subtract the message for the members
--                                   whose read position is before it
--   conversation_read_state change  recompute that (user, contact) counter from
--                                   message_counted_inbound_idx: cost = messages
--                                   still unread after the new position (~0
--                                   when reading up to the newest)
--   membership INSERT/DELETE        create (computed) / drop that member's counters
--   contact INSERT                  create the new contact's counters
--   TRUNCATE of any of them         reset or recompute
--
-- Concurrency. The triggers require READ COMMITTED (they refuse anything else)
-- and follow three steps, each its own statement:
--  1. an advisory lock per organization: shared for message, read-state and
--     contact writes, exclusive for membership changes, so a new member's
--     counters are computed from a state that no in-flight write can change
--     unseen;
--  2. SELECT ... FOR UPDATE of the affected counter rows in one global order
--     (contact_id, user_id): writers of one counter queue up, and two
--     single-statement transactions never deadlock on counters;
--  3. the computation, in a new statement. READ COMMITTED takes a new snapshot
--     per statement, so it sees every write committed before the lock was
--     granted. A recompute that runs before a concurrent message commits does
--     not see that message, but the message's own trigger then waits for the
--     lock and counts it against the read position the recompute committed;
--     an increment that runs first is overwritten by the later recompute,
--     which sees its message. Every order ends exact, and because a counter
--     commits atomically with the change that moved it, any snapshot that
--     reads counters sees the oracle's answer for that same snapshot.
-- Not supported: a single SQL statement that writes messages AND read states
-- (or contacts, memberships) through data-modifying CTEs; nothing does that.

-- The write paths touched here wait for this migration instead of racing it.
LOCK TABLE "membership", "contact", "message", "conversation_read_state" IN SHARE ROW EXCLUSIVE MODE;

-- A message belongs to its contact's organization. The reference query filters
-- on message.organization_id and the counters are kept per contact, so this is
-- what makes the two agree on every possible row, not only on sane ones.
-- ON UPDATE RESTRICT: a contact with messages cannot change organization (a
-- cascade would rewrite its messages inside the contact's own statement, where
-- no trigger can tell which of the two changes the other already counted).
CREATE UNIQUE INDEX "contact_organization_id_id_key" ON "contact" ("organization_id", "id");
ALTER TABLE "message" ADD CONSTRAINT "message_organization_id_contact_id_fkey"
  FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contact" ("organization_id", "id")
  ON DELETE CASCADE ON UPDATE RESTRICT;

-- fillfactor 70 leaves room on each page for HOT updates: unread_count is in no
-- index, so bumping a counter never touches an index.
CREATE TABLE "unread_counter" (
    "user_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "unread_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "unread_counter_pkey" PRIMARY KEY ("user_id", "contact_id"),
    -- A bug must fail the write loudly, never show a negative badge.
    CONSTRAINT "unread_counter_unread_count_check" CHECK ("unread_count" >= 0)
) WITH (fillfactor = 70);

-- The message triggers find and lock every member's counter of one contact, in
-- (contact_id, user_id) order.
CREATE INDEX "unread_counter_contact_id_user_id_idx" ON "unread_counter" ("contact_id", "user_id");

ALTER TABLE "unread_counter" ADD CONSTRAINT "unread_counter_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "unread_counter" ADD CONSTRAINT "unread_counter_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "unread_counter" ADD CONSTRAINT "unread_counter_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The counting rule (issue 3) on one message's columns. Inlined by the planner.
CREATE FUNCTION "unread_counter_counts"(direction "message_direction", kind "message_kind", deleted_at TIMESTAMPTZ)
RETURNS BOOLEAN LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT direction = 'inbound' AND kind IN ('chat', 'post', 'task') AND deleted_at IS NULL
$$;

-- One counter computed from scratch: the reference query for one pair, as an
-- index-only range scan of message_counted_inbound_idx after the read position
-- (kind <> 'system' repeats the index predicate so the planner can use it).
-- STABLE: it reads with the calling statement's snapshot. plpgsql, not sql, so
-- its plan is cached for the session instead of prepared again on each call.
CREATE FUNCTION "unread_counter_count"(p_organization_id UUID, p_contact_id UUID, p_user_id UUID)
RETURNS INTEGER LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT count(*)::int FROM "message" m
    WHERE m.organization_id = p_organization_id AND m.contact_id = p_contact_id
      AND m.direction = 'inbound' AND m.deleted_at IS NULL AND m.kind <> 'system'
      AND m.kind IN ('chat', 'post', 'task')
      AND m.created_at > COALESCE(
        (SELECT crs.last_read_at FROM "conversation_read_state" crs
         WHERE crs.user_id = p_user_id AND crs.contact_id = p_contact_id),
        '1970-01-01T00:00:00Z'));
END $$;

-- Step 1 of every trigger (see the header). Keys are taken in hash order so two
-- multi-organization writers cannot deadlock on them.
CREATE FUNCTION "unread_counter_lock_organizations"(organization_ids UUID[], exclusive BOOLEAN)
RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  key INTEGER;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'unread counters are maintained under READ COMMITTED only, not %',
      current_setting('transaction_isolation')
      USING HINT = 'Write messages, read states, contacts and memberships in READ COMMITTED transactions.';
  END IF;
  FOR key IN SELECT DISTINCT hashtext(id::text) FROM unnest(organization_ids) AS id WHERE id IS NOT NULL ORDER BY 1 LOOP
    IF exclusive THEN
      PERFORM pg_advisory_xact_lock(20261122, key);
    ELSE
      PERFORM pg_advisory_xact_lock_shared(20261122, key);
    END IF;
  END LOOP;
END $$;

-- Steps 2 and 3 for read-position changes: lock, then recompute the given
-- (user, contact) pairs. Rows whose value is already right are not rewritten.
CREATE FUNCTION "unread_counter_recompute"(user_ids UUID[], contact_ids UUID[])
RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "unread_counter_lock_organizations"(
    ARRAY(SELECT DISTINCT c.organization_id FROM "contact" c WHERE c.id = ANY(contact_ids)), false);
  PERFORM 1 FROM "unread_counter" uc
    JOIN (SELECT DISTINCT * FROM unnest(user_ids, contact_ids)) AS p(user_id, contact_id)
      ON uc.user_id = p.user_id AND uc.contact_id = p.contact_id
    ORDER BY uc.contact_id, uc.user_id
    FOR UPDATE OF uc;
  -- The count is unread_counter_count inlined, so this whole statement is
  -- planned once per session.
  UPDATE "unread_counter" uc SET unread_count = fresh.unread_count
  FROM (
    SELECT c.user_id, c.contact_id, n.unread_count
    FROM (SELECT DISTINCT * FROM unnest(user_ids, contact_ids)) AS p(user_id, contact_id)
    JOIN "unread_counter" c ON c.user_id = p.user_id AND c.contact_id = p.contact_id
    LEFT JOIN "conversation_read_state" crs ON crs.user_id = c.user_id AND crs.contact_id = c.contact_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS unread_count FROM "message" m
      WHERE m.organization_id = c.organization_id AND m.contact_id = c.contact_id
        AND m.direction = 'inbound' AND m.deleted_at IS NULL AND m.kind <> 'system'
        AND m.kind IN ('chat', 'post', 'task')
        AND m.created_at > COALESCE(crs.last_read_at, '1970-01-01T00:00:00Z')
    ) n
  ) fresh
  WHERE uc.user_id = fresh.user_id AND uc.contact_id = fresh.contact_id
    AND uc.unread_count <> fresh.unread_count;
END $$;

-- Steps 2 and 3 for message changes: every member's counter of the touched
-- contacts is locked, then moved by the signed number of counted messages that
-- appeared (+1) or disappeared (-1) after that member's read position.
CREATE FUNCTION "unread_counter_apply_deltas"(
  organization_ids UUID[], contact_ids UUID[], created_ats TIMESTAMPTZ[], signs INTEGER[])
RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "unread_counter_lock_organizations"(ARRAY(SELECT DISTINCT unnest(organization_ids)), false);
  PERFORM 1 FROM "unread_counter" uc
    WHERE uc.contact_id = ANY(ARRAY(SELECT DISTINCT unnest(contact_ids)))
    ORDER BY uc.contact_id, uc.user_id
    FOR UPDATE;
  UPDATE "unread_counter" uc SET unread_count = uc.unread_count + d.delta
  FROM (
    SELECT c.user_id, c.contact_id, sum(x.sign)::int AS delta
    FROM unnest(organization_ids, contact_ids, created_ats, signs) AS x(organization_id, contact_id, created_at, sign)
    JOIN "unread_counter" c ON c.contact_id = x.contact_id AND c.organization_id = x.organization_id
    LEFT JOIN "conversation_read_state" crs ON crs.user_id = c.user_id AND crs.contact_id = c.contact_id
    WHERE x.created_at > COALESCE(crs.last_read_at, '1970-01-01T00:00:00Z')
    GROUP BY c.user_id, c.contact_id
  ) d
  WHERE uc.user_id = d.user_id AND uc.contact_id = d.contact_id AND d.delta <> 0;
END $$;

-- Statement-level with transition tables: one pass per statement, so a bulk
-- insert of a million messages costs one set-based update, not a million.
CREATE FUNCTION "unread_counter_on_message_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  organization_ids UUID[];
  contact_ids UUID[];
  created_ats TIMESTAMPTZ[];
  signs INTEGER[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.organization_id), array_agg(n.contact_id), array_agg(n.created_at), array_agg(1)
      INTO organization_ids, contact_ids, created_ats, signs
      FROM new_rows n WHERE "unread_counter_counts"(n.direction, n.kind, n.deleted_at);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.organization_id), array_agg(o.contact_id), array_agg(o.created_at), array_agg(-1)
      INTO organization_ids, contact_ids, created_ats, signs
      FROM old_rows o WHERE "unread_counter_counts"(o.direction, o.kind, o.deleted_at);
  ELSE
    -- Old versions count -1, new versions +1, grouped by everything that
    -- matters: a row whose counting-relevant columns did not change (a body
    -- edit, a no-op update) cancels out and locks nothing. One hash
    -- aggregate, linear in the statement's rows.
    SELECT array_agg(x.organization_id), array_agg(x.contact_id), array_agg(x.created_at), array_agg(x.sign)
      INTO organization_ids, contact_ids, created_ats, signs
      FROM (
        SELECT v.organization_id, v.contact_id, v.created_at, sum(v.sign)::int AS sign
        FROM (
          SELECT n.id, n.organization_id, n.contact_id, n.created_at, 1 AS sign FROM new_rows n
          WHERE "unread_counter_counts"(n.direction, n.kind, n.deleted_at)
          UNION ALL
          SELECT o.id, o.organization_id, o.contact_id, o.created_at, -1 AS sign FROM old_rows o
          WHERE "unread_counter_counts"(o.direction, o.kind, o.deleted_at)
        ) v
        GROUP BY v.id, v.organization_id, v.contact_id, v.created_at
        HAVING sum(v.sign) <> 0
      ) x;
  END IF;
  IF contact_ids IS NOT NULL THEN
    PERFORM "unread_counter_apply_deltas"(organization_ids, contact_ids, created_ats, signs);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "message_unread_counter_insert" AFTER INSERT ON "message"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_message_change"();
CREATE TRIGGER "message_unread_counter_update" AFTER UPDATE ON "message"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_message_change"();
CREATE TRIGGER "message_unread_counter_delete" AFTER DELETE ON "message"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_message_change"();

-- Read positions: recompute every (user, contact) whose position moved. The
-- GREATEST upsert of a mark-read that does not move the position recomputes
-- nothing.
CREATE FUNCTION "unread_counter_on_read_state_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  user_ids UUID[];
  contact_ids UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.user_id), array_agg(n.contact_id) INTO user_ids, contact_ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.user_id), array_agg(o.contact_id) INTO user_ids, contact_ids FROM old_rows o;
  ELSE
    -- Versions whose (id, user, contact, position) did not change cancel out
    -- (a GREATEST upsert that keeps the position, an updated_at touch); the
    -- rest name the pairs to recompute. One hash aggregate, linear.
    SELECT array_agg(p.user_id), array_agg(p.contact_id) INTO user_ids, contact_ids FROM (
      SELECT DISTINCT v.user_id, v.contact_id FROM (
        SELECT n.id, n.user_id, n.contact_id, n.last_read_at, 1 AS side FROM new_rows n
        UNION ALL
        SELECT o.id, o.user_id, o.contact_id, o.last_read_at, -1 AS side FROM old_rows o
      ) v
      GROUP BY v.id, v.user_id, v.contact_id, v.last_read_at
      HAVING sum(v.side) <> 0
    ) p;
  END IF;
  IF user_ids IS NOT NULL THEN
    PERFORM "unread_counter_recompute"(user_ids, contact_ids);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "conversation_read_state_unread_counter_insert" AFTER INSERT ON "conversation_read_state"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_read_state_change"();
CREATE TRIGGER "conversation_read_state_unread_counter_update" AFTER UPDATE ON "conversation_read_state"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_read_state_change"();
CREATE TRIGGER "conversation_read_state_unread_counter_delete" AFTER DELETE ON "conversation_read_state"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_read_state_change"();

-- Members: a joining member gets a computed counter for every contact of the
-- organization (no read state yet means the epoch fallback: all history
-- counts); a leaving member loses them. Exclusive organization lock: see step 1.
CREATE FUNCTION "unread_counter_on_membership_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.user_id, OLD.organization_id) = (NEW.user_id, NEW.organization_id) THEN
    RETURN NULL;
  END IF;
  PERFORM "unread_counter_lock_organizations"(
    ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.organization_id END,
          CASE WHEN TG_OP <> 'DELETE' THEN NEW.organization_id END], true);
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "unread_counter" WHERE user_id = OLD.user_id AND organization_id = OLD.organization_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "unread_counter" (user_id, contact_id, organization_id, unread_count)
    SELECT NEW.user_id, c.id, c.organization_id, "unread_counter_count"(c.organization_id, c.id, NEW.user_id)
    FROM "contact" c WHERE c.organization_id = NEW.organization_id
    ON CONFLICT (user_id, contact_id) DO UPDATE
      SET organization_id = EXCLUDED.organization_id, unread_count = EXCLUDED.unread_count;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "membership_unread_counter" AFTER INSERT OR DELETE OR UPDATE OF "user_id", "organization_id" ON "membership"
  FOR EACH ROW EXECUTE FUNCTION "unread_counter_on_membership_change"();

-- Contacts: a new contact gets a counter per member (computed, so even a
-- contact whose messages arrive in the same transaction starts right).
CREATE FUNCTION "unread_counter_on_contact_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "unread_counter_lock_organizations"(ARRAY(SELECT DISTINCT n.organization_id FROM new_rows n), false);
  INSERT INTO "unread_counter" (user_id, contact_id, organization_id, unread_count)
  SELECT mb.user_id, c.id, c.organization_id, "unread_counter_count"(c.organization_id, c.id, mb.user_id)
  FROM new_rows c JOIN "membership" mb ON mb.organization_id = c.organization_id
  ON CONFLICT (user_id, contact_id) DO UPDATE
    SET organization_id = EXCLUDED.organization_id, unread_count = EXCLUDED.unread_count;
  RETURN NULL;
END $$;

CREATE TRIGGER "contact_unread_counter_insert" AFTER INSERT ON "contact"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_contact_insert"();

-- A contact moved to another organization (possible only without messages, see
-- the foreign key above): its counters now belong to the new organization's
-- members. Row-level with a column list, so the sidebar trigger's updates of
-- last_message_at never fire it.
CREATE FUNCTION "unread_counter_on_contact_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.organization_id = NEW.organization_id THEN
    RETURN NULL;
  END IF;
  PERFORM "unread_counter_lock_organizations"(ARRAY[OLD.organization_id, NEW.organization_id], true);
  DELETE FROM "unread_counter" WHERE contact_id = NEW.id;
  INSERT INTO "unread_counter" (user_id, contact_id, organization_id, unread_count)
  SELECT mb.user_id, NEW.id, NEW.organization_id, "unread_counter_count"(NEW.organization_id, NEW.id, mb.user_id)
  FROM "membership" mb WHERE mb.organization_id = NEW.organization_id;
  RETURN NULL;
END $$;

CREATE TRIGGER "contact_unread_counter_move" AFTER UPDATE OF "organization_id" ON "contact"
  FOR EACH ROW EXECUTE FUNCTION "unread_counter_on_contact_move"();

-- TRUNCATE fires no row or transition-table triggers; keep the counters right anyway.
CREATE FUNCTION "unread_counter_on_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'message' THEN
    UPDATE "unread_counter" SET unread_count = 0 WHERE unread_count <> 0;
  ELSIF TG_TABLE_NAME = 'membership' THEN
    DELETE FROM "unread_counter";
  ELSE
    PERFORM "unread_counter_recompute"(ARRAY(SELECT user_id FROM "unread_counter" ORDER BY contact_id, user_id),
                                       ARRAY(SELECT contact_id FROM "unread_counter" ORDER BY contact_id, user_id));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "message_unread_counter_truncate" AFTER TRUNCATE ON "message"
  FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_truncate"();
CREATE TRIGGER "membership_unread_counter_truncate" AFTER TRUNCATE ON "membership"
  FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_truncate"();
CREATE TRIGGER "conversation_read_state_unread_counter_truncate" AFTER TRUNCATE ON "conversation_read_state"
  FOR EACH STATEMENT EXECUTE FUNCTION "unread_counter_on_truncate"();

-- Mark-read throttling (lib/rate-limit/sliding-window.ts) in one round trip
-- instead of an interactive transaction of four: the same exact sliding window
-- over rate_limit_hit, serialised per key by a transaction-scoped advisory
-- lock. Called as one statement, the lock is held until that statement's
-- transaction commits, and every statement below takes its snapshot after the
-- lock: the count sees every hit committed by the previous holder. Rejected
-- requests are not recorded.
CREATE FUNCTION "rate_limit_take"(p_key TEXT, p_limit INTEGER, p_window_ms INTEGER)
RETURNS TABLE ("allowed" BOOLEAN, "oldest" TIMESTAMPTZ) LANGUAGE plpgsql AS $$
DECLARE
  since TIMESTAMPTZ;
  hits INTEGER;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_key, 0));
  since := clock_timestamp() - p_window_ms * interval '1 millisecond';
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

-- Backfill: every existing (member, contact) pair, computed by the reference rule.
INSERT INTO "unread_counter" (user_id, contact_id, organization_id, unread_count)
SELECT mb.user_id, c.id, c.organization_id, "unread_counter_count"(c.organization_id, c.id, mb.user_id)
FROM "contact" c JOIN "membership" mb ON mb.organization_id = c.organization_id;

ANALYZE "unread_counter";
