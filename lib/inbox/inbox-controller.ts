// The inbox's behaviour without React: which conversation is open, unread
// bookkeeping for user actions (open, mark read/unread, mark all read) and
// resync. Realtime events are handled in realtime-handlers.ts on top of it.
import type { BadgerApi } from "@/lib/client/badger-api";
import type { MessageDto } from "@/lib/messaging/message-dto";
import type { MessageNewEvent, MessageRemovedEvent } from "@/lib/realtime/channels";
import type { ContactDirectory } from "@/lib/inbox/contact-directory";
import { createCountRefresher } from "@/lib/inbox/count-refresher";
import { describeError, type Notifier } from "@/lib/inbox/notify";
import { createReadScheduler, type SeenMessage } from "@/lib/inbox/read-scheduler";
import { createResync } from "@/lib/inbox/resync";
import { nextUnread } from "@/lib/inbox/next-unread";
import type { UnreadStore } from "@/lib/inbox/unread-store";

export type ThreadEvent = { type: "message.new"; event: MessageNewEvent } | { type: "message.removed"; event: MessageRemovedEvent };

export type InboxControllerOptions = {
  api: BadgerApi;
  unread: UnreadStore;
  directory: ContactDirectory;
  notify: Notifier;
  initialActiveId?: string | null;
  isVisible?: () => boolean;
  readIntervalMs?: number;
  refreshDelayMs?: number;
  resyncDelayMs?: number;
};

export type InboxController = ReturnType<typeof createInboxController>;

export function createInboxController(options: InboxControllerOptions) {
  const { api, unread, directory, notify } = options;
  const isVisible = options.isVisible ?? (() => typeof document === "undefined" || document.visibilityState !== "hidden");
  let active: string | null = options.initialActiveId ?? null;
  let visible = true;
  const activeListeners = new Set<() => void>();
  const threadListeners = new Set<(event: ThreadEvent) => void>();
  /** Messages this tab counted from events, so a removal can lower the badge at once. */
  const counted = new Map<string, Set<string>>();
  /** The newest message that arrived in the open conversation while the tab was hidden. */
  const hiddenArrivals = new Map<string, SeenMessage>();

  const scheduler = createReadScheduler({
    api,
    intervalMs: options.readIntervalMs,
    // A background read failed: the server's count is the truth again.
    onError: (contactId) => refresher.request([contactId]),
  });

  /** Contacts whose mark-read is on its way: a count fetched meanwhile may predate it. */
  const readsInFlight = new Set<string>();
  const refreshAfterRead = new Set<string>();

  /** Server counts, except that the conversation on screen always reads 0. */
  function applyCounts(ids: string[], counts: Record<string, number>, token: number) {
    const adjusted = { ...counts };
    if (active && visible && isVisible()) adjusted[active] = 0;
    const settled = ids.filter((id) => {
      if (!readsInFlight.has(id)) return true;
      refreshAfterRead.add(id); // asked again once the read has landed
      return false;
    });
    unread.applyServer(settled, adjusted, token);
  }

  const refresher = createCountRefresher({
    api,
    begin: unread.beginServerRead,
    apply: applyCounts,
    delayMs: options.refreshDelayMs,
    onError: (error) => console.warn("[inbox] unread counts refresh failed", error),
  });

  function forgetCounted(contactId: string) {
    counted.delete(contactId);
    hiddenArrivals.delete(contactId);
  }

  function cursorOf(contactId: string): SeenMessage | null {
    const last = directory.get(contactId)?.lastMessage;
    const seen = last ? { messageId: last.id, createdAt: last.createdAt } : null;
    const hidden = hiddenArrivals.get(contactId) ?? null;
    if (!seen || (hidden && Date.parse(hidden.createdAt) > Date.parse(seen.createdAt))) return hidden;
    return seen;
  }

  /** Optimistic mark-read: the badge goes at once; a failure restores the server's count. */
  function readNow(contactId: string) {
    if (unread.get(contactId) === 0 && !hiddenArrivals.has(contactId)) return;
    const cursor = cursorOf(contactId);
    unread.set(contactId, 0);
    forgetCounted(contactId);
    if (cursor) directory.setLastReadAt(contactId, cursor.createdAt);
    readsInFlight.add(contactId);
    const settle = () => {
      readsInFlight.delete(contactId);
      if (refreshAfterRead.delete(contactId)) refresher.request([contactId]);
    };
    scheduler.markNow(contactId, cursor).then(settle, (error) => {
      settle();
      const name = directory.get(contactId)?.name ?? "this conversation";
      notify.error(describeError(`mark ${name} as read`, error));
      // Restore exactly what the server says, even for the open conversation:
      // the read did not happen, so the total must count it again.
      const token = unread.beginServerRead();
      api.unreadCounts([contactId]).then(
        ({ counts }) => unread.applyServer([contactId], counts, token),
        () => refresher.request([contactId]),
      );
    });
  }

  const resync = createResync({
    api,
    directory,
    begin: unread.beginServerRead,
    apply: applyCounts,
    delayMs: options.resyncDelayMs,
  });

  const controller = {
    unread,
    directory,
    api,
    notify,
    scheduler,
    refresher,
    counted,
    hiddenArrivals,
    activeId: () => active,
    isViewing: (contactId: string) => active === contactId && visible && isVisible(),
    subscribeActive(listener: () => void) {
      activeListeners.add(listener);
      return () => {
        activeListeners.delete(listener);
      };
    },
    subscribeThread(listener: (event: ThreadEvent) => void) {
      threadListeners.add(listener);
      return () => {
        threadListeners.delete(listener);
      };
    },
    emitThread(event: ThreadEvent) {
      threadListeners.forEach((listener) => listener(event));
    },

    /** Opens a conversation (or closes with null): flushes the previous one's pending read, reads this one. */
    open(contactId: string | null) {
      if (contactId === active) {
        if (contactId) readNow(contactId);
        return;
      }
      if (active) scheduler.flush(active);
      active = contactId;
      activeListeners.forEach((listener) => listener());
      if (contactId) {
        notify.dismiss(contactId);
        readNow(contactId);
      }
    },
    markRead: readNow,

    async markUnread(contactId: string) {
      // A pending read would undo this; closing the conversation stops new ones.
      scheduler.cancel(contactId);
      if (active === contactId) controller.open(null);
      const before = unread.get(contactId);
      unread.set(contactId, Math.max(1, before));
      try {
        await api.markUnread(contactId);
        directory.setLastReadAt(contactId, null, { allowBackwards: true });
        await refresher.now([contactId]);
      } catch (error) {
        unread.set(contactId, before);
        notify.error(describeError("mark the conversation as unread", error));
      }
    },

    async markAllRead() {
      const snapshot = unread.snapshot();
      unread.clearAll();
      counted.clear();
      hiddenArrivals.clear();
      scheduler.dispose();
      try {
        await api.markAllRead();
        const newest = directory
          .ids()
          .map((id) => directory.get(id)?.lastMessage?.createdAt)
          .find((at): at is string => Boolean(at));
        if (newest) directory.setAllLastReadAt(newest);
      } catch (error) {
        unread.restore(snapshot);
        notify.error(describeError("mark all conversations as read", error));
        controller.scheduleResync();
      }
    },

    /** Our own reply: the server marked the conversation read and does not echo the event to this tab. */
    noteSent(message: MessageDto, contactName: string) {
      directory.applyMessage({ ...message, contactName });
      unread.set(message.contactId, 0);
      forgetCounted(message.contactId);
      directory.setLastReadAt(message.contactId, message.createdAt);
    },

    /** The next (1) or previous (-1) conversation with unread messages, in sidebar order. */
    nextUnread: (direction: 1 | -1) => nextUnread(directory.ids(), active, unread.get, direction),

    async loadMoreContacts() {
      const cursor = directory.getSnapshot().nextCursor;
      if (!cursor) return;
      const token = unread.beginServerRead();
      const page = await api.contacts({ cursor, limit: 100 });
      directory.merge(page.contacts, { nextCursor: page.nextCursor });
      applyCounts(
        page.contacts.map((contact) => contact.id),
        Object.fromEntries(page.contacts.map((contact) => [contact.id, contact.unreadCount])),
        token,
      );
    },

    /** Counts for the loaded contacts plus every unread contact not loaded yet. Coalesced. */
    resync: resync.run,
    /** Several triggers (reconnect, resubscribe, tab shown) within a moment make one resync. */
    scheduleResync: (delayMs?: number) => resync.schedule(delayMs),

    setVisible(nowVisible: boolean) {
      if (nowVisible === visible) return;
      visible = nowVisible;
      if (!nowVisible) {
        scheduler.flushAll({ keepalive: true });
        return;
      }
      const arrived = active ? hiddenArrivals.get(active) : undefined;
      if (active && arrived) {
        unread.set(active, 0);
        forgetCounted(active);
        directory.setLastReadAt(active, arrived.createdAt);
        scheduler.noteSeen(active, arrived);
      }
      controller.scheduleResync();
    },
    /** The tab is closing: whatever is pending goes out with keepalive. */
    pageHide() {
      scheduler.flushAll({ keepalive: true });
    },
    isTabVisible: () => visible && isVisible(),

    dispose() {
      resync.dispose();
      refresher.dispose();
    },
  };
  return controller;
}
