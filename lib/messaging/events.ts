// Every realtime event payload is built here, once. Use cases return these
// and the route publishes them after the transaction committed.
import "#server-only";
import type { ReadPosition } from "@/lib/messaging/read-state";
import type { CountedState } from "@/lib/messaging/counted-state";
import { EVENTS, organizationChannel, userChannel } from "@/lib/realtime/channels";
import type * as Payload from "@/lib/realtime/channels";
import { messagePreview } from "@/lib/shared/preview";

/**
 * One event to publish. `skipCaller`: not sent to the socket that made the
 * change (its own reply's message.new); every other event reaches the
 * caller's tab too, which needs the versions like everyone (issue 16).
 */
export type DomainEvent = { channel: string; name: string; payload: unknown; skipCaller?: boolean };

/** What every write use case returns: what it changed, and the events to publish once it committed. */
export type WriteResult<T = undefined> = { result: T; events: DomainEvent[] };

type StoredMessage = {
  id: string;
  contactId: string;
  direction: "inbound" | "outbound";
  kind: Payload.MessageNewEvent["kind"];
  body: string;
  createdAt: Date;
};

export function messageNewEvent(
  organizationId: string,
  message: StoredMessage,
  contact: { name: string },
  state: CountedState,
  countedChange: 0 | 1,
  options: { skipCaller?: boolean } = {},
): DomainEvent {
  const payload: Payload.MessageNewEvent = {
    id: message.id,
    contactId: message.contactId,
    contactName: contact.name,
    direction: message.direction,
    kind: message.kind,
    preview: messagePreview(message.body),
    createdAt: message.createdAt.toISOString(),
    // Picked, not spread: a member's state (readThrough) must not reach the whole organization.
    countedTotal: state.countedTotal,
    countedVersion: state.countedVersion,
    countedChange,
  };
  return { channel: organizationChannel(organizationId), name: EVENTS.messageNew, payload, ...options };
}

export function messageRemovedEvent(
  organizationId: string,
  removed: { id: string; contactId: string; createdAt: Date },
  state: CountedState,
  countedChange: -1 | 0,
): DomainEvent {
  const payload: Payload.MessageRemovedEvent = {
    id: removed.id,
    contactId: removed.contactId,
    createdAt: removed.createdAt.toISOString(),
    // Picked, not spread: a member's state (readThrough) must not reach the whole organization.
    countedTotal: state.countedTotal,
    countedVersion: state.countedVersion,
    countedChange,
  };
  return { channel: organizationChannel(organizationId), name: EVENTS.messageRemoved, payload };
}

type MemberState = Payload.ReadStateFields & { unreadCount: number };
/**
 * Events on the member's own channel name their organization: a member of
 * several organizations hears them all there, and a read in one must not
 * clear the badges of another (issue 14).
 */
type Member = { userId: string; organizationId: string };

/** A read or an unread of one contact: the member's new position with the contact's counted state. */
function readPositionPayload(member: Member, position: ReadPosition, state: MemberState) {
  return { organizationId: member.organizationId, contactId: position.contactId, lastReadAt: position.lastReadAt.toISOString(), ...state };
}

export function conversationReadEvent(member: Member, position: ReadPosition, state: MemberState): DomainEvent {
  const payload: Payload.ConversationReadEvent = readPositionPayload(member, position, state);
  return { channel: userChannel(member.userId), name: EVENTS.conversationRead, payload };
}

/** Read-all: one event, since a list of every contact would not fit Pusher's 10 KB. */
export function everythingReadEvent(member: Member, lastReadAt: Date): DomainEvent {
  const payload: Payload.ConversationReadEvent = {
    organizationId: member.organizationId,
    contactId: null,
    scope: "all",
    lastReadAt: lastReadAt.toISOString(),
    unreadCount: 0,
  };
  return { channel: userChannel(member.userId), name: EVENTS.conversationRead, payload, skipCaller: true };
}

export function conversationUnreadEvent(member: Member, position: ReadPosition, state: MemberState): DomainEvent {
  const payload: Payload.ConversationUnreadEvent = readPositionPayload(member, position, state);
  return { channel: userChannel(member.userId), name: EVENTS.conversationUnread, payload };
}

/** Mute and unmute, to every tab of the member (the toggling one confirms its optimistic toggle). */
export function conversationMutedEvent(member: Member, contactId: string, muted: boolean, unreadCount: number): DomainEvent {
  const payload: Payload.ConversationMutedEvent = { contactId, organizationId: member.organizationId, muted, unreadCount };
  return { channel: userChannel(member.userId), name: EVENTS.conversationMuted, payload };
}
