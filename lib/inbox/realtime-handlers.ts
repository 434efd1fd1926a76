// Realtime events → unread state, toasts and the open thread. Pure functions
// of the controller, bound to a RealtimeSource by bindInboxRealtime.
import {
  EVENTS,
  organizationChannel,
  userChannel,
  type ConversationReadEvent,
  type ConversationUnreadEvent,
  type MessageNewEvent,
  type MessageRemovedEvent,
} from "@/lib/realtime/channels";
import type { InboxController } from "@/lib/inbox/inbox-controller";
import type { ConnectionChange, RealtimeSource } from "@/lib/inbox/realtime-source";

const counts = (event: Pick<MessageNewEvent, "direction" | "kind">) => event.direction === "inbound" && event.kind !== "system";

/** Already read here (its time is not after our read position): a late or replayed event. */
function isStale(controller: InboxController, contactId: string, createdAt: string) {
  const lastReadAt = controller.directory.lastReadAt(contactId);
  return lastReadAt !== null && Date.parse(createdAt) <= Date.parse(lastReadAt);
}

export function handleMessageNew(controller: InboxController, event: MessageNewEvent, open: (contactId: string) => void) {
  const { unread, directory, counted } = controller;
  const stale = isStale(controller, event.contactId, event.createdAt);
  const duplicate = counted.get(event.contactId)?.has(event.id) ?? false;
  directory.applyMessage(event);
  controller.emitThread({ type: "message.new", event });
  if (!counts(event) || stale || duplicate) return;

  const seen = { messageId: event.id, createdAt: event.createdAt };
  if (controller.isViewing(event.contactId)) {
    // On screen: read silently (debounced), no toast, no badge.
    directory.setLastReadAt(event.contactId, event.createdAt);
    controller.scheduler.noteSeen(event.contactId, seen);
    return;
  }
  let ids = counted.get(event.contactId);
  if (!ids) counted.set(event.contactId, (ids = new Set()));
  ids.add(event.id);
  unread.add(event.contactId, 1);
  if (controller.activeId() === event.contactId) {
    // Open but the tab is hidden: counted (title, favicon) until the user is back.
    controller.hiddenArrivals.set(event.contactId, seen);
  } else {
    controller.notify.message({
      contactId: event.contactId,
      contactName: event.contactName,
      preview: event.preview,
      onOpen: () => open(event.contactId),
    });
  }
  // The local +1 is instant; the server's answer (coalesced) is the truth.
  controller.refresher.request([event.contactId]);
}

export function handleMessageRemoved(controller: InboxController, event: MessageRemovedEvent) {
  controller.directory.markMessageDeleted(event.contactId, event.id);
  controller.emitThread({ type: "message.removed", event });
  const ids = controller.counted.get(event.contactId);
  if (ids?.delete(event.id)) controller.unread.add(event.contactId, -1);
  // Anything after the read position may have been counted (by the server,
  // before this tab loaded): ask for the contact's count again.
  if (!isStale(controller, event.contactId, event.createdAt)) controller.refresher.request([event.contactId]);
}

/** Another tab or device of this user read a conversation (or everything). */
export function handleConversationRead(controller: InboxController, event: ConversationReadEvent) {
  const { unread, directory, counted } = controller;
  if (event.contactId === null) {
    unread.clearAll();
    counted.clear();
    controller.hiddenArrivals.clear();
    directory.setAllLastReadAt(event.lastReadAt);
    return;
  }
  counted.delete(event.contactId);
  controller.hiddenArrivals.delete(event.contactId);
  directory.setLastReadAt(event.contactId, event.lastReadAt);
  unread.set(event.contactId, controller.isViewing(event.contactId) ? 0 : event.unreadCount);
}

/** Another tab or device marked a conversation unread: the one deliberate step backwards. */
export function handleConversationUnread(controller: InboxController, event: ConversationUnreadEvent) {
  controller.scheduler.cancel(event.contactId);
  controller.counted.delete(event.contactId);
  controller.directory.setLastReadAt(event.contactId, event.lastReadAt, { allowBackwards: true });
  controller.unread.set(event.contactId, event.unreadCount);
}

/** Resync after a reconnect: events sent while the connection was down are lost. */
export function handleConnectionChange(controller: InboxController, change: ConnectionChange, state: { connectedBefore: boolean }) {
  if (change.current !== "connected") return;
  if (state.connectedBefore) controller.scheduleResync();
  state.connectedBefore = true;
}

/** Subscribes to the organization's and the user's channels; returns the teardown. */
export function bindInboxRealtime(
  source: RealtimeSource,
  controller: InboxController,
  ids: { organizationId: string; userId: string },
  open: (contactId: string) => void,
): () => void {
  const org = organizationChannel(ids.organizationId);
  const user = userChannel(ids.userId);
  const connection = { connectedBefore: false };
  const unbinds = [
    source.bind(org, EVENTS.messageNew, (data) => handleMessageNew(controller, data as MessageNewEvent, open)),
    source.bind(org, EVENTS.messageRemoved, (data) => handleMessageRemoved(controller, data as MessageRemovedEvent)),
    source.bind(user, EVENTS.conversationRead, (data) => handleConversationRead(controller, data as ConversationReadEvent)),
    source.bind(user, EVENTS.conversationUnread, (data) =>
      handleConversationUnread(controller, data as ConversationUnreadEvent),
    ),
    // Every (re)subscription may have missed events: the first one covers the
    // gap between the server render and the connection.
    source.onSubscribed(org, () => controller.scheduleResync()),
    source.onConnectionChange((change) => handleConnectionChange(controller, change, connection)),
  ];
  return () => unbinds.forEach((unbind) => unbind());
}
