import "#server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The counting rule, once: a message counts toward a user's unread badge when
 * it is inbound, of a human kind (never `system`), not deleted, and newer than
 * the user's read position for that contact. Every unread query embeds this
 * fragment; the partial index message_counted_inbound_idx mirrors it.
 */
export function countedMessage(alias: string) {
  const m = Prisma.raw(alias);
  return Prisma.sql`${m}.direction = 'inbound' AND ${m}.kind <> 'system' AND ${m}.deleted_at IS NULL`;
}

export function isCountedMessage(message: { direction: string; kind: string; deletedAt?: Date | null }) {
  return (
    message.direction === "inbound" &&
    message.kind !== "system" &&
    !message.deletedAt
  );
}
