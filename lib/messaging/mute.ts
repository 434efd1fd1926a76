import "#server-only";
import type { Database } from "@/lib/db/prisma";
import { readMemberEventState } from "@/lib/messaging/counted-state";
import { requireContact } from "@/lib/messaging/contacts";
import { conversationMutedEvent } from "@/lib/messaging/events";
import type { WriteResult } from "@/lib/messaging/events";

type Scope = { userId: string; organizationId: string };

/**
 * Mutes (or unmutes) one conversation for one member: a contact lookup by
 * primary key within the organization and one insert or delete by primary key,
 * whatever the size of the organization. Idempotent: muting a muted
 * conversation is a success that changes nothing. Counts do not move: the
 * event carries the member's unread count so their other tabs (and the
 * organization switcher of other organizations' tabs) can move it in or out
 * of the totals without asking.
 */
export async function setConversationMuted(
  db: Database,
  scope: Scope,
  contactId: string,
  muted: boolean,
): Promise<WriteResult> {
  return db.$transaction(async (tx) => {
    await requireContact(tx, scope.organizationId, contactId);
    if (muted) {
      await tx.conversationMute.createMany({
        data: [{ userId: scope.userId, contactId, organizationId: scope.organizationId }],
        skipDuplicates: true,
      });
    } else {
      await tx.conversationMute.deleteMany({ where: { userId: scope.userId, contactId, organizationId: scope.organizationId } });
    }
    const { unreadCount } = await readMemberEventState(tx, scope, contactId);
    return { result: undefined, events: [conversationMutedEvent(scope, contactId, muted, unreadCount)] };
  });
}
