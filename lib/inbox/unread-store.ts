// Unread counts keyed by contact id, outside React. Each row subscribes to
// its own contact only (useSyncExternalStore), so a badge change re-renders
// one row, never the whole sidebar. Muted contacts (issue 14) keep their
// exact count here but stay out of the total (header, title, favicon).

type Listener = () => void;

export type UnreadStore = ReturnType<typeof createUnreadStore>;

export function createUnreadStore(initial: Record<string, number> = {}, initialMuted: Iterable<string> = []) {
  const counts = new Map<string, number>();
  for (const [id, count] of Object.entries(initial)) if (count > 0) counts.set(id, count);
  const muted = new Set<string>(initialMuted);
  let mutedIds: ReadonlySet<string> = new Set(muted);

  const contactListeners = new Map<string, Set<Listener>>();
  const globalListeners = new Set<Listener>();
  // Lamport-style clock: a local change newer than a server request's start
  // wins over that request's (possibly stale) answer.
  let clock = 0;
  const localVersion = new Map<string, number>();
  let allClearedAt = 0;
  let total = sum();
  let unreadIds: ReadonlySet<string> = new Set(counts.keys());

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

  function write(id: string, count: number): boolean {
    const next = Math.max(0, Math.floor(count));
    if ((counts.get(id) ?? 0) === next) return false;
    if (next === 0) counts.delete(id);
    else counts.set(id, next);
    return true;
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

    /** A local (optimistic or realtime) change: newer than any server answer already in flight. */
    set(id: string, count: number) {
      localVersion.set(id, ++clock);
      if (write(id, count)) notify([id]);
    },
    add(id: string, delta: number) {
      this.set(id, (counts.get(id) ?? 0) + delta);
    },
    clearAll() {
      allClearedAt = ++clock;
      const changed = [...counts.keys()];
      counts.clear();
      if (changed.length) notify(changed);
    },
    /** Restores a snapshot (rollback): a local change like any other. */
    restore(snapshot: Record<string, number>) {
      const changed = new Set([...counts.keys(), ...Object.keys(snapshot)]);
      for (const id of changed) {
        localVersion.set(id, ++clock);
        write(id, snapshot[id] ?? 0);
      }
      notify(changed);
    },

    /** Call before sending a counts request; pass the token to applyServer. */
    beginServerRead: () => ++clock,
    /**
     * Applies the server's answer for `ids` (a missing key means 0), except for
     * contacts changed locally after the request started: their local value is
     * newer than this answer.
     */
    applyServer(ids: Iterable<string>, serverCounts: Record<string, number>, token: number) {
      const changed: string[] = [];
      for (const id of ids) {
        if ((localVersion.get(id) ?? 0) > token || allClearedAt > token) continue;
        if (write(id, serverCounts[id] ?? 0)) changed.push(id);
      }
      if (changed.length) notify(changed);
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
  };
}
