-- Read model v2 (issue 11): unread counts whose write cost does not grow with
-- the team.
--
-- unread(user, contact) = contact.counted_total - read_through of the user's
-- read state for that contact, or counted_total when the user has none.
--   contact.counted_total              counted messages of the contact (the
--                                      counting rule, unread_counted() below)
--                                      after 1970, the oracle's fallback
--   conversation_read_state.read_through  total - unread for that state: the
--                                      counted messages at or before its
--                                      last_read_at (read_model_epoch())
--   contact.counted_version            +1 for every message counted, removed
--                                      or uncounted, so that a client can tell
--                                      it missed a change (issue 16)
-- This equals the oracle (tests/support/unread-oracle.ts) for every user and
-- contact, members or not, deletes included. Nothing is stored per (member,
-- contact) for conversations a member never opened.
--
-- Why this shape: read model v1 kept a counter per (member, contact), so an
-- inbound message wrote one row per member (5% of the schema's insert rate at
-- 1,000 members). Mattermost's per-channel total with a per-member snapshot is
-- O(1) but never subtracts a deleted post; here the read-through is exactly
-- that snapshot, kept right under deletes by moving only the read states
-- already past the deleted message.
--
-- What each write costs, whatever the size of the organization:
--   counted message inserted       one update of the contact row; the read
--                                  states at or past it (none for a message
--                                  stamped by the default, below) for history
--   counted message deleted,       the contact row, plus the read states
--   uncounted or moved             already past it
--   read position moved            the contact row, plus an index range count:
--                                  what lies after the new position when it
--                                  reaches the newest message (~0: mark-read,
--                                  read-all, a new read state), else what lies
--                                  between the old and the new position
--   member joins or leaves,        nothing: no trigger at all
--   contact created
-- Read-all is a bounded series of single-statement batches in the app
-- (lib/messaging/read-state.ts) that touch only contacts with unread messages.
--
-- Visibility order. created_at defaults to a stamp just past the clock instead
-- of the transaction's start. The insert trigger confirms it under the
-- contact's row lock (held to commit): it must be later than the contact's
-- last stamp (message_clock) and every read position set on it (read_clock);
-- one that a concurrent commit overtook moves just past them. Read-state
-- writers update the same row (read_clock) before they compute, so they queue
-- behind a message in flight and it behind them. Per contact, the order of
-- stamps is the commit order, and no read position can cover a message that
-- was not yet visible when the position was set. An explicit created_at at or
-- before the transaction's start (history, backfills) is kept as given.
--
-- Concurrency, for writers outside the app too. Everything runs under READ
-- COMMITTED (refused otherwise) and follows one lock order, so single
-- statements do not deadlock:
--   1. the message table, before any row: message writers hold it from the
--      start; read-state writers and deletes of users take it in a BEFORE
--      STATEMENT trigger, deletes (and moves) of contacts and deletes of
--      organizations in SHARE ROW EXCLUSIVE mode, because their cascades lock
--      a contact before its messages while message writers lock a message
--      before its contact. So TRUNCATE message never waits on a row while
--      holding the table, and a contact's delete never meets a message writer;
--   2. contact rows: a single-row insert or a read-state row locks its one
--      contact; statements of several messages lock theirs in ascending id;
--      the app's read-all goes in ascending id;
--   3. read-state rows, always after their contact.
-- Known limit: a multi-row read-state write from outside the app locks
-- contacts in its own row order; run concurrently with another, order it by
-- contact_id (the app's read-all does).
-- Refused loudly: changes of contact.id, organization.id or user.id; a contact
-- with messages moving to another organization; a message whose organization
-- is not its contact's; one statement that writes messages and read states
-- where the messages are not all written first (a data-modifying CTE, see
-- read_model_check_message_statement);
-- direct writes of read_through, counted_total or counted_version. A restore or
-- replication apply with triggers disabled bypasses all of this:
-- `npm run counts:verify -- --repair` finds and rebuilds what drifted.

-- The write paths wait for this migration instead of racing it.
LOCK TABLE "membership", "contact", "message", "conversation_read_state" IN SHARE ROW EXCLUSIVE MODE;

-- Read model v1 (20261122000200_unread_counters) goes, except the rate limiter.
DROP TRIGGER "message_unread_counter_insert" ON "message";
DROP TRIGGER "message_unread_counter_update" ON "message";
DROP TRIGGER "message_unread_counter_delete" ON "message";
DROP TRIGGER "message_unread_counter_truncate" ON "message";
DROP TRIGGER "conversation_read_state_unread_counter_insert" ON "conversation_read_state";
DROP TRIGGER "conversation_read_state_unread_counter_update" ON "conversation_read_state";
DROP TRIGGER "conversation_read_state_unread_counter_delete" ON "conversation_read_state";
DROP TRIGGER "conversation_read_state_unread_counter_truncate" ON "conversation_read_state";
DROP TRIGGER "membership_unread_counter" ON "membership";
DROP TRIGGER "membership_unread_counter_truncate" ON "membership";
DROP TRIGGER "contact_unread_counter_insert" ON "contact";
DROP TRIGGER "contact_unread_counter_move" ON "contact";
DROP FUNCTION "unread_counter_on_message_change"();
DROP FUNCTION "unread_counter_on_read_state_change"();
DROP FUNCTION "unread_counter_on_membership_change"();
DROP FUNCTION "unread_counter_on_contact_insert"();
DROP FUNCTION "unread_counter_on_contact_move"();
DROP FUNCTION "unread_counter_on_truncate"();
DROP FUNCTION "unread_counter_apply_deltas"(UUID[], UUID[], TIMESTAMPTZ[], INTEGER[]);
DROP FUNCTION "unread_counter_recompute"(UUID[], UUID[]);
DROP FUNCTION "unread_counter_lock_organizations"(UUID[], BOOLEAN);
DROP FUNCTION "unread_counter_count"(UUID, UUID, UUID);
DROP FUNCTION "unread_counter_counts"("message_direction", "message_kind", TIMESTAMPTZ);
-- (the table itself goes after the backfill, which compares with it)

-- v1's composite foreign key message(organization_id, contact_id) -> contact
-- cost every insert an index probe, a row lock and an index to maintain; the
-- insert trigger now checks the same thing on the row it updates anyway.
ALTER TABLE "message" DROP CONSTRAINT "message_organization_id_contact_id_fkey";
DROP INDEX "contact_organization_id_id_key";

-- The last-message tracking of the base schema locked contacts in row order
-- (two multi-row inserts deadlocked); it moves into the statement triggers.
DROP TRIGGER "message_track_last_message_insert" ON "message";
DROP TRIGGER "message_track_last_message_change" ON "message";
DROP FUNCTION "contact_track_last_message"();

-- Step 1 of the visibility order (header): a message left to the default gets
-- a provisional stamp just past the clock instead of its transaction's start.
ALTER TABLE "message" ALTER COLUMN "created_at"
  SET DEFAULT (date_trunc('milliseconds', clock_timestamp()) + interval '2 milliseconds');

ALTER TABLE "contact"
  ADD COLUMN "counted_total" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "counted_version" INTEGER NOT NULL DEFAULT 0,
  -- Visibility order: the last stamp given to a message of the contact, and
  -- the latest read position any member set on it.
  ADD COLUMN "message_clock" TIMESTAMPTZ(3),
  ADD COLUMN "read_clock" TIMESTAMPTZ(3),
  ADD CONSTRAINT "contact_counted_total_check" CHECK ("counted_total" >= 0);
ALTER TABLE "conversation_read_state"
  -- Negative only for a position before 1970 (see read_model_epoch()).
  ADD COLUMN "read_through" INTEGER NOT NULL DEFAULT 0;

-- (contact_id, last_read_at): "read states of this contact at or after t" and
-- the newest position of a contact are range scans; it also serves the
-- cascades that the (contact_id) index it replaces served.
DROP INDEX "conversation_read_state_contact_id_idx";
CREATE INDEX "conversation_read_state_contact_id_last_read_at_idx"
  ON "conversation_read_state" ("contact_id", "last_read_at");

-- The badge query probes one read state per contact: with read_through in the
-- index it is an index-only scan. Still the unique key of the upserts.
DROP INDEX "conversation_read_state_user_id_contact_id_key";
CREATE UNIQUE INDEX "conversation_read_state_user_id_contact_id_key"
  ON "conversation_read_state" ("user_id", "contact_id") INCLUDE ("read_through");

-- The counting rule, the one SQL definition (lib/messaging/counting-rule.ts is
-- the TypeScript one; a test checks they agree). Inlined by the planner.
CREATE FUNCTION "unread_counted"(direction "message_direction", kind "message_kind", deleted_at TIMESTAMPTZ)
RETURNS BOOLEAN LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT direction = 'inbound' AND kind <> 'system' AND deleted_at IS NULL
$$;

-- Counted messages of one contact in (after, upto]; NULL bounds are open.
-- kind <> 'system' as written in message_counted_inbound_idx, so it is an
-- index-only range scan.
CREATE FUNCTION "unread_counted_between"(p_organization_id UUID, p_contact_id UUID, after TIMESTAMPTZ, upto TIMESTAMPTZ)
RETURNS INTEGER LANGUAGE sql STABLE AS $$
  SELECT count(*)::int FROM "message" m
  WHERE m.organization_id = p_organization_id AND m.contact_id = p_contact_id
    AND m.direction = 'inbound' AND m.deleted_at IS NULL AND m.kind <> 'system'
    AND (after IS NULL OR m.created_at > after)
    AND (upto IS NULL OR m.created_at <= upto)
$$;

-- The oracle's fallback position for a member without a read state. A counted
-- message at or before it counts for nobody without a state, so the total
-- leaves it out; read_through is defined as total - unread, which keeps every
-- count exact even for such data (it is then negative for positions before
-- 1970).
CREATE FUNCTION "read_model_epoch"() RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_timestamp(0)
$$;

-- read_through = total - unread moves, for each counted message that appears
-- (+1) or disappears (-1) at created_at t, by [t > epoch] - [t > position]:
-- +1 for the read states at or past t (none for a newly stamped message), and
-- -1 for those before a t that is itself before the epoch. Rows written only
-- when that sum is not zero.
CREATE FUNCTION "read_model_shift_read_states"(contact_ids UUID[], created_ats TIMESTAMPTZ[], signs INTEGER[])
RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  state_ids UUID[];
  deltas INTEGER[];
BEGIN
  SELECT array_agg(v.id), array_agg(v.delta) INTO state_ids, deltas FROM (
    SELECT u.id, sum(u.delta)::int AS delta FROM (
      SELECT s.id, x.sign AS delta
      FROM unnest(contact_ids, created_ats, signs) AS x(contact_id, created_at, sign)
      JOIN "conversation_read_state" s ON s.contact_id = x.contact_id AND s.last_read_at >= x.created_at
      WHERE x.created_at > "read_model_epoch"()
      UNION ALL
      SELECT s.id, -x.sign
      FROM unnest(contact_ids, created_ats, signs) AS x(contact_id, created_at, sign)
      JOIN "conversation_read_state" s ON s.contact_id = x.contact_id AND s.last_read_at < x.created_at
      WHERE x.created_at <= "read_model_epoch"()
    ) u
    GROUP BY u.id
    HAVING sum(u.delta) <> 0
  ) v;
  IF state_ids IS NOT NULL THEN
    UPDATE "conversation_read_state" s SET read_through = s.read_through + d.delta
    FROM unnest(state_ids, deltas) AS d(id, delta)
    WHERE s.id = d.id;
  END IF;
END $$;

CREATE FUNCTION "read_model_require_read_committed"() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'unread counts are maintained under READ COMMITTED only, not %',
      current_setting('transaction_isolation')
      USING HINT = 'Write messages and read states in READ COMMITTED transactions.';
  END IF;
END $$;

-- ---------------------------------------------------------------- backfill

-- From the messages themselves, in batches of 2,000 contacts with a progress
-- notice each (prisma/migration-adapter.ts prints them). Each read_through is
-- counted on its shorter side: the old counter says how many messages lie after
-- the position, so the cost is at most half the conversation. Then the result
-- is compared with the old counters: every (member, contact) count must be
-- identical, or the migration stops and changes nothing.
DO $$
DECLARE
  contacts_total BIGINT;
  contacts_done BIGINT := 0;
  batch UUID[];
  after_id UUID;
  started TIMESTAMPTZ := clock_timestamp();
  differing BIGINT;
BEGIN
  SELECT count(*) INTO contacts_total FROM "contact";
  LOOP
    SELECT array_agg(b.id ORDER BY b.id) INTO batch FROM (
      SELECT c.id FROM "contact" c WHERE after_id IS NULL OR c.id > after_id ORDER BY c.id LIMIT 2000) b;
    EXIT WHEN batch IS NULL;
    after_id := batch[cardinality(batch)];
    UPDATE "contact" c SET counted_total = "unread_counted_between"(c.organization_id, c.id, "read_model_epoch"(), NULL),
      read_clock = (SELECT max(s.last_read_at) FROM "conversation_read_state" s WHERE s.contact_id = c.id)
    WHERE c.id = ANY(batch);
    UPDATE "conversation_read_state" s SET read_through = CASE
        WHEN COALESCE((SELECT uc.unread_count FROM "unread_counter" uc
                       WHERE uc.user_id = s.user_id AND uc.contact_id = s.contact_id), c.counted_total) * 2 < c.counted_total
          THEN c.counted_total - "unread_counted_between"(c.organization_id, c.id, s.last_read_at, NULL)
        WHEN s.last_read_at >= "read_model_epoch"()
          THEN "unread_counted_between"(c.organization_id, c.id, "read_model_epoch"(), s.last_read_at)
        ELSE -"unread_counted_between"(c.organization_id, c.id, s.last_read_at, "read_model_epoch"())
      END
    FROM "contact" c
    WHERE s.contact_id = c.id AND c.id = ANY(batch);
    contacts_done := contacts_done + cardinality(batch);
    RAISE NOTICE 'read model v2: % of % contacts backfilled (% s)', contacts_done, contacts_total,
      round(extract(epoch FROM clock_timestamp() - started)::numeric, 1);
  END LOOP;
  SELECT count(*) INTO differing
  FROM "unread_counter" uc
  JOIN "contact" c ON c.id = uc.contact_id
  LEFT JOIN "conversation_read_state" s ON s.user_id = uc.user_id AND s.contact_id = uc.contact_id
  WHERE c.counted_total - COALESCE(s.read_through, 0) <> uc.unread_count;
  IF differing > 0 THEN
    RAISE EXCEPTION 'read model v2: % (member, contact) counts differ from unread_counter; nothing was changed', differing
      USING HINT = 'unread_counter had drifted from the messages: compare it with tests/support/unread-oracle.ts before migrating.';
  END IF;
  RAISE NOTICE 'read model v2: every (member, contact) count identical to unread_counter (% s)',
    round(extract(epoch FROM clock_timestamp() - started)::numeric, 1);
END $$;

DROP TABLE "unread_counter";
ANALYZE "contact";
ANALYZE "conversation_read_state";

-- ---------------------------------------------------------------- messages

-- One statement may not write both messages and read states (a data-modifying
-- CTE) unless every read state comes first: read-state triggers that run after
-- some of the statement's messages would see them before the messages' own
-- triggers (which run at the end) counted them. Read states first is exact:
-- the messages' triggers then see and adjust them. A
-- read-state statement marks the client statement it runs in
-- (statement_timestamp(), the same for every part of one statement) until its
-- AFTER STATEMENT trigger; a message trigger that still sees the mark is in
-- the same statement, after it, and refuses.
CREATE FUNCTION "read_model_check_message_statement"() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    PERFORM "read_model_require_read_committed"();
  END IF;
  IF current_setting('badger.read_state_writing', true) = statement_timestamp()::text THEN
    RAISE EXCEPTION 'one statement cannot write both messages and read states'
      USING HINT = 'Split the data-modifying CTE into two statements: neither part would see the other''s effect on unread counts.';
  END IF;
END $$;

-- The earliest stamp a contact's next message may take: later than its last
-- stamped message and than every read position of it (read_clock). A read_clock
-- more than a second ahead of t is a position an outside writer put in the
-- future: data, not ordering, and not followed.
-- STABLE, not IMMUTABLE: timestamptz arithmetic is stable, and the planner
-- inlines only a function whose volatility matches its body (this one sits in
-- the UPDATE of every insert).
CREATE FUNCTION "read_model_next_stamp"(t TIMESTAMPTZ, message_clock TIMESTAMPTZ, read_clock TIMESTAMPTZ)
RETURNS TIMESTAMPTZ LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT GREATEST(t, message_clock + interval '1 millisecond',
    CASE WHEN read_clock < t + interval '1 second' THEN read_clock + interval '1 millisecond' END)
$$;

-- What read model v1's composite foreign key enforced, without its index and
-- its check on every insert: counts are kept per contact while the oracle
-- filters on message.organization_id, so the two must agree.
CREATE FUNCTION "read_model_refuse_foreign_message"() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a message must belong to its contact''s organization'
    USING ERRCODE = 'foreign_key_violation', HINT = 'Set message.organization_id to the contact''s organization_id.';
END $$;

-- A stamp overtaken by a concurrent commit moves to `clock`, and so does the
-- contact's newest message if it was one of them. The update triggers skip it.
CREATE FUNCTION "read_model_restamp"(message_ids UUID[], clock TIMESTAMPTZ) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('badger.restamping', 'on', true);
  UPDATE "message" m SET created_at = clock WHERE m.id = ANY(message_ids);
  PERFORM set_config('badger.restamping', '', true);
  UPDATE "contact" c SET last_message_at = clock WHERE c.last_message_id = ANY(message_ids);
END $$;

-- Inserted messages. The common case, a statement of one row (the webhook, a
-- reply), is one UPDATE of the contact row: total, version, newest message,
-- the organization check, and step 2 of the visibility order, under the row
-- lock that the UPDATE takes and holds to commit. A created_at later than the
-- transaction's start (a stamp) that a concurrent commit overtook (rare) moves
-- just past it; an earlier one (history, a backfill) moves the read states at
-- or past it instead. A statement of several rows is handled once, from its
-- first row's trigger, with its contacts locked in id order.
CREATE FUNCTION "read_model_after_message_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stamped BOOLEAN := NEW.created_at > now();
  counted BOOLEAN := "unread_counted"(NEW.direction, NEW.kind, NEW.deleted_at);
  clock TIMESTAMPTZ;
  ids UUID[];
  organization_ids UUID[];
  contact_ids UUID[];
  created_ats TIMESTAMPTZ[];
  counts BOOLEAN[];
  live BOOLEAN[];
BEGIN
  -- read_model_check_message_statement(), inlined on the hot path.
  IF current_setting('transaction_isolation') <> 'read committed'
     OR current_setting('badger.read_state_writing', true) = statement_timestamp()::text THEN
    PERFORM "read_model_check_message_statement"();
  END IF;
  PERFORM 1 FROM new_rows OFFSET 1 LIMIT 1;
  IF FOUND THEN
    -- Several rows: the general path, once, from the statement's first row.
    IF NEW.id = (SELECT n.id FROM new_rows n LIMIT 1) THEN
      SELECT array_agg(n.id), array_agg(n.organization_id), array_agg(n.contact_id), array_agg(n.created_at),
             array_agg("unread_counted"(n.direction, n.kind, n.deleted_at)), array_agg(n.deleted_at IS NULL)
        INTO ids, organization_ids, contact_ids, created_ats, counts, live
        FROM new_rows n;
      PERFORM "read_model_after_message_rows"(ids, organization_ids, contact_ids, created_ats, counts, live);
    END IF;
    RETURN NULL;
  END IF;
  UPDATE "contact" c SET
    counted_total = c.counted_total + CASE WHEN counted AND NEW.created_at > "read_model_epoch"() THEN 1 ELSE 0 END,
    counted_version = c.counted_version + CASE WHEN counted THEN 1 ELSE 0 END,
    message_clock = CASE WHEN stamped THEN "read_model_next_stamp"(NEW.created_at, c.message_clock, c.read_clock) ELSE c.message_clock END,
    last_message_at = CASE WHEN NEW.deleted_at IS NULL AND (c.last_message_at IS NULL
      OR (c.last_message_at, c.last_message_id) < (NEW.created_at, NEW.id)) THEN NEW.created_at ELSE c.last_message_at END,
    last_message_id = CASE WHEN NEW.deleted_at IS NULL AND (c.last_message_at IS NULL
      OR (c.last_message_at, c.last_message_id) < (NEW.created_at, NEW.id)) THEN NEW.id ELSE c.last_message_id END
  WHERE c.id = NEW.contact_id AND c.organization_id = NEW.organization_id
  RETURNING c.message_clock INTO clock;
  IF NOT FOUND THEN
    PERFORM "read_model_refuse_foreign_message"();
  END IF;
  IF stamped AND clock > NEW.created_at THEN
    PERFORM "read_model_restamp"(ARRAY[NEW.id], clock);
  ELSIF counted AND NOT stamped THEN
    PERFORM "read_model_shift_read_states"(ARRAY[NEW.contact_id], ARRAY[NEW.created_at], ARRAY[1]);
  END IF;
  RETURN NULL;
END $$;

-- A statement of several rows, in any order: contacts locked in id order, the
-- organization check, per contact the stamps at or before its clocks moved just
-- past them, then one update per contact and the read states past each counted
-- message that is not a stamp.
CREATE FUNCTION "read_model_after_message_rows"(
  ids UUID[], organization_ids UUID[], contact_ids UUID[], created_ats TIMESTAMPTZ[], counted BOOLEAN[], live BOOLEAN[])
RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  late RECORD;
  stamped BOOLEAN[] := ARRAY(SELECT t > now() FROM unnest(created_ats) AS t);
  floor_at TIMESTAMPTZ;
BEGIN
  PERFORM 1 FROM "contact" c WHERE c.id = ANY(contact_ids) ORDER BY c.id FOR NO KEY UPDATE OF c;
  IF EXISTS (SELECT 1 FROM unnest(organization_ids, contact_ids) AS x(organization_id, contact_id)
             JOIN "contact" c ON c.id = x.contact_id WHERE c.organization_id <> x.organization_id) THEN
    PERFORM "read_model_refuse_foreign_message"();
  END IF;
  FOR late IN
    SELECT c.id AS contact_id, c.message_clock, c.read_clock, min(x.created_at) AS first_at, max(x.created_at) AS last_at
    FROM unnest(contact_ids, created_ats, stamped) AS x(contact_id, created_at, stamped)
    JOIN "contact" c ON c.id = x.contact_id
    WHERE x.stamped
    GROUP BY c.id, c.message_clock, c.read_clock
  LOOP
    floor_at := "read_model_next_stamp"(late.first_at, late.message_clock, late.read_clock);
    IF floor_at > late.first_at THEN
      PERFORM "read_model_restamp"(
        ARRAY(SELECT x.id FROM unnest(ids, contact_ids, created_ats, stamped) AS x(id, contact_id, created_at, stamped)
              WHERE x.stamped AND x.contact_id = late.contact_id AND x.created_at < floor_at), floor_at);
      FOR slot IN 1 .. cardinality(ids) LOOP
        IF stamped[slot] AND contact_ids[slot] = late.contact_id AND created_ats[slot] < floor_at THEN
          created_ats[slot] := floor_at;
        END IF;
      END LOOP;
    END IF;
    UPDATE "contact" c SET message_clock = GREATEST(c.message_clock, late.last_at, floor_at) WHERE c.id = late.contact_id;
  END LOOP;
  UPDATE "contact" c SET
    counted_total = c.counted_total + p.totalled,
    counted_version = c.counted_version + p.counted,
    last_message_at = CASE WHEN w.id IS NOT NULL AND (c.last_message_at IS NULL
      OR (c.last_message_at, c.last_message_id) < (w.created_at, w.id)) THEN w.created_at ELSE c.last_message_at END,
    last_message_id = CASE WHEN w.id IS NOT NULL AND (c.last_message_at IS NULL
      OR (c.last_message_at, c.last_message_id) < (w.created_at, w.id)) THEN w.id ELSE c.last_message_id END
  FROM (
    SELECT x.contact_id, count(*) FILTER (WHERE x.counted)::int AS counted,
           count(*) FILTER (WHERE x.counted AND x.created_at > "read_model_epoch"())::int AS totalled
    FROM unnest(contact_ids, created_ats, counted) AS x(contact_id, created_at, counted) GROUP BY x.contact_id
  ) p
  -- The newest live row per contact in one sort (not a scan of the statement's
  -- rows per contact: a bulk load spans thousands of contacts).
  LEFT JOIN (
    SELECT DISTINCT ON (x.contact_id) x.contact_id, x.created_at, x.id
    FROM unnest(ids, contact_ids, created_ats, live) AS x(id, contact_id, created_at, live)
    WHERE x.live
    ORDER BY x.contact_id, x.created_at DESC, x.id DESC
  ) w ON w.contact_id = p.contact_id
  WHERE c.id = p.contact_id
    AND (p.counted > 0 OR (w.id IS NOT NULL AND (c.last_message_at IS NULL
      OR (c.last_message_at, c.last_message_id) < (w.created_at, w.id))));
  -- Stamps lie past every read position by construction.
  PERFORM "read_model_shift_read_states"(
    ARRAY(SELECT x.contact_id FROM unnest(contact_ids, counted, stamped) AS x(contact_id, counted, stamped) WHERE x.counted AND NOT x.stamped),
    ARRAY(SELECT x.created_at FROM unnest(created_ats, counted, stamped) AS x(created_at, counted, stamped) WHERE x.counted AND NOT x.stamped),
    ARRAY(SELECT 1 FROM unnest(counted, stamped) AS x(counted, stamped) WHERE x.counted AND NOT x.stamped));
END $$;

-- Updated or deleted messages: changes = (message, contact, created_at, +1|-1)
-- for every counted version that appeared or disappeared. Contacts are locked in
-- id order, then totals, versions and the read states past each change move,
-- and the newest message is recomputed where a message that could be it moved.
CREATE FUNCTION "read_model_apply_message_changes"(
  message_ids UUID[], contact_ids UUID[], created_ats TIMESTAMPTZ[], signs INTEGER[], relast UUID[])
RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "contact" c
    WHERE c.id IN (SELECT unnest(contact_ids) UNION SELECT unnest(relast))
    ORDER BY c.id FOR NO KEY UPDATE OF c;
  UPDATE "contact" c SET counted_total = c.counted_total + d.delta, counted_version = c.counted_version + d.changed
  FROM (
    SELECT x.contact_id, COALESCE(sum(x.sign) FILTER (WHERE x.created_at > "read_model_epoch"()), 0)::int AS delta,
           count(DISTINCT x.message_id)::int AS changed
    FROM unnest(message_ids, contact_ids, created_ats, signs) AS x(message_id, contact_id, created_at, sign)
    GROUP BY x.contact_id
  ) d
  WHERE c.id = d.contact_id;
  PERFORM "read_model_shift_read_states"(contact_ids, created_ats, signs);
  IF cardinality(relast) > 0 THEN
    UPDATE "contact" c SET (last_message_at, last_message_id) = (
      SELECT m.created_at, m.id FROM "message" m
      WHERE m.contact_id = c.id AND m.deleted_at IS NULL
      ORDER BY m.created_at DESC, m.id DESC LIMIT 1)
    WHERE c.id = ANY(relast);
  END IF;
END $$;

CREATE FUNCTION "read_model_after_message_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  message_ids UUID[];
  contact_ids UUID[];
  created_ats TIMESTAMPTZ[];
  signs INTEGER[];
  relast UUID[];
BEGIN
  IF current_setting('badger.restamping', true) = 'on' THEN
    RETURN NULL; -- the insert trigger moving its own provisional stamps
  END IF;
  PERFORM "read_model_check_message_statement"();
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN "contact" c ON c.id = n.contact_id WHERE c.organization_id <> n.organization_id) THEN
      PERFORM "read_model_refuse_foreign_message"();
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.id), array_agg(o.contact_id), array_agg(o.created_at), array_agg(-1)
      INTO message_ids, contact_ids, created_ats, signs
      FROM old_rows o WHERE "unread_counted"(o.direction, o.kind, o.deleted_at);
    SELECT array_agg(DISTINCT c.id) INTO relast
      FROM "contact" c WHERE c.id IN (SELECT o.contact_id FROM old_rows o)
        AND c.last_message_id IN (SELECT o.id FROM old_rows o);
  ELSE
    -- A version that did not change what counts (a body edit, an author set
    -- to NULL when a user is deleted) cancels out and locks nothing.
    SELECT array_agg(v.id), array_agg(v.contact_id), array_agg(v.created_at), array_agg(v.sign)
      INTO message_ids, contact_ids, created_ats, signs
      FROM (
        SELECT u.id, u.contact_id, u.created_at, sum(u.sign)::int AS sign FROM (
          SELECT n.id, n.contact_id, n.created_at, 1 AS sign FROM new_rows n
          WHERE "unread_counted"(n.direction, n.kind, n.deleted_at)
          UNION ALL
          SELECT o.id, o.contact_id, o.created_at, -1 AS sign FROM old_rows o
          WHERE "unread_counted"(o.direction, o.kind, o.deleted_at)
        ) u
        GROUP BY u.id, u.contact_id, u.created_at
        HAVING sum(u.sign) <> 0
      ) v;
    SELECT array_agg(DISTINCT m.contact_id) INTO relast FROM (
      (SELECT n.id, n.contact_id, n.created_at, n.deleted_at FROM new_rows n
       EXCEPT SELECT o.id, o.contact_id, o.created_at, o.deleted_at FROM old_rows o)
      UNION ALL
      (SELECT o.id, o.contact_id, o.created_at, o.deleted_at FROM old_rows o
       EXCEPT SELECT n.id, n.contact_id, n.created_at, n.deleted_at FROM new_rows n)
    ) m;
  END IF;
  IF message_ids IS NOT NULL OR relast IS NOT NULL THEN
    PERFORM "read_model_apply_message_changes"(
      COALESCE(message_ids, '{}'), COALESCE(contact_ids, '{}'), COALESCE(created_ats, '{}'),
      COALESCE(signs, '{}'), COALESCE(relast, '{}'));
  END IF;
  RETURN NULL;
END $$;

-- TRUNCATE fires no row triggers: every total and read-through becomes 0. The
-- table lock order (header) means nothing that holds a contact or read-state
-- row is waiting for the message table here.
CREATE FUNCTION "read_model_after_message_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "read_model_require_read_committed"();
  UPDATE "contact" SET counted_version = counted_version + counted_total, counted_total = 0,
    last_message_at = NULL, last_message_id = NULL
  WHERE counted_total <> 0 OR last_message_id IS NOT NULL;
  UPDATE "conversation_read_state" SET read_through = 0 WHERE read_through <> 0;
  RETURN NULL;
END $$;

CREATE TRIGGER "message_read_model_insert" AFTER INSERT ON "message"
  REFERENCING NEW TABLE AS new_rows FOR EACH ROW EXECUTE FUNCTION "read_model_after_message_insert"();
CREATE TRIGGER "message_read_model_update" AFTER UPDATE ON "message"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "read_model_after_message_change"();
CREATE TRIGGER "message_read_model_delete" AFTER DELETE ON "message"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "read_model_after_message_change"();
CREATE TRIGGER "message_read_model_truncate" AFTER TRUNCATE ON "message"
  FOR EACH STATEMENT EXECUTE FUNCTION "read_model_after_message_truncate"();

-- ---------------------------------------------------------------- read states

CREATE FUNCTION "read_model_read_state_statement_start"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "read_model_require_read_committed"();
  PERFORM set_config('badger.read_state_writing', statement_timestamp()::text, true);
  -- Lock order step 1 (header), before this statement locks any row.
  LOCK TABLE "message" IN ACCESS SHARE MODE;
  RETURN NULL;
END $$;

CREATE FUNCTION "read_model_read_state_statement_end"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('badger.read_state_writing', '', true);
  RETURN NULL;
END $$;

-- read_through of a new or moved position, computed under the contact's row
-- lock (no message of the contact can commit meanwhile). A new state counts
-- what lies after it (~0 when reading to the newest); a moved one counts what
-- lies between its old and new positions.
CREATE FUNCTION "read_model_read_state_position"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  organization UUID;
  total INTEGER;
  newest TIMESTAMPTZ;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.read_through IS DISTINCT FROM OLD.read_through AND pg_trigger_depth() = 1
       AND current_setting('badger.read_model_repair', true) IS DISTINCT FROM 'on' THEN
      RAISE EXCEPTION 'conversation_read_state.read_through is maintained by the read model'
        USING HINT = 'Move last_read_at instead; npm run counts:verify -- --repair rebuilds drifted values.';
    END IF;
    IF NEW.contact_id = OLD.contact_id AND NEW.last_read_at = OLD.last_read_at THEN
      RETURN NEW;
    END IF;
  END IF;
  -- The contact's row lock, held to commit, orders this position against its
  -- messages (no message of the contact commits meanwhile), and read_clock tells
  -- later messages to stamp past it. An UPDATE, not FOR SHARE: a message insert
  -- that waits for it then re-reads the row.
  UPDATE "contact" c SET read_clock = GREATEST(c.read_clock, NEW.last_read_at) WHERE c.id = NEW.contact_id
    RETURNING c.organization_id, c.counted_total, c.last_message_at INTO organization, total, newest;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key reports the missing contact
  END IF;
  -- Forward to the newest message or past it (mark-read, read-all): count what
  -- is left after the position, ~0. Otherwise count what the move passes over.
  IF TG_OP = 'INSERT' OR NEW.contact_id <> OLD.contact_id
     OR (NEW.last_read_at > OLD.last_read_at AND (newest IS NULL OR NEW.last_read_at >= newest)) THEN
    NEW.read_through := total - "unread_counted_between"(organization, NEW.contact_id, NEW.last_read_at, NULL);
  ELSIF NEW.last_read_at > OLD.last_read_at THEN
    NEW.read_through := OLD.read_through + "unread_counted_between"(organization, NEW.contact_id, OLD.last_read_at, NEW.last_read_at);
  ELSE
    NEW.read_through := OLD.read_through - "unread_counted_between"(organization, NEW.contact_id, NEW.last_read_at, OLD.last_read_at);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "conversation_read_state_read_model_statement" BEFORE INSERT OR UPDATE ON "conversation_read_state"
  FOR EACH STATEMENT EXECUTE FUNCTION "read_model_read_state_statement_start"();
CREATE TRIGGER "conversation_read_state_read_model_statement_end" AFTER INSERT OR UPDATE ON "conversation_read_state"
  FOR EACH STATEMENT EXECUTE FUNCTION "read_model_read_state_statement_end"();
CREATE TRIGGER "conversation_read_state_read_model_position" BEFORE INSERT OR UPDATE ON "conversation_read_state"
  FOR EACH ROW EXECUTE FUNCTION "read_model_read_state_position"();

-- ---------------------------------------------------------------- guards

-- Deletes that cascade to messages take the message table first (lock order
-- step 1), so a concurrent TRUNCATE message never waits on their rows. A
-- contact's delete (or move) and an organization's take it in SHARE ROW
-- EXCLUSIVE mode: message writers lock a message before its contact (the row
-- is locked before any trigger runs), the cascade the other way round, so the
-- two must not overlap. Such deletes are rare and short; inbound writes wait
-- for them, reads never do. A user's delete only nulls message authors, which
-- moves no count: ROW EXCLUSIVE, waiting for nobody.
CREATE FUNCTION "read_model_lock_messages_first"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'exclusive' THEN
    LOCK TABLE "message" IN SHARE ROW EXCLUSIVE MODE;
  ELSE
    LOCK TABLE "message" IN ROW EXCLUSIVE MODE;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "contact_read_model_lock_order" BEFORE DELETE OR UPDATE OF "organization_id" ON "contact"
  FOR EACH STATEMENT EXECUTE FUNCTION "read_model_lock_messages_first"('exclusive');
CREATE TRIGGER "user_read_model_lock_order" BEFORE DELETE ON "user"
  FOR EACH STATEMENT EXECUTE FUNCTION "read_model_lock_messages_first"('shared');
CREATE TRIGGER "organization_read_model_lock_order" BEFORE DELETE ON "organization"
  FOR EACH STATEMENT EXECUTE FUNCTION "read_model_lock_messages_first"('exclusive');

-- Primary keys that every count hangs on do not change (a cascade would move
-- messages and read states in statements whose order no trigger controls), and
-- the totals are the read model's own (the repair command says so with
-- badger.read_model_repair). pg_trigger_depth() < 1: the read model's own
-- updates of the totals skip this trigger without calling it.
CREATE FUNCTION "read_model_guard_keys"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> OLD.id THEN
    RAISE EXCEPTION 'the id of a % cannot change: unread counts are kept by it', TG_TABLE_NAME
      USING HINT = 'Create a new row and move what belongs to it instead.';
  END IF;
  IF TG_TABLE_NAME = 'contact' AND NEW.organization_id <> OLD.organization_id
     AND EXISTS (SELECT 1 FROM "message" m WHERE m.contact_id = OLD.id) THEN
    RAISE EXCEPTION 'a contact with messages cannot move to another organization'
      USING ERRCODE = 'foreign_key_violation', HINT = 'Its messages belong to its organization; create the contact anew there.';
  END IF;
  IF TG_TABLE_NAME = 'contact' AND (NEW.counted_total, NEW.counted_version) IS DISTINCT FROM (OLD.counted_total, OLD.counted_version)
     AND current_setting('badger.read_model_repair', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'contact.counted_total and counted_version are maintained by the read model'
      USING HINT = 'npm run counts:verify -- --repair rebuilds drifted values.';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "contact_read_model_guard" BEFORE UPDATE OF "id", "organization_id", "counted_total", "counted_version" ON "contact"
  FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION "read_model_guard_keys"();
CREATE TRIGGER "organization_read_model_guard" BEFORE UPDATE OF "id" ON "organization"
  FOR EACH ROW EXECUTE FUNCTION "read_model_guard_keys"();
CREATE TRIGGER "user_read_model_guard" BEFORE UPDATE OF "id" ON "user"
  FOR EACH ROW EXECUTE FUNCTION "read_model_guard_keys"();

-- ---------------------------------------------------------------- reads

-- The batch of badges (lib/messaging/unread-counts.ts): one primary-key probe
-- of the contact and one index-only probe of the read state per id, zeros
-- omitted. The plan is pinned to those probes: the contact table churns with
-- every message, and for a few hundred ids the planner would otherwise hash a
-- sequential scan of it, ten times slower. The ids of another organization
-- match no row.
CREATE FUNCTION "read_model_unread_counts"(p_user_id UUID, p_organization_id UUID, p_contact_ids UUID[])
RETURNS TABLE ("contact_id" UUID, "unread_count" INTEGER) LANGUAGE sql STABLE
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
  SELECT c.id, c.counted_total - COALESCE(crs.read_through, 0)
  FROM "contact" c
  LEFT JOIN "conversation_read_state" crs ON crs.user_id = p_user_id AND crs.contact_id = c.id
  WHERE c.id = ANY(p_contact_ids) AND c.organization_id = p_organization_id
    AND c.counted_total - COALESCE(crs.read_through, 0) > 0
$$;
