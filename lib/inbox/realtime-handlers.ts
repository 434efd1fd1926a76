// Realtime events → unread state, toasts and the open thread. Pure functions
// of the controller, bound to a RealtimeSource by bindInboxRealtime.
import { warnInBrowser } from "@/lib/inbox/browser-log";
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
import type { InboxController } from "@/lib/inbox/inbox-controller";
import type { OrganizationTotals } from "@/lib/inbox/organization-totals";
import type { ConnectionChange, RealtimeSource } from "@/lib/inbox/realtime-source";

const counts = (event: Pick<MessageNewEvent, "direction" | "kind">) => event.direction === "inbound" && event.kind !== "system";

const changeOf = (event: MessageNewEvent | MessageRemovedEvent) => ({
  version: event.countedVersion,
  total: event.countedTotal,
  change: event.countedChange,
  createdAt: event.createdAt,
});

/** Message ids this controller has shown (toast, thread read), the newest few hundred. */
const arrivals = new WeakMap<InboxController, Set<string>>();
const ARRIVALS_KEPT = 500;

function firstArrival(controller: InboxController, messageId: string) {
  let ids = arrivals.get(controller);
  if (!ids) arrivals.set(controller, (ids = new Set()));
  if (ids.has(messageId)) return false;
  ids.add(messageId);
  if (ids.size > ARRIVALS_KEPT) ids.delete(ids.values().next().value!);
  return true;
}

/**
 * The event carries the contact's new counted total and version: the badge
 * is computed here, with no request (issue 16). Only a version this tab
 * skipped makes it fetch that one contact (lib/inbox/count-ledger.ts).
 */
export function handleMessageNew(controller: InboxController, event: MessageNewEvent, open: (contactId: string) => void) {
  const { directory, ledger } = controller;
  ledger.applyChange(event.contactId, changeOf(event));
  directory.applyMessage(event);
  controller.emitThread({ type: "message.new", event });
  // A snapshot fetched meanwhile may already count it (then the event is
  // "ignored" by version), but it is still news here: dedupe by id instead.
  if (!counts(event) || event.countedChange !== 1 || !firstArrival(controller, event.id)) return;
  // Already read here (a message stamped at or before our read position).
  const readAt = ledger.readAt(event.contactId);
  if (readAt !== null && Date.parse(event.createdAt) <= readAt) return;

  const seen = { messageId: event.id, createdAt: event.createdAt };
  if (controller.isViewing(event.contactId)) {
    // On screen: read silently (debounced), no toast, no badge.
    directory.setLastReadAt(event.contactId, event.createdAt);
    controller.readLocally(event.contactId, event.createdAt);
    controller.scheduler.noteSeen(event.contactId, seen);
    return;
  }
  const isOpen = controller.activeId() === event.contactId;
  // Open but the tab is hidden: counted (title, favicon) until the user is back.
  if (isOpen) controller.hiddenArrivals.set(event.contactId, seen);
  // Muted: the grey badge counts it, nothing else calls for attention.
  if (controller.unread.isMuted(event.contactId)) return;
  const message = { contactId: event.contactId, contactName: event.contactName, preview: event.preview, onOpen: () => open(event.contactId) };
  // A visible tab toasts; a hidden one does not (issue 14): the user is not there to see it.
  if (!isOpen && controller.isTabVisible()) controller.notify.message(message);
  // One system notification across tabs when none is in front of the user (the leader decides).
  controller.attention({ ...message, messageId: event.id });
}

export function handleMessageRemoved(controller: InboxController, event: MessageRemovedEvent) {
  controller.directory.markMessageDeleted(event.contactId, event.id);
  controller.emitThread({ type: "message.removed", event });
  controller.ledger.applyChange(event.contactId, changeOf(event));
}

/** A conversation read by this user, in any tab (this one too) or device, or everything. */
export function handleConversationRead(controller: InboxController, event: ConversationReadEvent) {
  const { unread, directory, ledger } = controller;
  if (event.contactId === null) {
    unread.clearAll();
    controller.hiddenArrivals.clear();
    directory.setAllLastReadAt(event.lastReadAt);
    ledger.readAllLocally(event.lastReadAt);
    return;
  }
  controller.hiddenArrivals.delete(event.contactId);
  directory.setLastReadAt(event.contactId, event.lastReadAt);
  ledger.applyRead(event.contactId, readOf(event));
}

const readOf = (event: ConversationUnreadEvent | Extract<ConversationReadEvent, { contactId: string }>) => ({
  version: event.countedVersion,
  total: event.countedTotal,
  readThrough: event.readThrough,
  lastReadAt: event.lastReadAt,
});

/** Marked unread in a tab or device of this user: the one deliberate step backwards. */
export function handleConversationUnread(controller: InboxController, event: ConversationUnreadEvent) {
  controller.scheduler.cancel(event.contactId);
  controller.hiddenArrivals.delete(event.contactId);
  controller.directory.setLastReadAt(event.contactId, event.lastReadAt, { allowBackwards: true });
  controller.ledger.applyRead(event.contactId, readOf(event), true);
}

/** Resync after a reconnect: events sent while the connection was down are lost. */
export function handleConnectionChange(controller: InboxController, change: ConnectionChange, state: { connectedBefore: boolean }) {
  if (change.current !== "connected") return;
  if (state.connectedBefore) controller.scheduleResync();
  state.connectedBefore = true;
}

/** Other organizations of a member of several (the switcher's totals, counted from events). */
export type OtherOrganizations = { totals: OrganizationTotals; organizationIds: string[] };

/**
 * Subscribes to the organization's and the user's channels (and, for the
 * switcher, to the user's other organizations'); returns the teardown. The
 * user channel carries every organization's events of this user: those of
 * another organization move only that organization's total.
 */
export function bindInboxRealtime(
  source: RealtimeSource,
  controller: InboxController,
  ids: { organizationId: string; userId: string },
  open: (contactId: string) => void,
  others?: OtherOrganizations,
): () => void {
  const org = organizationChannel(ids.organizationId);
  const user = userChannel(ids.userId);
  const connection = { connectedBefore: false };
  const elsewhere = (event: { organizationId?: string }) => event.organizationId !== undefined && event.organizationId !== ids.organizationId;
  const onUser = <T extends { organizationId?: string }>(event: string, here: (data: T) => void, there: (data: T) => void) =>
    source.bind(user, event, (data) => (elsewhere(data as T) ? there(data as T) : here(data as T)));
  const totals = others?.totals;
  const unbinds = [
    source.bind(org, EVENTS.messageNew, (data) => handleMessageNew(controller, data as MessageNewEvent, open)),
    source.bind(org, EVENTS.messageRemoved, (data) => handleMessageRemoved(controller, data as MessageRemovedEvent)),
    onUser<ConversationReadEvent>(EVENTS.conversationRead, (data) => handleConversationRead(controller, data), (data) => totals?.read(data)),
    onUser<ConversationUnreadEvent>(EVENTS.conversationUnread, (data) => handleConversationUnread(controller, data), (data) => totals?.read(data)),
    onUser<ConversationMutedEvent>(EVENTS.conversationMuted, (data) => controller.mutes.applyEvent(data), (data) => totals?.muted(data)),
    ...(others?.organizationIds ?? []).flatMap((organizationId) => [
      source.bind(organizationChannel(organizationId), EVENTS.messageNew, (data) => others?.totals.messageNew(organizationId, data as MessageNewEvent)),
      source.bind(organizationChannel(organizationId), EVENTS.messageRemoved, (data) =>
        others?.totals.messageRemoved(organizationId, data as MessageRemovedEvent),
      ),
    ]),
    // Every (re)subscription may have missed events: the first one covers the
    // gap between the server render and the connection.
    source.onSubscribed(org, () => controller.scheduleResync()),
    source.onConnectionChange((change) => {
      const reconnected = change.current === "connected" && connection.connectedBefore;
      handleConnectionChange(controller, change, connection);
      // Events of the other organizations sent while disconnected are lost: one request brings their totals back.
      if (reconnected && others && others.organizationIds.length > 0) {
        controller.api.organizationsUnread().then(
          ({ organizations }) => organizations.forEach((organization) => others.totals.replace(organization)),
          (error: unknown) => warnInBrowser("other organizations' unread refresh failed", error),
        );
      }
    }),
  ];
  return () => unbinds.forEach((unbind) => unbind());
}
