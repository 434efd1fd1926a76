// The inbox's client state without React, with one owner: which conversation
// is open, the badges (unread-store.ts, the one keeper of their bookkeeping),
// the sidebar's contacts, reads, mutes and resync. User actions are its
// methods; realtime events are `controller.receive`'s (realtime-handlers.ts),
// built here over the same parts. Everything else reads through views.
import "client-only";
import { warnInBrowser } from "@/lib/inbox/browser-log";
import type { BadgerApi } from "@/lib/client/badger-api";
import type { ContactSummary } from "@/lib/messaging/contact-list";
import type { MessageDto } from "@/lib/messaging/message-dto";
import type { MessageNewEvent, MessageRemovedEvent } from "@/lib/realtime/channels";
import { createContactDirectory, type ContactDirectory } from "@/lib/inbox/contact-directory";
import { createCountRefresher, type CountStates } from "@/lib/inbox/count-refresher";
import { describeError, type Notifier } from "@/lib/inbox/notify";
import { createReadScheduler, type SeenMessage } from "@/lib/inbox/read-scheduler";
import type { AttentionInput } from "@/lib/inbox/desktop-notifications";
import { createMuteToggle } from "@/lib/inbox/mute-toggle";
import { createNewLines } from "@/lib/inbox/new-line";
import { createRealtimeReceiver } from "@/lib/inbox/realtime-handlers";
import { createResync } from "@/lib/inbox/resync";
import { nextUnread } from "@/lib/inbox/next-unread";
import { createUnreadStore, type UnreadView } from "@/lib/inbox/unread-store";

export type ThreadEvent = { type: "message.new"; event: MessageNewEvent } | { type: "message.removed"; event: MessageRemovedEvent };

/** What the sidebar and the pane read of the contacts; only the controller changes them. */
export type DirectoryView = Pick<ContactDirectory, "getSnapshot" | "get" | "ids" | "subscribe">;

export type InboxControllerOptions = {
  api: BadgerApi;
  notify: Notifier;
  /** The first page as the server rendered it: counts, count states (events are counted from them) and mutes. */
  contacts: ContactSummary[];
  nextCursor?: string | null;
  initialActiveId?: string | null;
  /** How long a skipped event version may take to arrive (reordering) before that contact is fetched. */
  gapWaitMs?: number;
  isVisible?: () => boolean;
  readIntervalMs?: number;
  refreshDelayMs?: number;
  resyncDelayMs?: number;
};

export type InboxController = ReturnType<typeof createInboxController>;

export function createInboxController(options: InboxControllerOptions) {
  const { api, notify, contacts } = options;
  const isVisible = options.isVisible ?? (() => typeof document === "undefined" || document.visibilityState !== "hidden");
  let active: string | null = options.initialActiveId ?? null;
  let visible = true;
  const activeListeners = new Set<() => void>();
  const threadListeners = new Set<(event: ThreadEvent) => void>();
  /** System notifications (set in the browser once the tabs can coordinate); none until then. */
  let attention: (input: AttentionInput) => void = () => {};

  const viewing = (contactId: string) => active === contactId && visible && isVisible();
  const directory = createContactDirectory(contacts, options.nextCursor ?? null);
  const unread = createUnreadStore(Object.fromEntries(contacts.map((contact) => [contact.id, contact.unreadCount])), {
    states: Object.fromEntries(contacts.map((contact) => [contact.id, contact.countState])),
    muted: contacts.filter((contact) => contact.muted).map((contact) => contact.id),
    viewing,
    heal: (contactId) => refresher.request([contactId]),
    gapWaitMs: options.gapWaitMs,
  });
  const mutes = createMuteToggle({ api, unread, directory, notify });

  /** Server answers: counts and mutes, each kept when a local action is newer than the request. */
  function applyCounts(ids: string[], counts: Record<string, number>, token: number, states: CountStates) {
    for (const id of ids) if (states[id]) mutes.applyServer(id, states[id].muted, token);
    unread.applyServer(ids, counts, token, states);
  }

  const scheduler = createReadScheduler({
    api,
    intervalMs: options.readIntervalMs,
    // A background read failed: the server's count is the truth again.
    onError: (contactId) => refresher.request([contactId]),
  });
  const refresher = createCountRefresher({
    api,
    begin: unread.begin,
    apply: applyCounts,
    delayMs: options.refreshDelayMs,
    onError: (error) => warnInBrowser("unread counts refresh failed", error),
  });
  const resync = createResync({ api, directory, begin: unread.begin, apply: applyCounts, delayMs: options.resyncDelayMs });

  // The "New messages" line of a deep-linked conversation: from the server's read position.
  const newLines = createNewLines(unread);
  if (active) newLines.capture(active);

  /** Where a read of this contact goes up to: the newest message the tab knows of. */
  function cursorOf(contactId: string): SeenMessage | null {
    const last = directory.get(contactId)?.lastMessage;
    const seen = last ? { messageId: last.id, createdAt: last.createdAt } : null;
    const hidden = unread.hiddenArrival(contactId) ?? null;
    if (!seen || (hidden && Date.parse(hidden.createdAt) > Date.parse(seen.createdAt))) return hidden;
    return seen;
  }

  /** Optimistic mark-read: the badge goes at once; a failure restores the server's count. */
  function readNow(contactId: string) {
    // The server's count, not the one on screen: the open conversation always
    // shows 0, so a deep link would otherwise never be marked read.
    if ((unread.badge(contactId) ?? unread.get(contactId)) === 0 && !unread.hiddenArrival(contactId)) return;
    const cursor = cursorOf(contactId);
    unread.readHere(contactId, cursor?.createdAt ?? null);
    // The read's own conversation.read event brings the exact readThrough.
    const settle = unread.reading(contactId);
    scheduler.markNow(contactId, cursor).then(settle, (error) => {
      settle();
      const name = directory.get(contactId)?.name ?? "this conversation";
      notify.error(describeError(`mark ${name} as read`, error));
      const token = unread.begin();
      api.unreadCounts([contactId]).then(
        ({ states }) => unread.restoreFromServer(contactId, states[contactId], token),
        () => refresher.request([contactId]),
      );
    });
  }

  function open(contactId: string | null) {
    if (contactId === active) {
      if (contactId) readNow(contactId);
      return;
    }
    if (active) scheduler.flush(active);
    active = contactId;
    activeListeners.forEach((listener) => listener());
    if (contactId) {
      notify.dismiss(contactId);
      newLines.capture(contactId); // before the optimistic read moves the position
      readNow(contactId);
    }
  }

  const isTabVisible = () => visible && isVisible();
  const receive = createRealtimeReceiver({
    unread,
    directory,
    scheduler,
    mutes,
    notify,
    activeId: () => active,
    isViewing: viewing,
    isTabVisible,
    open,
    attention: (input) => attention(input),
    emitThread: (event) => threadListeners.forEach((listener) => listener(event)),
  });

  const controller = {
    api,
    notify,
    unread: unread as UnreadView,
    directory: directory as DirectoryView,
    /** Realtime events, routed here by bindInboxRealtime. */
    receive,
    activeId: () => active,
    setAttention: (next: (input: AttentionInput) => void) => void (attention = next),
    subscribeActive(listener: () => void) {
      activeListeners.add(listener);
      return () => void activeListeners.delete(listener);
    },
    subscribeThread(listener: (event: ThreadEvent) => void) {
      threadListeners.add(listener);
      return () => void threadListeners.delete(listener);
    },
    /** Where the "New messages" line of a conversation goes, captured when it was opened. */
    newLine: newLines.get,
    toggleMute: mutes.toggle,

    /** Opens a conversation (or closes with null): flushes the previous one's pending read, reads this one. */
    open,
    markRead: readNow,

    async markUnread(contactId: string) {
      // A pending read would undo this; closing the conversation stops new ones.
      scheduler.cancel(contactId);
      if (active === contactId) open(null);
      const before = unread.get(contactId);
      unread.setLocally(contactId, Math.max(1, before));
      try {
        await api.markUnread(contactId);
      } catch (error) {
        unread.setLocally(contactId, before);
        notify.error(describeError("mark the conversation as unread", error));
        return;
      }
      // Done on the server: a failed count refresh is retried, never rolled back.
      await refresher.now([contactId]).catch(() => refresher.request([contactId]));
    },

    async markAllRead() {
      const snapshot = unread.snapshot();
      unread.clearAll({ local: true });
      scheduler.dispose();
      try {
        await api.markAllRead();
        const newest = directory
          .ids()
          .map((id) => directory.get(id)?.lastMessage?.createdAt)
          .find((at): at is string => Boolean(at));
        if (newest) unread.readAllUpTo(newest);
      } catch (error) {
        unread.restore(snapshot);
        notify.error(describeError("mark all conversations as read", error));
        controller.scheduleResync();
      }
    },

    /** Our own reply: the server marked the conversation read and does not echo the event to this tab. */
    noteSent(message: MessageDto, contactName: string) {
      directory.applyMessage({ ...message, contactName });
      unread.readHere(message.contactId, message.createdAt);
    },
    /** Our own deletion: the server does not echo the event to this tab. */
    noteDeleted: (contactId: string, messageId: string) => directory.markMessageDeleted(contactId, messageId),

    /** The next (1) or previous (-1) conversation with unread messages, in sidebar order. */
    nextUnread: (direction: 1 | -1) => nextUnread(directory.ids(), active, unread.get, direction),

    async loadMoreContacts() {
      const cursor = directory.getSnapshot().nextCursor;
      if (!cursor) return;
      const token = unread.begin();
      const page = await api.contacts({ cursor, limit: 100 });
      directory.merge(page.contacts, { nextCursor: page.nextCursor });
      applyCounts(
        page.contacts.map((contact) => contact.id),
        Object.fromEntries(page.contacts.map((contact) => [contact.id, contact.unreadCount])),
        token,
        Object.fromEntries(page.contacts.map((contact) => [contact.id, contact.countState])),
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
      const arrived = active ? unread.hiddenArrival(active) : undefined;
      if (active && arrived) {
        unread.readHere(active, arrived.createdAt);
        scheduler.noteSeen(active, arrived);
      }
      controller.scheduleResync();
    },
    /** The tab is closing: whatever is pending goes out with keepalive. */
    pageHide: () => scheduler.flushAll({ keepalive: true }),

    dispose() {
      resync.dispose();
      refresher.dispose();
      unread.dispose();
    },
  };
  return controller;
}
