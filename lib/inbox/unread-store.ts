// The one owner of the badges (docs/badge-rules.md has the rules). It keeps
// the count ledger (what the server counted, from snapshots and events), this
// tab's own reads (which server answers predate them), the open
// conversation's arrivals while the tab is hidden, and the counts on screen.
// Each row subscribes to its own contact only (useSyncExternalStore), so a
// badge change re-renders one row, never the whole sidebar. Muted contacts
// (issue 14) keep their exact count but stay out of the total.
import "client-only";
import { createCountLedger, type CountedChange, type ReadChange } from "@/lib/inbox/count-ledger";
import type { CountStates } from "@/lib/inbox/count-refresher";
import type { SeenMessage } from "@/lib/inbox/read-scheduler";
import type { ContactCountState } from "@/lib/messaging/counted-state";

type Listener = () => void;

export type UnreadStore = ReturnType<typeof createUnreadStore>;

/** What the React hooks read: counts and mutes, never a way to change them. */
export type UnreadView = Pick<UnreadStore, "get" | "total" | "isMuted" | "mutedIds" | "unreadIds" | "subscribeContact" | "subscribe">;

export type UnreadStoreOptions = {
  /** The server's per-contact states for the first page: events are counted from them. */
  states?: CountStates;
  muted?: Iterable<string>;
  /** The conversation on screen always shows 0 (its arrivals are read silently). */
  viewing?: (contactId: string) => boolean;
  /** Fetch this contact's state once; the answer comes back through applyServer. */
  heal?: (contactId: string) => void;
  gapWaitMs?: number;
};

export function createUnreadStore(initial: Record<string, number> = {}, options: UnreadStoreOptions = {}) {
  const viewing = options.viewing ?? (() => false);
  const counts = new Map<string, number>();
  for (const [id, count] of Object.entries(initial)) if (count > 0) counts.set(id, count);
  const muted = new Set<string>(options.muted ?? []);
  let mutedIds: ReadonlySet<string> = new Set(muted);
  const contactListeners = new Map<string, Set<Listener>>();
  const globalListeners = new Set<Listener>();
  let total = sum();
  let unreadIds: ReadonlySet<string> = new Set(counts.keys());

  // This tab's own actions against server answers: a Lamport-style clock.
  // A request takes a tick when it starts; a local action (open, mark read or
  // unread, read all) stamps its contact. An answer to a request that started
  // before the action, or while the contact's mark-read is on its way, must
  // not undo it (the request could not know of it). Events need no clock:
  // the ledger orders them by version.
  let clock = 0;
  const actedAt = new Map<string, number>();
  let allActedAt = 0;
  const readsInFlight = new Set<string>();
  const newerThan = (id: string, token: number) => readsInFlight.has(id) || (actedAt.get(id) ?? 0) > token || allActedAt > token;

  /** The newest counted message that arrived in the open conversation while the tab was hidden. */
  const hiddenArrivals = new Map<string, SeenMessage>();

  const ledger = createCountLedger({
    onChange: (id) => {
      const badge = ledger.badge(id);
      if (badge !== undefined) write(id, viewing(id) ? 0 : badge);
    },
    heal: (id) => options.heal?.(id),
    gapWaitMs: options.gapWaitMs,
  });
  for (const [id, state] of Object.entries(options.states ?? {})) ledger.applySnapshot(id, state);

  function sum() {
    let result = 0;
    for (const [id, count] of counts) if (!muted.has(id)) result += count;
    return result;
  }

  function notify(changed: Iterable<string>) {
    total = sum();
    const ids = new Set(counts.keys());
    if (ids.size !== unreadIds.size || [...ids].some((id) => !unreadIds.has(id))) unreadIds = ids;
    for (const id of changed) contactListeners.get(id)?.forEach((listener) => listener());
    globalListeners.forEach((listener) => listener());
  }

  function put(id: string, count: number): boolean {
    const next = Math.max(0, Math.floor(count));
    if ((counts.get(id) ?? 0) === next) return false;
    if (next === 0) counts.delete(id);
    else counts.set(id, next);
    return true;
  }

  function write(id: string, count: number) {
    if (put(id, count)) notify([id]);
  }

  return {
    get: (id: string) => counts.get(id) ?? 0,
    total: () => total,
    isMuted: (id: string) => muted.has(id),
    /** Muted contacts; a new Set identity on every mute or unmute. */
    mutedIds: () => mutedIds,
    /** Muting moves a count out of the total (or back), never changes it. */
    setMuted(id: string, value: boolean) {
      if (muted.has(id) === value) return;
      if (value) muted.add(id);
      else muted.delete(id);
      mutedIds = new Set(muted);
      notify([id]);
    },
    /** Contacts with a badge; a new Set identity only when membership changes. */
    unreadIds: () => unreadIds,
    snapshot: () => Object.fromEntries(counts),
    /** Puts counts back (a failed read-all): what the server still has. */
    restore(snapshot: Record<string, number>) {
      const changed = new Set([...counts.keys(), ...Object.keys(snapshot)]);
      for (const id of changed) put(id, snapshot[id] ?? 0);
      notify(changed);
    },

    /** The ledger's view, for the "New messages" line: what the server counted unread, and where this member read. */
    badge: (id: string) => ledger.badge(id),
    readAt: (id: string) => ledger.readAt(id),
    hiddenArrival: (id: string) => hiddenArrivals.get(id),
    noteHiddenArrival: (id: string, seen: SeenMessage) => void hiddenArrivals.set(id, seen),

    /** Call before sending a counts request; pass the token to applyServer. */
    begin: () => ++clock,
    /** An optimistic count for a local action (mark unread, or its rollback). */
    setLocally(id: string, count: number) {
      actedAt.set(id, ++clock);
      write(id, count);
    },
    /** Read here up to `at` (or, with no message to read up to, just the badge). Its mark-read is the caller's. */
    readHere(id: string, at: string | null) {
      hiddenArrivals.delete(id);
      write(id, 0);
      if (at === null) return;
      actedAt.set(id, ++clock);
      ledger.readLocally(id, at);
    },
    /** The contact's mark-read is on its way: until it settles, no answer may undo the local read. */
    reading(id: string) {
      readsInFlight.add(id);
      return () => void readsInFlight.delete(id);
    },
    /** Everything read: every badge goes; `local` for this tab's own read-all (answers started before it lose). */
    clearAll(clearOptions: { local?: boolean } = {}) {
      if (clearOptions.local) allActedAt = ++clock;
      hiddenArrivals.clear();
      const changed = [...counts.keys()];
      counts.clear();
      if (changed.length) notify(changed);
    },
    /** The read-all's position, once known: every change the ledger knows at or before it is read. */
    readAllUpTo: (at: string) => ledger.readAllLocally(at),

    /** message.new / message.removed: counted by version in the ledger. */
    applyChange: (id: string, change: CountedChange) => ledger.applyChange(id, change),
    /** conversation.read / conversation.unread (backwards) of this member, from any tab or device. */
    applyRead(id: string, read: ReadChange, backwards = false) {
      hiddenArrivals.delete(id);
      ledger.applyRead(id, read, backwards);
    },
    /**
     * A server answer that started at `token`: states go through the ledger
     * (by version), keeping a local read newer than the request; ids without
     * a state are gone: their count (0) applies unless this tab acted since.
     */
    applyServer(ids: Iterable<string>, serverCounts: Record<string, number>, token: number, states: CountStates) {
      const changed: string[] = [];
      for (const id of ids) {
        const state = states[id];
        if (state) ledger.applySnapshot(id, state, { keepRead: newerThan(id, token) });
        else if (!newerThan(id, token) && put(id, viewing(id) ? 0 : (serverCounts[id] ?? 0))) changed.push(id);
      }
      if (changed.length) notify(changed);
    },
    /** A failed mark-read: exactly what the server says, even for the open conversation (the read did not happen). */
    restoreFromServer(id: string, state: Omit<ContactCountState, "muted"> | undefined, token: number) {
      if (state) {
        ledger.applySnapshot(id, state);
        write(id, ledger.badge(id) ?? 0);
      } else if (!newerThan(id, token)) write(id, 0);
    },

    subscribeContact(id: string, listener: Listener) {
      let set = contactListeners.get(id);
      if (!set) contactListeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) contactListeners.delete(id);
      };
    },
    subscribe(listener: Listener) {
      globalListeners.add(listener);
      return () => {
        globalListeners.delete(listener);
      };
    },
    dispose: () => ledger.dispose(),
  };
}
