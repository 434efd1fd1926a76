import { serverConfig } from "@/lib/config/server-config";
import { getPusher } from "@/lib/realtime/pusher-server";
import {
  EVENTS,
  organizationChannel,
  userChannel,
  type ConversationMutedEvent,
  type ConversationReadEvent,
  type ConversationUnreadEvent,
  type MessageNewEvent,
  type MessageRemovedEvent,
} from "@/lib/realtime/channels";

const SOCKET_ID = /^\d+\.\d+$/;

/**
 * Realtime is best effort: it is called after the database commit, and an
 * outage or a slow server never fails the request that caused the event.
 * Clients recover anything they missed by resyncing.
 */
async function trigger(channel: string, event: string, data: unknown, excludeSocketId?: string | null) {
  const socketId = excludeSocketId && SOCKET_ID.test(excludeSocketId) ? excludeSocketId : undefined;
  const timeoutMs = serverConfig().pusher.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getPusher().trigger(channel, event, data, socketId ? { socket_id: socketId } : undefined),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[realtime] ${event} on ${channel} not delivered: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
}

export function publishMessageNew(organizationId: string, payload: MessageNewEvent, excludeSocketId?: string | null) {
  return trigger(organizationChannel(organizationId), EVENTS.messageNew, payload, excludeSocketId);
}

export function publishMessageRemoved(
  organizationId: string,
  payload: MessageRemovedEvent,
  excludeSocketId?: string | null,
) {
  return trigger(organizationChannel(organizationId), EVENTS.messageRemoved, payload, excludeSocketId);
}

export function publishConversationRead(userId: string, payload: ConversationReadEvent, excludeSocketId?: string | null) {
  return trigger(userChannel(userId), EVENTS.conversationRead, payload, excludeSocketId);
}

export function publishConversationUnread(
  userId: string,
  payload: ConversationUnreadEvent,
  excludeSocketId?: string | null,
) {
  return trigger(userChannel(userId), EVENTS.conversationUnread, payload, excludeSocketId);
}

export function publishConversationMuted(userId: string, payload: ConversationMutedEvent) {
  return trigger(userChannel(userId), EVENTS.conversationMuted, payload);
}
