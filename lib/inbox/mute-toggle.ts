// Mute per conversation (issue 14, item 3): optimistic, rolled back with a
// reason when the server refuses, and kept in step with the member's other
// tabs by the conversation.muted event. The flag lives in the unread store,
// which leaves muted counts out of the total.
import "client-only";
import type { BadgerApi } from "@/lib/client/badger-api";
import type { ContactDirectory } from "@/lib/inbox/contact-directory";
import { describeError, type Notifier } from "@/lib/inbox/notify";
import type { UnreadStore } from "@/lib/inbox/unread-store";
import type { ConversationMutedEvent } from "@/lib/realtime/channels";

export type MuteToggle = ReturnType<typeof createMuteToggle>;

export function createMuteToggle(options: { api: BadgerApi; unread: UnreadStore; directory: ContactDirectory; notify: Notifier }) {
  const { api, unread, directory, notify } = options;
  /** Contacts whose toggle is on its way: a snapshot fetched meanwhile may predate it. */
  const inFlight = new Map<string, number>();
  /** Store clock of the last local or event change per contact: older server answers lose. */
  const changedAt = new Map<string, number>();

  async function set(contactId: string, muted: boolean) {
    const before = unread.isMuted(contactId);
    if (before === muted) return;
    unread.setMuted(contactId, muted);
    changedAt.set(contactId, unread.begin());
    inFlight.set(contactId, (inFlight.get(contactId) ?? 0) + 1);
    try {
      await api.setMuted(contactId, muted);
    } catch (error) {
      unread.setMuted(contactId, before);
      const name = directory.get(contactId)?.name ?? "this conversation";
      notify.error(describeError(`${muted ? "mute" : "unmute"} ${name}`, error));
    } finally {
      const left = (inFlight.get(contactId) ?? 1) - 1;
      if (left > 0) inFlight.set(contactId, left);
      else inFlight.delete(contactId);
    }
  }

  return {
    set,
    /** Bound: passed as a callback by menus. */
    toggle: (contactId: string) => set(contactId, !unread.isMuted(contactId)),
    /** Muted or unmuted in any tab or device of this member (this one too). */
    applyEvent(event: ConversationMutedEvent) {
      changedAt.set(event.contactId, unread.begin());
      if (!inFlight.has(event.contactId)) unread.setMuted(event.contactId, event.muted);
    },
    /** A server answer that started at `token`: it wins unless a toggle happened since. */
    applyServer(contactId: string, muted: boolean | undefined, token: number) {
      if (muted === undefined || inFlight.has(contactId) || (changedAt.get(contactId) ?? 0) > token) return;
      unread.setMuted(contactId, muted);
    },
  };
}
