import "#server-only";
import type { DatabaseClient } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { unreadCountExpression } from "@/lib/messaging/unread-counts";

/**
 * A contact's counted messages and its version (+1 per counted change), as
 * the read model v2 triggers keep them. Read inside the transaction that made
 * the change, after it: the contact row is then locked by that transaction,
 * so the pair describes exactly this change and no concurrent one.
 */
export type CountedState = { countedTotal: number; countedVersion: number };

/** What a client needs to count one contact by itself (issue 16): unread = total − readThrough. */
export type ContactCountState = {
  version: number;
  total: number;
  readThrough: number;
  lastReadAt: string | null;
  /** The member muted the conversation (issue 14): the count stands, out of the totals. */
  muted: boolean;
};

type Row = {
  id: string;
  total: number;
  version: number;
  read_through: number | null;
  last_read_at: Date | null;
  unread_count: number | bigint;
  muted: boolean;
};

function toState(row: Row): ContactCountState {
  return {
    version: Number(row.version),
    total: Number(row.total),
    readThrough: Number(row.read_through ?? 0),
    lastReadAt: row.last_read_at?.toISOString() ?? null,
    muted: Boolean(row.muted),
  };
}

/** Whether this member muted contact `c`: one primary-key probe of conversation_mute. */
export const mutedExpression = (userId: string) =>
  Prisma.sql`EXISTS (SELECT 1 FROM conversation_mute cm WHERE cm.user_id = ${userId}::uuid AND cm.contact_id = c.id)`;

export async function readCountedState(db: DatabaseClient, organizationId: string, contactId: string): Promise<CountedState> {
  const [row] = await db.$queryRaw<{ total: number; version: number }[]>`
    SELECT counted_total AS total, counted_version AS version FROM contact
    WHERE id = ${contactId}::uuid AND organization_id = ${organizationId}::uuid`;
  return { countedTotal: Number(row?.total ?? 0), countedVersion: Number(row?.version ?? 0) };
}

/**
 * One member's counts and states for a batch of contacts of their
 * organization, from one snapshot (others' ids are absent; zero counts are
 * absent from `counts`, as the counts endpoint has always answered).
 */
export async function readContactStates(
  db: DatabaseClient,
  scope: { userId: string; organizationId: string },
  contactIds: string[],
): Promise<{ counts: Record<string, number>; states: Record<string, ContactCountState> }> {
  if (contactIds.length === 0) return { counts: {}, states: {} };
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT c.id, c.counted_total AS total, c.counted_version AS version, crs.read_through, crs.last_read_at,
           ${unreadCountExpression} AS unread_count, ${mutedExpression(scope.userId)} AS muted
    FROM contact c
    LEFT JOIN conversation_read_state crs ON crs.user_id = ${scope.userId}::uuid AND crs.contact_id = c.id
    WHERE c.id = ANY(${contactIds}::uuid[]) AND c.organization_id = ${scope.organizationId}::uuid`);
  const counts: Record<string, number> = {};
  for (const row of rows) if (Number(row.unread_count) > 0) counts[row.id] = Number(row.unread_count);
  return { counts, states: Object.fromEntries(rows.map((row) => [row.id, toState(row)])) };
}

/** The fields a conversation.read / conversation.unread event carries for one contact. */
export async function readMemberEventState(
  db: DatabaseClient,
  scope: { userId: string; organizationId: string },
  contactId: string,
) {
  const { counts, states } = await readContactStates(db, scope, [contactId]);
  const state = states[contactId];
  return {
    readThrough: state?.readThrough ?? 0,
    countedTotal: state?.total ?? 0,
    countedVersion: state?.version ?? 0,
    unreadCount: counts[contactId] ?? 0,
  };
}
