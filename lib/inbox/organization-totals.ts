// Every organization's unread total for the organization switcher (issue 14,
// item 4), outside React and shared by the header and the inbox of the page.
// The active organization's total is the inbox's own (set by the inbox); the
// others are counted here from events, with no request: their message.new /
// message.removed (from their channels) and this user's read, unread, mute
// and read-all events (the user channel, which carries organizationId).
// Per other organization it keeps only the contacts with unread messages or
// muted, each with its count and read position: a new counted message adds
// one; a removed one subtracts one when it lay after the read position; a
// read or unread event sets the count it carries.
import "client-only";
import { createRecentIds } from "@/lib/inbox/recent-ids";
import type { ConversationMutedEvent, ConversationReadEvent, ConversationUnreadEvent, MessageNewEvent, MessageRemovedEvent } from "@/lib/realtime/channels";
import type { OrganizationUnread } from "@/lib/shared/api-types";

type Entry = { unread: number; readAt: number | null; muted: boolean };

export type OrganizationTotals = ReturnType<typeof createOrganizationTotals>;

export function createOrganizationTotals(initial: OrganizationUnread[] = []) {
  const organizations = new Map<string, Map<string, Entry>>();
  const activeTotals = new Map<string, number>();
  const seen = createRecentIds();
  const listeners = new Set<() => void>();
  let version = 0;

  function replace(snapshot: OrganizationUnread) {
    organizations.set(
      snapshot.organizationId,
      new Map(snapshot.contacts.map((c) => [c.contactId, { unread: c.unread, readAt: c.lastReadAt ? Date.parse(c.lastReadAt) : null, muted: c.muted }])),
    );
  }
  initial.forEach(replace);

  const changed = () => {
    version += 1;
    listeners.forEach((listener) => listener());
  };
  const entryOf = (organizationId: string, contactId: string) => organizations.get(organizationId)?.get(contactId);
  function put(organizationId: string, contactId: string, entry: Entry) {
    const contacts = organizations.get(organizationId);
    if (!contacts) return;
    if (entry.unread <= 0 && !entry.muted) contacts.delete(contactId);
    else contacts.set(contactId, entry);
    changed();
  }

  return {
    /** Unread of an organization, muted conversations left out; undefined when unknown. */
    total(organizationId: string): number | undefined {
      const active = activeTotals.get(organizationId);
      if (active !== undefined) return active;
      const contacts = organizations.get(organizationId);
      if (!contacts) return undefined;
      let sum = 0;
      for (const entry of contacts.values()) if (!entry.muted) sum += entry.unread;
      return sum;
    },
    /** A number that changes with every total (for useSyncExternalStore). */
    version: () => version,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    replace(snapshot: OrganizationUnread) {
      replace(snapshot);
      changed();
    },
    /** The page's snapshots of organizations not known yet (whichever tree asked first brought none). */
    seed(snapshots: OrganizationUnread[]) {
      const unknown = snapshots.filter((snapshot) => !organizations.has(snapshot.organizationId));
      unknown.forEach(replace);
      if (unknown.length > 0) changed();
    },
    /** The inbox's own total for the organization it shows. */
    setActive(organizationId: string, total: number) {
      if (activeTotals.get(organizationId) === total) return;
      activeTotals.set(organizationId, total);
      changed();
    },

    messageNew(organizationId: string, event: MessageNewEvent) {
      if (event.countedChange !== 1 || !seen.first(event.id)) return;
      const entry = entryOf(organizationId, event.contactId);
      // A contact with nothing unread was read past all its messages: "just before this one" is as good.
      const readAt = entry ? entry.readAt : Date.parse(event.createdAt) - 1;
      put(organizationId, event.contactId, { unread: (entry?.unread ?? 0) + 1, readAt, muted: entry?.muted ?? false });
    },
    messageRemoved(organizationId: string, event: MessageRemovedEvent) {
      const entry = entryOf(organizationId, event.contactId);
      if (event.countedChange !== -1 || !entry || entry.unread === 0) return;
      const wasUnread = entry.readAt === null || Date.parse(event.createdAt) > entry.readAt;
      if (wasUnread) put(organizationId, event.contactId, { ...entry, unread: entry.unread - 1 });
    },
    read(event: ConversationReadEvent | ConversationUnreadEvent) {
      const contacts = organizations.get(event.organizationId);
      if (!contacts) return;
      if (event.contactId === null) {
        for (const [id, entry] of contacts) if (entry.muted) contacts.set(id, { ...entry, unread: 0 });
        for (const [id, entry] of contacts) if (!entry.muted) contacts.delete(id);
        return changed();
      }
      const entry = contacts.get(event.contactId);
      put(event.organizationId, event.contactId, { unread: event.unreadCount, readAt: Date.parse(event.lastReadAt), muted: entry?.muted ?? false });
    },
    muted(event: ConversationMutedEvent) {
      const entry = entryOf(event.organizationId, event.contactId);
      put(event.organizationId, event.contactId, { unread: event.unreadCount, readAt: entry?.readAt ?? null, muted: event.muted });
    },
  };
}

/**
 * The page's one instance: the header (layout) and the inbox (page) are
 * different React trees. On the server every call gets its own (never one
 * user's totals in another's render).
 */
let shared: OrganizationTotals | null = null;
export function sharedOrganizationTotals(initial: OrganizationUnread[] = []): OrganizationTotals {
  if (typeof window === "undefined") return createOrganizationTotals(initial);
  if (!shared) shared = createOrganizationTotals(initial);
  else shared.seed(initial);
  return shared;
}
