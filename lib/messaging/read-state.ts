import { ApiError, notFound } from "@/lib/api/api-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/db/prisma";
import { requireContact } from "@/lib/messaging/contacts";
import { countedMessage } from "@/lib/messaging/counting-rule";

export type ReadCursor = { lastReadAt: Date } | { upToMessageId: string } | undefined;

export type ReadPosition = { contactId: string; lastReadAt: Date };

type Scope = { userId: string; organizationId: string };

/**
 * Moves the user's read position forward to the newest message the client
 * showed (or now()), clamped to now(). GREATEST in the upsert makes late or
 * out-of-order requests harmless: read messages never become unread again.
 */
export async function markContactRead(
  db: Database,
  scope: Scope,
  contactId: string,
  cursor: ReadCursor,
): Promise<ReadPosition> {
  await requireContact(db, scope.organizationId, contactId);
  let target = Prisma.sql`now()`;
  if (cursor && "upToMessageId" in cursor) {
    const message = await db.message.findFirst({
      where: { id: cursor.upToMessageId, contactId, organizationId: scope.organizationId },
      select: { createdAt: true },
    });
    if (!message) throw notFound("message");
    target = Prisma.sql`LEAST(${message.createdAt}::timestamptz, now())`;
  } else if (cursor && "lastReadAt" in cursor) {
    target = Prisma.sql`LEAST(${cursor.lastReadAt}::timestamptz, now())`;
  }
  const [row] = await db.$queryRaw<{ last_read_at: Date }[]>`
    INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at, updated_at)
    VALUES (${scope.organizationId}::uuid, ${scope.userId}::uuid, ${contactId}::uuid, ${target}, now())
    ON CONFLICT (user_id, contact_id) DO UPDATE
      SET last_read_at = GREATEST(conversation_read_state.last_read_at, EXCLUDED.last_read_at),
          updated_at = now()
    RETURNING last_read_at`;
  return { contactId, lastReadAt: row.last_read_at };
}

/**
 * "Mark as unread": the one deliberate backwards move. The position goes to
 * just before the newest counted inbound message, so the badge shows at least 1.
 */
export async function markContactUnread(db: Database, scope: Scope, contactId: string): Promise<ReadPosition> {
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
    throw new ApiError("conflict", "This conversation has no messages that could be marked unread.");
  }
  return { contactId, lastReadAt: rows[0].last_read_at };
}

/** Every conversation of the organization read for this user, in one statement. */
export async function markAllRead(db: Database, scope: Scope): Promise<{ lastReadAt: Date; contactIds: string[] }> {
  const rows = await db.$queryRaw<{ contact_id: string; last_read_at: Date }[]>`
    INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at, updated_at)
    SELECT c.organization_id, ${scope.userId}::uuid, c.id, now(), now()
    FROM contact c
    WHERE c.organization_id = ${scope.organizationId}::uuid AND c.last_message_at IS NOT NULL
    -- One lock order for every read-all of this user (two tabs at once): rows
    -- are upserted, and then their unread counters locked, by contact id.
    ORDER BY c.id
    ON CONFLICT (user_id, contact_id) DO UPDATE
      SET last_read_at = GREATEST(conversation_read_state.last_read_at, EXCLUDED.last_read_at),
          updated_at = now()
    RETURNING contact_id, last_read_at`;
  const lastReadAt = rows.reduce((newest, row) => (row.last_read_at > newest ? row.last_read_at : newest), new Date(0));
  return { lastReadAt: rows.length > 0 ? lastReadAt : new Date(), contactIds: rows.map((row) => row.contact_id) };
}
