// The app's writes, one function each: one transaction, returning what
// changed and the events to publish once it committed. Routes adapt HTTP to
// these (parse → use case → publish → respond). The counted state in each
// event is read inside the write's transaction, after the write: the contact
// row is locked by it then, so the version describes exactly this change.
import "#server-only";
import type { Database } from "@/lib/db/prisma";
import { isCountedMessage } from "@/lib/messaging/counting-rule";
import { readCountedState, readMemberEventState } from "@/lib/messaging/counted-state";
import {
  conversationReadEvent,
  conversationUnreadEvent,
  everythingReadEvent,
  messageNewEvent,
  messageRemovedEvent,
  type WriteResult,
} from "@/lib/messaging/events";
import { toMessageDto, type MessageDto } from "@/lib/messaging/message-dto";
import { sendOutboundMessage, softDeleteMessage } from "@/lib/messaging/messages";
import { markAllRead, markContactRead, markContactUnread, type ReadCursor } from "@/lib/messaging/read-state";

type Member = { userId: string; organizationId: string };

/** Mark-read up to a cursor (or what is visible now); the reader's tabs learn the new readThrough. */
export async function readConversation(db: Database, member: Member, contactId: string, cursor: ReadCursor): Promise<WriteResult> {
  return db.$transaction(async (tx) => {
    const position = await markContactRead(tx, member, contactId, cursor);
    const state = await readMemberEventState(tx, member, contactId);
    return { result: undefined, events: [conversationReadEvent(member, position, state)] };
  });
}

/** Mark-unread: the read position steps back before the newest counted message. */
export async function unreadConversation(db: Database, member: Member, contactId: string): Promise<WriteResult> {
  return db.$transaction(async (tx) => {
    const position = await markContactUnread(tx, member, contactId);
    const state = await readMemberEventState(tx, member, contactId);
    return { result: undefined, events: [conversationUnreadEvent(member, position, state)] };
  });
}

/** An agent's reply: stored, and the conversation read up to it for its sender. */
export async function replyToConversation(
  db: Database,
  member: Member,
  contactId: string,
  body: string,
): Promise<WriteResult<MessageDto>> {
  return db.$transaction(async (tx) => {
    const { contact, message } = await sendOutboundMessage(tx, member, contactId, body);
    // Read up to the reply's own time: the contact was checked and the row is at hand.
    const position = await markContactRead(tx, member, contactId, { lastReadAt: message.createdAt });
    const state = await readMemberEventState(tx, member, contactId);
    return {
      result: toMessageDto(message),
      events: [
        messageNewEvent(member.organizationId, message, contact, state, 0, { skipCaller: true }),
        conversationReadEvent(member, position, state),
      ],
    };
  });
}

/** Soft delete: the message stops counting at once; a second delete is a 404. */
export async function deleteMessage(db: Database, member: Member, messageId: string): Promise<WriteResult> {
  return db.$transaction(async (tx) => {
    const removed = await softDeleteMessage(tx, member, messageId);
    const state = await readCountedState(tx, member.organizationId, removed.contactId);
    const countedChange = isCountedMessage(removed) ? -1 : 0;
    return { result: undefined, events: [messageRemovedEvent(member.organizationId, removed, state, countedChange)] };
  });
}

/** Every conversation read, in short batches (never one long transaction: see markAllRead). */
export async function readEverything(db: Database, member: Member): Promise<WriteResult> {
  const { lastReadAt } = await markAllRead(db, member);
  return { result: undefined, events: [everythingReadEvent(member, lastReadAt)] };
}
