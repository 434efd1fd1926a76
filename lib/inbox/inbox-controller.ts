// The inbox's behaviour without React: which conversation is open, unread
// bookkeeping for user actions (open, mark read/unread, mark all read) and
// resync. Realtime events are handled in realtime-handlers.ts on top of it.
import { warnInBrowser } from "@/lib/inbox/browser-log";
import type { BadgerApi } from "@/lib/client/badger-api";
import type { MessageDto } from "@/lib/messaging/message-dto";
import type { MessageNewEvent, MessageRemovedEvent } from "@/lib/realtime/channels";
import type { ContactDirectory } from "@/lib/inbox/contact-directory";
import { createCountLedger } from "@/lib/inbox/count-ledger";
import { createCountRefresher, type CountStates } from "@/lib/inbox/count-refresher";
import { describeError, type Notifier } from "@/lib/inbox/notify";
import { createReadScheduler, type SeenMessage } from "@/lib/inbox/read-scheduler";
import type { AttentionInput } from "@/lib/inbox/desktop-notifications";
import { createMuteToggle } from "@/lib/inbox/mute-toggle";
import { createNewLines } from "@/lib/inbox/new-line";
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
  /** The server's per-contact states for the first page: events are counted from them. */
  initialStates?: CountStates;
  /** How long a skipped event version may take to arrive (reordering) before that contact is fetched. */
  gapWaitMs?: number;
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
  /** The newest message that arrived in the open conversation while the tab was hidden. */
  const hiddenArrivals = new Map<string, SeenMessage>();
  /** System notifications (set in the browser once the tabs can coordinate); none until then. */
  let attention: (input: AttentionInput) => void = () => {};

  const scheduler = createReadScheduler({
    api,
    intervalMs: options.readIntervalMs,
    // A background read failed: the server's count is the truth again.
    onError: (contactId) => refresher.request([contactId]),
  });

  /** Contacts whose mark-read is on its way: a state fetched meanwhile may predate it. */
  const readsInFlight = new Set<string>();
  /** When (store clock) this tab last read a contact, or everything, by itself. */
  const localReads = new Map<string, number>();
  let localReadAll = 0;

  const viewing = (contactId: string) => active === contactId && visible && isVisible();

  /** The ledger's count is the badge, except that the conversation on screen always reads 0. */
  function showBadge(contactId: string) {
    const badge = ledger.badge(contactId);
    if (badge !== undefined) unread.set(contactId, viewing(contactId) ? 0 : badge);
  }

  const ledger = createCountLedger({
    onChange: showBadge,
    heal: (contactId) => refresher.request([contactId]),
    gapWaitMs: options.gapWaitMs,
  });
  for (const [id, state] of Object.entries(options.initialStates ?? {})) ledger.applySnapshot(id, state);
  // The "New messages" line of a deep-linked conversation: from the server's read position.
  const newLines = createNewLines(ledger);
  if (active) newLines.capture(active);

  function readLocally(contactId: string, at: string) {
    localReads.set(contactId, unread.beginServerRead());
    ledger.readLocally(contactId, at);
  }

  /** Server answers: states go through the ledger (by version); ids without one are gone (0). */
  function applyCounts(ids: string[], counts: Record<string, number>, token: number, states: CountStates) {
    const stateless: string[] = [];
    for (const id of ids) {
      const state = states[id];
      if (!state) {
        stateless.push(id);
        continue;
      }
      const keepRead = readsInFlight.has(id) || (localReads.get(id) ?? 0) > token || localReadAll > token;
      mutes.applyServer(id, state.muted, token);
      ledger.applySnapshot(id, state, { keepRead });
    }
    const adjusted = { ...counts };
    if (active && viewing(active)) adjusted[active] = 0;
    unread.applyServer(stateless, adjusted, token);
  }

  const mutes = createMuteToggle({ api, unread, directory, notify });

  const refresher = createCountRefresher({
    api,
    begin: unread.beginServerRead,
    apply: applyCounts,
    delayMs: options.refreshDelayMs,
    onError: (error) => warnInBrowser("unread counts refresh failed", error),
  });

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
    hiddenArrivals.delete(contactId);
    if (cursor) {
      directory.setLastReadAt(contactId, cursor.createdAt);
      readLocally(contactId, cursor.createdAt);
    }
    readsInFlight.add(contactId);
    // The read's own conversation.read event brings the exact readThrough.
    const settle = () => readsInFlight.delete(contactId);
    scheduler.markNow(contactId, cursor).then(settle, (error) => {
      settle();
      const name = directory.get(contactId)?.name ?? "this conversation";
      notify.error(describeError(`mark ${name} as read`, error));
      // Restore exactly what the server says, even for the open conversation:
      // the read did not happen, so the total must count it again.
      const token = unread.beginServerRead();
      api.unreadCounts([contactId]).then(
        ({ counts, states }) => {
          const state = states[contactId];
          if (state) ledger.applySnapshot(contactId, state);
          unread.applyServer([contactId], counts, token);
          if (state) unread.set(contactId, ledger.badge(contactId) ?? 0);
        },
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
    ...{ unread, directory, api, notify, scheduler, refresher, ledger, mutes, readLocally, hiddenArrivals, newLines },
    activeId: () => active,
    isViewing: viewing,
    attention: (input: AttentionInput) => attention(input),
    setAttention: (next: (input: AttentionInput) => void) => void (attention = next),
    subscribeActive(listener: () => void) {
      activeListeners.add(listener);
      return () => void activeListeners.delete(listener);
    },
    subscribeThread(listener: (event: ThreadEvent) => void) {
      threadListeners.add(listener);
      return () => void threadListeners.delete(listener);
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
        newLines.capture(contactId); // before the optimistic read moves the position
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
      hiddenArrivals.clear();
      scheduler.dispose();
      localReadAll = unread.beginServerRead();
      try {
        await api.markAllRead();
        const newest = directory
          .ids()
          .map((id) => directory.get(id)?.lastMessage?.createdAt)
          .find((at): at is string => Boolean(at));
        if (newest) {
          directory.setAllLastReadAt(newest);
          ledger.readAllLocally(newest);
        }
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
      hiddenArrivals.delete(message.contactId);
      directory.setLastReadAt(message.contactId, message.createdAt);
      readLocally(message.contactId, message.createdAt);
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
      const arrived = active ? hiddenArrivals.get(active) : undefined;
      if (active && arrived) {
        unread.set(active, 0);
        hiddenArrivals.delete(active);
        directory.setLastReadAt(active, arrived.createdAt);
        readLocally(active, arrived.createdAt);
        scheduler.noteSeen(active, arrived);
      }
      controller.scheduleResync();
    },
    /** The tab is closing: whatever is pending goes out with keepalive. */
    pageHide: () => scheduler.flushAll({ keepalive: true }),
    isTabVisible: () => visible && isVisible(),

    dispose() {
      resync.dispose();
      refresher.dispose();
      ledger.dispose();
    },
  };
  return controller;
}
