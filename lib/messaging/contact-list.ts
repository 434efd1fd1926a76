import "#server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/db/prisma";
import { mutedExpression, type ContactCountState } from "@/lib/messaging/counted-state";
import { decodeCursor, encodeCursor } from "@/lib/messaging/cursor";
import { messagePreview } from "@/lib/shared/preview";
import { unreadCountExpression } from "@/lib/messaging/unread-counts";

export type ContactSummary = {
  id: string;
  name: string;
  unreadCount: number;
  lastReadAt: string | null;
  /** This member muted it: grey badge, no toast, out of the totals (issue 14). */
  muted: boolean;
  /** What the client counts from by itself (issue 16); unreadCount = total − readThrough. */
  countState: ContactCountState;
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
  unread_count: number | bigint | null;
  counted_total: number;
  counted_version: number;
  read_through: number | null;
  muted: boolean;
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
  // The read model (lib/messaging/unread-counts.ts) gives the badge and the
  // filter in the same query, so both come from one snapshot: a page of
  // `filter=unread` never carries a contact whose unreadCount is 0.
  const unreadCondition =
    input.filter === "unread" ? Prisma.sql`AND ${unreadCountExpression} > 0` : Prisma.empty;

  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id, c.name, c.last_message_at, crs.last_read_at, ${unreadCountExpression} AS unread_count,
           c.counted_total, c.counted_version, crs.read_through, ${mutedExpression(input.userId)} AS muted,
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
  const last = page.at(-1);
  return {
    contacts: page.map((row) => ({
      id: row.id,
      name: row.name,
      unreadCount: Number(row.unread_count ?? 0),
      lastReadAt: row.last_read_at?.toISOString() ?? null,
      muted: Boolean(row.muted),
      countState: {
        version: Number(row.counted_version),
        total: Number(row.counted_total),
        readThrough: Number(row.read_through ?? 0),
        lastReadAt: row.last_read_at?.toISOString() ?? null,
        muted: Boolean(row.muted),
      },
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
