// The sidebar's contacts (names, last message), newest conversation first.
// The read position is the badge's (the count ledger's readAt), not kept here. Each change produces a new snapshot; unchanged contacts
// keep their object identity so memoized rows skip re-rendering.
import "client-only";
import type { ContactSummary } from "@/lib/messaging/contact-list";
import type { MessageNewEvent } from "@/lib/realtime/channels";

/** Counts, mutes and read positions live in the unread store (they change how a count is shown, not the contact). */
export type SidebarContact = Omit<ContactSummary, "unreadCount" | "lastMessage" | "countState" | "muted" | "lastReadAt"> & {
  lastMessage: (NonNullable<ContactSummary["lastMessage"]> & { deleted?: boolean }) | null;
};

export type DirectorySnapshot = {
  order: readonly string[];
  byId: ReadonlyMap<string, SidebarContact>;
  nextCursor: string | null;
};

const time = (contact: SidebarContact) => (contact.lastMessage ? Date.parse(contact.lastMessage.createdAt) : -Infinity);

/** Same order as the API: last message time descending, id descending as the tiebreaker. */
function compare(a: SidebarContact, b: SidebarContact) {
  const diff = time(b) - time(a);
  if (diff !== 0) return diff;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function strip(contact: ContactSummary): SidebarContact {
  return { id: contact.id, name: contact.name, lastMessage: contact.lastMessage };
}

export type ContactDirectory = ReturnType<typeof createContactDirectory>;

export function createContactDirectory(initial: ContactSummary[], nextCursor: string | null) {
  const byId = new Map<string, SidebarContact>(initial.map((contact) => [contact.id, strip(contact)]));
  let snapshot: DirectorySnapshot = { order: sortIds(), byId: new Map(byId), nextCursor };
  const listeners = new Set<() => void>();

  function sortIds() {
    return [...byId.values()].sort(compare).map((contact) => contact.id);
  }

  function commit(reorder: boolean, cursor = snapshot.nextCursor) {
    snapshot = { order: reorder ? sortIds() : snapshot.order, byId: new Map(byId), nextCursor: cursor };
    listeners.forEach((listener) => listener());
  }

  function mergeOne(incoming: SidebarContact): boolean {
    const existing = byId.get(incoming.id);
    if (!existing) {
      byId.set(incoming.id, incoming);
      return true;
    }
    const newer =
      incoming.lastMessage && (!existing.lastMessage || time(incoming) >= time(existing))
        ? incoming.lastMessage
        : existing.lastMessage;
    if (newer === existing.lastMessage && existing.name === incoming.name) return false;
    byId.set(incoming.id, { ...existing, name: incoming.name, lastMessage: newer });
    return true;
  }

  return {
    getSnapshot: () => snapshot,
    get: (id: string) => byId.get(id),
    ids: () => snapshot.order,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    /** Contacts from an API page (or a resync): added or updated, never moved backwards in time. */
    merge(contacts: ContactSummary[], options: { nextCursor?: string | null } = {}) {
      let changed = false;
      for (const contact of contacts) changed = mergeOne(strip(contact)) || changed;
      if (changed || options.nextCursor !== undefined) commit(changed, options.nextCursor ?? snapshot.nextCursor);
    },

    /** A message.new event: new last message (if newer) and the contact moves to its place. */
    applyMessage(event: Pick<MessageNewEvent, "id" | "contactId" | "contactName" | "direction" | "kind" | "preview" | "createdAt">) {
      const lastMessage = {
        id: event.id,
        direction: event.direction,
        kind: event.kind,
        preview: event.preview,
        createdAt: event.createdAt,
      };
      if (mergeOne({ id: event.contactId, name: event.contactName, lastMessage })) commit(true);
    },

    /** The last message was deleted: say so instead of previewing text that is gone. */
    markMessageDeleted(contactId: string, messageId: string) {
      const contact = byId.get(contactId);
      if (!contact?.lastMessage || contact.lastMessage.id !== messageId) return;
      byId.set(contactId, { ...contact, lastMessage: { ...contact.lastMessage, deleted: true } });
      commit(false);
    },
  };
}
