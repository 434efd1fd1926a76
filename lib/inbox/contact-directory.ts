// The sidebar's contacts (names, last message, read position), newest
// conversation first. Each change produces a new snapshot; unchanged contacts
// keep their object identity so memoized rows skip re-rendering.
import type { ContactSummary } from "@/lib/messaging/contact-list";
import type { MessageNewEvent } from "@/lib/realtime/channels";

/** Muting lives in the unread store (it changes how a count is shown, not the contact). */
export type SidebarContact = Omit<ContactSummary, "unreadCount" | "lastMessage" | "countState" | "muted"> & {
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
  return { id: contact.id, name: contact.name, lastReadAt: contact.lastReadAt, lastMessage: contact.lastMessage };
}

const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b);

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
    const lastReadAt = later(existing.lastReadAt, incoming.lastReadAt);
    if (newer === existing.lastMessage && lastReadAt === existing.lastReadAt && existing.name === incoming.name) return false;
    byId.set(incoming.id, { ...existing, name: incoming.name, lastMessage: newer, lastReadAt });
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
      const known = byId.get(event.contactId);
      if (mergeOne({ id: event.contactId, name: event.contactName, lastReadAt: known?.lastReadAt ?? null, lastMessage }))
        commit(true);
    },

    /** The last message was deleted: say so instead of previewing text that is gone. */
    markMessageDeleted(contactId: string, messageId: string) {
      const contact = byId.get(contactId);
      if (!contact?.lastMessage || contact.lastMessage.id !== messageId) return;
      byId.set(contactId, { ...contact, lastMessage: { ...contact.lastMessage, deleted: true } });
      commit(false);
    },

    /** Read position, kept per contact to recognise stale events. */
    lastReadAt: (id: string) => byId.get(id)?.lastReadAt ?? null,
    setLastReadAt(id: string, at: string | null, options: { allowBackwards?: boolean } = {}) {
      const contact = byId.get(id);
      if (!contact) return;
      const next = options.allowBackwards ? at : later(contact.lastReadAt, at);
      if (next === contact.lastReadAt) return;
      byId.set(id, { ...contact, lastReadAt: next });
      commit(false);
    },
    setAllLastReadAt(at: string) {
      for (const [id, contact] of byId) byId.set(id, { ...contact, lastReadAt: later(contact.lastReadAt, at) });
      commit(false);
    },
  };
}
