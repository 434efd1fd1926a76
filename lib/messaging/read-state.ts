import "#server-only";
import { DomainError, notFound } from "@/lib/domain/domain-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Database, DatabaseClient } from "@/lib/db/prisma";
import { requireContact } from "@/lib/messaging/contacts";
import { countedMessage } from "@/lib/messaging/counting-rule";
import { unreadCountExpression } from "@/lib/messaging/unread-counts";

export type ReadCursor = { lastReadAt: Date } | { upToMessageId: string } | undefined;

export type ReadPosition = { contactId: string; lastReadAt: Date };

type Scope = { userId: string; organizationId: string };

/**
 * Moves the user's read position forward to the newest message the client
 * showed (or to what is visible now). GREATEST in the upsert makes late or
 * out-of-order requests harmless: read messages never become unread again.
 *
 * The upper bound is "now": the transaction's time, or the contact's newest
 * visible message when the read model stamped it a hair later than that
 * (messages are stamped under their contact's lock, in commit order), but
 * never past the clock, so a client's future time reads nothing that has not
 * arrived yet.
 */
export async function markContactRead(
  db: DatabaseClient,
  scope: Scope,
  contactId: string,
  cursor: ReadCursor,
): Promise<ReadPosition> {
  const upperBound = Prisma.sql`GREATEST(now(), LEAST(COALESCE(c.last_message_at, now()), clock_timestamp()))`;
  let target = upperBound;
  if (cursor && "upToMessageId" in cursor) {
    await requireContact(db, scope.organizationId, contactId);
    const message = await db.message.findFirst({
      where: { id: cursor.upToMessageId, contactId, organizationId: scope.organizationId },
      select: { createdAt: true },
    });
    if (!message) throw notFound("message");
    target = Prisma.sql`LEAST(${message.createdAt}::timestamptz, ${upperBound})`;
  } else if (cursor && "lastReadAt" in cursor) {
    target = Prisma.sql`LEAST(${cursor.lastReadAt}::timestamptz, ${upperBound})`;
  }
  const [row] = await db.$queryRaw<{ last_read_at: Date }[]>`
    INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at, updated_at)
    SELECT c.organization_id, ${scope.userId}::uuid, c.id, ${target}, now()
    FROM contact c
    WHERE c.id = ${contactId}::uuid AND c.organization_id = ${scope.organizationId}::uuid
    ON CONFLICT (user_id, contact_id) DO UPDATE
      SET last_read_at = GREATEST(conversation_read_state.last_read_at, EXCLUDED.last_read_at),
          updated_at = now()
    RETURNING last_read_at`;
  if (!row) throw notFound("contact");
  return { contactId, lastReadAt: row.last_read_at };
}

/**
 * "Mark as unread": the one deliberate backwards move. The position goes to
 * just before the newest counted inbound message, so the badge shows at least 1.
 */
export async function markContactUnread(db: DatabaseClient, scope: Scope, contactId: string): Promise<ReadPosition> {
  await requireContact(db, scope.organizationId, contactId);
  const rows = await db.$queryRaw<{ last_read_at: Date }[]>`
    WITH newest AS (
      SELECT m.created_at FROM message m
      WHERE m.organization_id = ${scope.organizationId}::uuid AND m.contact_id = ${contactId}::uuid
        AND ${countedMessage("m")}
      ORDER BY m.created_at DESC LIMIT 1
    )
    INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at, updated_at)
    SELECT ${scope.organizationId}::uuid, ${scope.userId}::uuid, ${contactId}::uuid,
           newest.created_at - interval '1 millisecond', now()
    FROM newest
    ON CONFLICT (user_id, contact_id) DO UPDATE
      SET last_read_at = EXCLUDED.last_read_at, updated_at = now()
    RETURNING last_read_at`;
  if (rows.length === 0) {
    throw new DomainError("conflict", "This conversation has no messages that could be marked unread.");
  }
  return { contactId, lastReadAt: rows[0].last_read_at };
}

/** Contacts per read-all statement: each is one short transaction. */
export const READ_ALL_BATCH_SIZE = 500;

/**
 * Every conversation of the organization read for this user, up to the moment
 * of the request, as a bounded series of statements: batches of contacts that
 * have unread messages for this user, in id order, each upserted in its own
 * short transaction that locks only those contacts, in id order. A contact
 * deleted meanwhile drops out of its batch (the locking read skips it), so a concurrent
 * contact change never fails the whole read-all, and inbound messages of other
 * contacts never wait for it. Cost: the organization's contacts are scanned
 * once; the writes are one per conversation that had unread messages.
 */
export async function markAllRead(db: Database, scope: Scope): Promise<{ lastReadAt: Date; contactIds: string[] }> {
  // One position for every batch: what was visible when the request came
  // (read model stamps are at most a millisecond past the clock).
  const [{ position }] = await db.$queryRaw<{ position: Date }[]>`
    SELECT (date_trunc('milliseconds', clock_timestamp()) + interval '1 millisecond') AS position`;
  const contactIds: string[] = [];
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const candidates = await db.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM contact c
      LEFT JOIN conversation_read_state crs ON crs.user_id = ${scope.userId}::uuid AND crs.contact_id = c.id
      WHERE c.organization_id = ${scope.organizationId}::uuid AND c.id > ${after}::uuid
        AND ${unreadCountExpression} > 0
      ORDER BY c.id
      LIMIT ${READ_ALL_BATCH_SIZE}`;
    if (candidates.length === 0) break;
    after = candidates[candidates.length - 1].id;
    const rows = await db.$queryRaw<{ contact_id: string }[]>`
      WITH locked AS (
        SELECT c.id, c.organization_id FROM contact c
        WHERE c.id = ANY(${candidates.map((row) => row.id)}::uuid[]) AND c.organization_id = ${scope.organizationId}::uuid
        ORDER BY c.id
        FOR NO KEY UPDATE
      )
      INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at, updated_at)
      SELECT locked.organization_id, ${scope.userId}::uuid, locked.id, ${position}::timestamptz, now()
      FROM locked
      ORDER BY locked.id
      ON CONFLICT (user_id, contact_id) DO UPDATE
        SET last_read_at = GREATEST(conversation_read_state.last_read_at, EXCLUDED.last_read_at),
            updated_at = now()
      RETURNING contact_id`;
    contactIds.push(...rows.map((row) => row.contact_id));
    if (candidates.length < READ_ALL_BATCH_SIZE) break;
  }
  return { lastReadAt: position, contactIds };
}
