import "#server-only";
import { notFound } from "@/lib/domain/domain-error";
import type { Database, DatabaseClient } from "@/lib/db/prisma";
import { requireContact } from "@/lib/messaging/contacts";
import { decodeCursor, encodeCursor } from "@/lib/messaging/cursor";
import { messageDtoSelect, toMessageDto, type MessageDto } from "@/lib/messaging/message-dto";

export type MessagePage = { messages: MessageDto[]; nextCursor: string | null };

type Scope = { userId: string; organizationId: string };

/** One page of a conversation, newest first; `before` walks back in time. */
export async function listMessages(
  db: Database,
  scope: Scope,
  contactId: string,
  options: { before?: string; limit: number },
): Promise<MessagePage> {
  await requireContact(db, scope.organizationId, contactId);
  const before = decodeCursor(options.before);
  const beforeAt = before?.at ? new Date(before.at) : undefined;
  const rows = await db.message.findMany({
    where: {
      organizationId: scope.organizationId,
      contactId,
      deletedAt: null,
      ...(before && beforeAt
        ? { OR: [{ createdAt: { lt: beforeAt } }, { createdAt: beforeAt, id: { lt: before.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    select: messageDtoSelect,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    messages: page.map(toMessageDto),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/**
 * Soft delete: the row stays for audit and stops counting at once (the read
 * model subtracts it from the contact's total and from the read states already
 * past it, in the same statement). A second delete is a 404, as is a lost race
 * with a concurrent one.
 */
export async function softDeleteMessage(db: DatabaseClient, scope: Scope, messageId: string) {
  const rows = await db.$queryRaw<{ id: string; contact_id: string; created_at: Date; direction: "inbound" | "outbound"; kind: string }[]>`
    UPDATE message SET deleted_at = now()
    WHERE id = ${messageId}::uuid AND organization_id = ${scope.organizationId}::uuid AND deleted_at IS NULL
    RETURNING id, contact_id, created_at, direction, kind`;
  if (rows.length === 0) throw notFound("message");
  const [row] = rows;
  return { id: row.id, contactId: row.contact_id, createdAt: row.created_at, direction: row.direction, kind: row.kind };
}

/** An agent's reply: stored, and the conversation counts as read for its sender. */
export async function sendOutboundMessage(db: DatabaseClient, scope: Scope, contactId: string, body: string) {
  const contact = await requireContact(db, scope.organizationId, contactId);
  const message = await db.message.create({
    data: {
      organizationId: scope.organizationId,
      contactId,
      direction: "outbound",
      kind: "chat",
      body,
      authorUserId: scope.userId,
    },
    select: messageDtoSelect,
  });
  return { contact, message };
}
