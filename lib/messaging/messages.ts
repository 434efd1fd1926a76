import { notFound } from "@/lib/api/api-error";
import type { Database } from "@/lib/db/prisma";
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
 * Soft delete: the row stays for audit, and stops counting at once because
 * every unread query filters deleted_at. A second delete is a 404.
 */
export async function softDeleteMessage(db: Database, scope: Scope, messageId: string) {
  const message = await db.message.findFirst({
    where: { id: messageId, organizationId: scope.organizationId, deletedAt: null },
    select: { id: true, contactId: true, createdAt: true },
  });
  if (!message) throw notFound("message");
  const { count } = await db.message.updateMany({
    where: { id: messageId, organizationId: scope.organizationId, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  // Lost a race with a concurrent delete: same answer as deleting twice.
  if (count === 0) throw notFound("message");
  return message;
}

/** An agent's reply: stored, and the conversation counts as read for its sender. */
export async function sendOutboundMessage(db: Database, scope: Scope, contactId: string, body: string) {
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
  return { contact, message: toMessageDto(message) };
}
