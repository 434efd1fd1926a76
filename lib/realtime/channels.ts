// Channel names and event payloads shared by the server (pusher) and the
// browser (pusher-js). Times are ISO strings.
export const organizationChannel = (organizationId: string) => `private-org-${organizationId}`;
export const userChannel = (userId: string) => `private-user-${userId}`;

export type MessageNewEvent = {
  id: string;
  contactId: string;
  contactName: string;
  direction: "inbound" | "outbound";
  kind: "chat" | "post" | "task" | "system";
  preview: string;
  createdAt: string;
};

export type MessageRemovedEvent = { id: string; contactId: string; createdAt: string };

/**
 * Sent after every mark-read, one event per contact. Read-all sends a single
 * event with `contactId: null` and `scope: "all"`: every conversation is read
 * up to `lastReadAt` (a list of ids would not fit Pusher's 10 KB limit).
 */
export type ConversationReadEvent =
  | { contactId: string; lastReadAt: string; unreadCount: number; scope?: "contact" }
  | { contactId: null; lastReadAt: string; unreadCount: 0; scope: "all" };

/** Sent after mark-unread: the contact's new read position and count. */
export type ConversationUnreadEvent = { contactId: string; lastReadAt: string; unreadCount: number };

export const EVENTS = {
  messageNew: "message.new",
  messageRemoved: "message.removed",
  conversationRead: "conversation.read",
  conversationUnread: "conversation.unread",
} as const;
