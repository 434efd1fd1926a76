import { Prisma } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/db/prisma";
import { countedMessage } from "@/lib/messaging/counting-rule";
import { decodeCursor, encodeCursor } from "@/lib/messaging/cursor";
import { messagePreview } from "@/lib/messaging/preview";
import { getUnreadCounts } from "@/lib/messaging/unread-counts";

export type ContactSummary = {
  id: string;
  name: string;
  unreadCount: number;
  lastReadAt: string | null;
  lastMessage: {
    id: string;
    direction: "inbound" | "outbound";
    kind: "chat" | "post" | "task" | "system";
    preview: string;
    createdAt: string;
  } | null;
};

export type ContactPage = { contacts: ContactSummary[]; nextCursor: string | null };

type Row = {
  id: string;
  name: string;
  last_message_at: Date | null;
  last_read_at: Date | null;
  message_id: string | null;
  direction: "inbound" | "outbound" | null;
  kind: "chat" | "post" | "task" | "system" | null;
  body: string | null;
};

/**
 * The sidebar: newest conversation first, keyset-paginated on
 * (last_message_at DESC NULLS LAST, id DESC) so pages never skip or repeat a
 * contact while new messages arrive. `unread` keeps only contacts with a
 * non-zero badge: what a client fetches to resync after a disconnect.
 */
export async function listContacts(
  db: Database,
  input: { userId: string; organizationId: string; filter: "all" | "unread"; limit: number; cursor?: string },
): Promise<ContactPage> {
  const after = decodeCursor(input.cursor);
  const afterCondition = !after
    ? Prisma.empty
    : after.at === null
      ? Prisma.sql`AND c.last_message_at IS NULL AND c.id < ${after.id}::uuid`
      : Prisma.sql`AND (c.last_message_at < ${new Date(after.at)}::timestamptz
          OR (c.last_message_at = ${new Date(after.at)}::timestamptz AND c.id < ${after.id}::uuid)
          OR c.last_message_at IS NULL)`;
  const unreadCondition =
    input.filter === "unread"
      ? Prisma.sql`AND EXISTS (
          SELECT 1 FROM message m
          WHERE m.organization_id = c.organization_id AND m.contact_id = c.id AND ${countedMessage("m")}
            AND m.created_at > COALESCE(crs.last_read_at, '1970-01-01T00:00:00Z'))`
      : Prisma.empty;

  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id, c.name, c.last_message_at, crs.last_read_at,
           lm.id AS message_id, lm.direction, lm.kind, lm.body
    FROM contact c
    LEFT JOIN conversation_read_state crs ON crs.contact_id = c.id AND crs.user_id = ${input.userId}::uuid
    LEFT JOIN message lm ON lm.id = c.last_message_id
    WHERE c.organization_id = ${input.organizationId}::uuid
      ${afterCondition}
      ${unreadCondition}
    ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC
    LIMIT ${input.limit + 1}`;

  const page = rows.slice(0, input.limit);
  const counts = await getUnreadCounts(db, {
    userId: input.userId,
    organizationId: input.organizationId,
    contactIds: page.map((row) => row.id),
  });
  const last = page.at(-1);
  return {
    contacts: page.map((row) => ({
      id: row.id,
      name: row.name,
      unreadCount: counts[row.id] ?? 0,
      lastReadAt: row.last_read_at?.toISOString() ?? null,
      lastMessage:
        row.message_id && row.direction && row.kind && row.last_message_at
          ? {
              id: row.message_id,
              direction: row.direction,
              kind: row.kind,
              preview: messagePreview(row.body ?? ""),
              createdAt: row.last_message_at.toISOString(),
            }
          : null,
    })),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ at: last.last_message_at?.toISOString() ?? null, id: last.id })
        : null,
  };
}
