// Channel names and event payloads shared by the server (pusher) and the
// browser (pusher-js). Times are ISO strings.
export const organizationChannel = (organizationId: string) => `private-org-${organizationId}`;
export const userChannel = (userId: string) => `private-user-${userId}`;

/**
 * The contact's counted state right after the change that caused the event,
 * read in the same transaction (issue 16). `countedVersion` grows by exactly 1
 * per counted change (a message counted, removed or uncounted); the event
 * that made the change has `countedChange` ±1, any other event 0 (then the
 * version is the contact's current one, a hint that reveals a missed change).
 * A client that knows version v applies an event of version v + 1 by itself,
 * ignores one ≤ v, and fetches the contact once when a version is skipped.
 */
export type CountedFields = { countedTotal: number; countedVersion: number; countedChange: -1 | 0 | 1 };

export type MessageNewEvent = {
  id: string;
  contactId: string;
  contactName: string;
  direction: "inbound" | "outbound";
  kind: "chat" | "post" | "task" | "system";
  preview: string;
  createdAt: string;
} & CountedFields;

/** `createdAt` is the removed message's: read states at or past it counted it in their readThrough. */
export type MessageRemovedEvent = { id: string; contactId: string; createdAt: string } & CountedFields;

/**
 * The reader's read state after the change, with the contact's counted state
 * at that moment: unread = countedTotal − readThrough at countedVersion.
 */
export type ReadStateFields = { readThrough: number; countedTotal: number; countedVersion: number };

/**
 * Sent after every mark-read, one event per contact, to every tab of the
 * reader (the reading tab too: it learns its exact readThrough from it).
 * Read-all sends a single event with `contactId: null` and `scope: "all"`:
 * every conversation is read up to `lastReadAt` (a list of ids would not fit
 * Pusher's 10 KB limit).
 */
export type ConversationReadEvent = { organizationId: string } & (
  | ({ contactId: string; lastReadAt: string; unreadCount: number; scope?: "contact" } & ReadStateFields)
  | { contactId: null; lastReadAt: string; unreadCount: 0; scope: "all" }
);

/** Sent after mark-unread: the contact's new read position and count. */
export type ConversationUnreadEvent = { organizationId: string; contactId: string; lastReadAt: string; unreadCount: number } & ReadStateFields;

/**
 * Sent after mute and unmute to every tab of the member (the toggling one
 * too). `unreadCount` is the member's count at that moment: a muted
 * conversation keeps it, only out of the totals.
 */
export type ConversationMutedEvent = { contactId: string; organizationId: string; muted: boolean; unreadCount: number };

export const EVENTS = {
  messageNew: "message.new",
  messageRemoved: "message.removed",
  conversationRead: "conversation.read",
  conversationUnread: "conversation.unread",
  conversationMuted: "conversation.muted",
} as const;
