// Realtime events → badges, toasts and the open thread. The receiver is a
// part of the inbox controller (it builds one, `controller.receive`, over
// its own parts); bindInboxRealtime only routes a RealtimeSource's events to
// those public methods.
import "client-only";
import { createRecentIds } from "@/lib/inbox/recent-ids";
import { warnInBrowser } from "@/lib/inbox/browser-log";
import type { ContactDirectory } from "@/lib/inbox/contact-directory";
import type { AttentionInput } from "@/lib/inbox/desktop-notifications";
import type { InboxController, ThreadEvent } from "@/lib/inbox/inbox-controller";
import type { MuteToggle } from "@/lib/inbox/mute-toggle";
import type { Notifier } from "@/lib/inbox/notify";
import type { OrganizationTotals } from "@/lib/inbox/organization-totals";
import type { ReadScheduler } from "@/lib/inbox/read-scheduler";
import type { RealtimeSource } from "@/lib/inbox/realtime-source";
import type { UnreadStore } from "@/lib/inbox/unread-store";
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

const counts = (event: Pick<MessageNewEvent, "direction" | "kind">) => event.direction === "inbound" && event.kind !== "system";

const changeOf = (event: MessageNewEvent | MessageRemovedEvent) => ({
  version: event.countedVersion,
  total: event.countedTotal,
  change: event.countedChange,
  createdAt: event.createdAt,
});

const readOf = (event: ConversationUnreadEvent | Extract<ConversationReadEvent, { contactId: string }>) => ({
  version: event.countedVersion,
  total: event.countedTotal,
  readThrough: event.readThrough,
  lastReadAt: event.lastReadAt,
});

/** The controller's parts the receiver works on; only the controller builds one. */
export type ReceiverParts = {
  unread: UnreadStore;
  directory: ContactDirectory;
  scheduler: ReadScheduler;
  mutes: MuteToggle;
  notify: Notifier;
  activeId(): string | null;
  isViewing(contactId: string): boolean;
  isTabVisible(): boolean;
  open(contactId: string): void;
  attention(input: AttentionInput): void;
  emitThread(event: ThreadEvent): void;
};

export function createRealtimeReceiver(parts: ReceiverParts) {
  const { unread, directory, scheduler } = parts;
  // A snapshot fetched meanwhile may already count a message (then its event
  // is "ignored" by version), but it is still news here: dedupe by id instead.
  // Message ids the receiver has shown (toast, thread read), the newest few hundred.
  const arrivals = createRecentIds();

  return {
    /**
     * The event carries the contact's new counted total and version: the
     * badge is computed with no request (issue 16). Only a version this tab
     * skipped makes it fetch that one contact (lib/inbox/count-ledger.ts).
     */
    messageNew(event: MessageNewEvent) {
      unread.applyChange(event.contactId, changeOf(event));
      directory.applyMessage(event);
      parts.emitThread({ type: "message.new", event });
      if (!counts(event) || event.countedChange !== 1 || !arrivals.first(event.id)) return;
      // Already read here (a message stamped at or before our read position).
      const readAt = unread.readAt(event.contactId);
      if (readAt !== null && Date.parse(event.createdAt) <= readAt) return;

      const seen = { messageId: event.id, createdAt: event.createdAt };
      if (parts.isViewing(event.contactId)) {
        // On screen: read silently (debounced), no toast, no badge.
        unread.readHere(event.contactId, event.createdAt);
        scheduler.noteSeen(event.contactId, seen);
        return;
      }
      const isOpen = parts.activeId() === event.contactId;
      // Open but the tab is hidden: counted (title, favicon) until the user is back.
      if (isOpen) unread.noteHiddenArrival(event.contactId, seen);
      // Muted: the grey badge counts it, nothing else calls for attention.
      if (unread.isMuted(event.contactId)) return;
      const message = {
        contactId: event.contactId,
        contactName: event.contactName,
        preview: event.preview,
        onOpen: () => parts.open(event.contactId),
      };
      // A visible tab toasts; a hidden one does not (issue 14): the user is not there to see it.
      if (!isOpen && parts.isTabVisible()) parts.notify.message(message);
      // One system notification across tabs when none is in front of the user (the leader decides).
      parts.attention({ ...message, messageId: event.id });
    },

    messageRemoved(event: MessageRemovedEvent) {
      directory.markMessageDeleted(event.contactId, event.id);
      parts.emitThread({ type: "message.removed", event });
      unread.applyChange(event.contactId, changeOf(event));
    },

    /** A conversation read by this user, in any tab (this one too) or device, or everything. */
    conversationRead(event: ConversationReadEvent) {
      if (event.contactId === null) {
        unread.clearAll();
        unread.readAllUpTo(event.lastReadAt);
        return;
      }
      unread.applyRead(event.contactId, readOf(event));
    },

    /** Marked unread in a tab or device of this user: the one deliberate step backwards. */
    conversationUnread(event: ConversationUnreadEvent) {
      // A pending read of this tab would undo it.
      scheduler.cancel(event.contactId);
      unread.applyRead(event.contactId, readOf(event), true);
    },

    conversationMuted: (event: ConversationMutedEvent) => parts.mutes.applyEvent(event),
  };
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
  others?: OtherOrganizations,
): () => void {
  const org = organizationChannel(ids.organizationId);
  const user = userChannel(ids.userId);
  const receive = controller.receive;
  // Per connection: its first "connected" is covered by the subscription's resync.
  let connectedBefore = false;
  const elsewhere = (event: { organizationId?: string }) => event.organizationId !== undefined && event.organizationId !== ids.organizationId;
  const onUser = <T extends { organizationId?: string }>(event: string, here: (data: T) => void, there: (data: T) => void) =>
    source.bind(user, event, (data) => (elsewhere(data as T) ? there(data as T) : here(data as T)));
  const totals = others?.totals;
  const unbinds = [
    source.bind(org, EVENTS.messageNew, (data) => receive.messageNew(data as MessageNewEvent)),
    source.bind(org, EVENTS.messageRemoved, (data) => receive.messageRemoved(data as MessageRemovedEvent)),
    onUser<ConversationReadEvent>(EVENTS.conversationRead, receive.conversationRead, (data) => totals?.read(data)),
    onUser<ConversationUnreadEvent>(EVENTS.conversationUnread, receive.conversationUnread, (data) => totals?.read(data)),
    onUser<ConversationMutedEvent>(EVENTS.conversationMuted, receive.conversationMuted, (data) => totals?.muted(data)),
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
      if (change.current !== "connected") return;
      const reconnected = connectedBefore;
      connectedBefore = true;
      if (!reconnected) return;
      // Events sent while the connection was down are lost.
      controller.scheduleResync();
      // The other organizations' too: one request brings their totals back.
      if (others && others.organizationIds.length > 0) {
        controller.api.organizationsUnread().then(
          ({ organizations }) => organizations.forEach((organization) => others.totals.replace(organization)),
          (error: unknown) => warnInBrowser("other organizations' unread refresh failed", error),
        );
      }
    }),
  ];
  return () => unbinds.forEach((unbind) => unbind());
}
