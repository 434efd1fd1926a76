// The rules of who wins between snapshots, events and local actions: docs/badge-rules.md.
// Per-contact unread counting from the events themselves (issue 16). Each
// contact keeps the server's counted version and total and this member's
// readThrough; the badge is total − readThrough. An event of version v + 1 is
// applied here with no request; one of version ≤ v is old news; a skipped
// version is first given a moment to arrive (reordering), then the contact is
// fetched once (heal), and its answer replaces the entry.
import "client-only";
import type { ContactCountState } from "@/lib/messaging/counted-state";

export type CountedChange = { version: number; total: number; change: -1 | 0 | 1; createdAt: string };
export type ReadChange = { version: number; total: number; readThrough: number; lastReadAt: string };
export type ChangeOutcome = "applied" | "ignored" | "held";

/** How far back a late read event can be replayed over the changes applied since. */
const LOG_SIZE = 64;

type Applied = { version: number; change: -1 | 0 | 1; at: number };
type WaitingRead = ReadChange & { backwards: boolean };

type Entry = {
  version: number;
  total: number;
  readThrough: number;
  /** This member's read position (ms), to tell whether a change lies within it. */
  readAt: number | null;
  log: Applied[];
  pending: Map<number, CountedChange>;
  waitingReads: WaitingRead[];
  /** The highest version an event hinted at (countedChange 0). */
  hinted: number;
  timer: (() => void) | null;
  healing: boolean;
};

type Schedule = (run: () => void, ms: number) => () => void;

const defaultSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

const timeOf = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const within = (entry: Entry, at: number) => entry.readAt !== null && at <= entry.readAt;

export type CountLedger = ReturnType<typeof createCountLedger>;

export function createCountLedger(options: {
  /** The contact's badge may have changed. */
  onChange: (contactId: string) => void;
  /** Fetch exactly this contact's state once; the answer comes back through applySnapshot. */
  heal: (contactId: string) => void;
  /** How long a skipped version may take to arrive before the contact is fetched. */
  gapWaitMs?: number;
  schedule?: Schedule;
}) {
  const gapWaitMs = options.gapWaitMs ?? 300;
  const schedule = options.schedule ?? defaultSchedule;
  const entries = new Map<string, Entry>();

  function fresh(state: Pick<Entry, "version" | "total" | "readThrough" | "readAt">): Entry {
    return { ...state, log: [], pending: new Map(), waitingReads: [], hinted: 0, timer: null, healing: false };
  }

  function behind(entry: Entry) {
    return entry.pending.size > 0 || entry.waitingReads.length > 0 || entry.hinted > entry.version;
  }

  /** A version is missing: wait for it a moment, then fetch the contact once. */
  function armGap(id: string, entry: Entry) {
    if (entry.timer || entry.healing) return;
    entry.timer = schedule(() => {
      entry.timer = null;
      if (!behind(entry) || entry.healing) return;
      entry.healing = true;
      options.heal(id);
    }, gapWaitMs);
  }

  function settle(id: string, entry: Entry) {
    if (!behind(entry)) {
      entry.timer?.();
      entry.timer = null;
    }
  }

  function applyNext(entry: Entry, change: CountedChange) {
    entry.total = change.total;
    const at = Date.parse(change.createdAt);
    // A change at or before this member's read position moved its readThrough
    // too (the triggers' rule: read states with last_read_at >= created_at).
    if (within(entry, at)) entry.readThrough += change.change;
    entry.version = change.version;
    entry.log.push({ version: change.version, change: change.change, at });
    if (entry.log.length > LOG_SIZE) entry.log.shift();
  }

  /** readThrough at the entry's version, from one taken at read.version; null when the log does not reach back. */
  function replay(entry: Entry, read: ReadChange): number | null {
    if (read.version === entry.version) return read.readThrough;
    const since = entry.log.filter((item) => item.version > read.version);
    if (since.length !== entry.version - read.version) return null;
    const readAt = Date.parse(read.lastReadAt);
    return since.reduce((sum, item) => (item.at <= readAt ? sum + item.change : sum), read.readThrough);
  }

  function applyReadNow(id: string, entry: Entry, read: WaitingRead): boolean {
    const readThrough = replay(entry, read);
    if (readThrough === null) return false;
    const at = Date.parse(read.lastReadAt);
    if (read.backwards || entry.readAt === null || at >= entry.readAt) {
      entry.readThrough = readThrough;
      entry.readAt = at;
    } else {
      // An older position than one this tab already read up to: it can only add.
      entry.readThrough = Math.max(entry.readThrough, readThrough);
    }
    return true;
  }

  /** Applies whatever waited for the versions that are now known. */
  function drain(id: string, entry: Entry) {
    for (let next = entry.pending.get(entry.version + 1); next; next = entry.pending.get(entry.version + 1)) {
      entry.pending.delete(next.version);
      applyNext(entry, next);
    }
    for (const version of entry.pending.keys()) if (version <= entry.version) entry.pending.delete(version);
    const waiting = entry.waitingReads;
    entry.waitingReads = [];
    for (const read of waiting) {
      if (read.version > entry.version) entry.waitingReads.push(read);
      else if (!applyReadNow(id, entry, read)) return heal(id, entry);
    }
    settle(id, entry);
  }

  function heal(id: string, entry: Entry) {
    if (entry.healing) return;
    entry.timer?.();
    entry.timer = null;
    entry.healing = true;
    options.heal(id);
  }

  return {
    /** total − readThrough, or undefined for a contact this tab knows nothing of. */
    badge(id: string): number | undefined {
      const entry = entries.get(id);
      return entry && entry.version >= 0 ? Math.max(0, entry.total - entry.readThrough) : undefined;
    },
    readAt: (id: string) => entries.get(id)?.readAt ?? null,

    /**
     * A server answer (counts endpoint, contact list). Older than what the
     * events already told is ignored; `keepRead` keeps a local read that is
     * newer than the request.
     */
    applySnapshot(id: string, state: Omit<ContactCountState, "muted">, options_: { keepRead?: boolean } = {}) {
      let entry = entries.get(id);
      if (!entry) entries.set(id, (entry = fresh({ version: -1, total: 0, readThrough: 0, readAt: null })));
      entry.healing = false;
      if (state.version >= entry.version) {
        const sameRead = options_.keepRead && entry.version >= 0;
        entry.version = state.version;
        entry.total = state.total;
        entry.log = [];
        if (!sameRead) {
          entry.readThrough = state.readThrough;
          entry.readAt = timeOf(state.lastReadAt);
        }
        // A read of an older version committed before this snapshot was taken: it is in it.
        entry.waitingReads = entry.waitingReads.filter((read) => read.version >= state.version);
      }
      drain(id, entry);
      if (behind(entry)) armGap(id, entry);
      options.onChange(id);
    },

    /** message.new / message.removed. */
    applyChange(id: string, change: CountedChange): ChangeOutcome {
      let entry = entries.get(id);
      if (!entry || entry.version < 0) {
        // Version 1 of a contact nobody counted before: its whole history is this message.
        if (!entry && change.change !== 0 && change.version === 1) {
          entries.set(id, fresh({ version: 1, total: change.total, readThrough: 0, readAt: null }));
          options.onChange(id);
          return "applied";
        }
        if (!entry) entries.set(id, (entry = fresh({ version: -1, total: 0, readThrough: 0, readAt: null })));
        // Kept for after the fetch: it may answer with an older version than this event.
        if (change.change !== 0) entry.pending.set(change.version, change);
        heal(id, entry);
        return "held";
      }
      if (change.change === 0) {
        if (change.version <= entry.version) return "ignored";
        entry.hinted = Math.max(entry.hinted, change.version);
        armGap(id, entry);
        return "held";
      }
      if (change.version <= entry.version) return "ignored";
      if (change.version > entry.version + 1) {
        entry.pending.set(change.version, change);
        armGap(id, entry);
        return "held";
      }
      applyNext(entry, change);
      drain(id, entry);
      options.onChange(id);
      return "applied";
    },

    /** conversation.read (backwards: false) or conversation.unread (backwards: true) for one contact. */
    applyRead(id: string, read: ReadChange, backwards = false) {
      const entry = entries.get(id);
      if (!entry) {
        entries.set(id, fresh({ ...read, readAt: Date.parse(read.lastReadAt) }));
        options.onChange(id);
        return;
      }
      if (entry.version < 0) {
        // Being fetched: applied over the answer (or dropped when the answer already has it).
        entry.waitingReads.push({ ...read, backwards });
        return;
      }
      if (read.version > entry.version) {
        entry.waitingReads.push({ ...read, backwards });
        armGap(id, entry);
        return;
      }
      if (!applyReadNow(id, entry, { ...read, backwards })) heal(id, entry);
      options.onChange(id);
    },

    /** This tab read up to `at`: every change it knows of at or before it is read. */
    readLocally(id: string, at: string) {
      const entry = entries.get(id);
      if (!entry || entry.version < 0) return;
      const readAt = Date.parse(at);
      const after = entry.log.filter((item) => item.at > readAt).reduce((sum, item) => sum + item.change, 0);
      entry.readThrough = Math.max(entry.readThrough, entry.total - after);
      entry.readAt = Math.max(entry.readAt ?? readAt, readAt);
      options.onChange(id);
    },
    readAllLocally(at: string) {
      for (const id of entries.keys()) this.readLocally(id, at);
    },

    /** Stops the gap timers; keeps what it counted (React's StrictMode cleans up and mounts again). */
    dispose() {
      for (const entry of entries.values()) {
        entry.timer?.();
        entry.timer = null;
      }
    },
  };
}
