// Mark-read requests for conversations the user is looking at. Messages that
// arrive in the open conversation are read silently, but the server sees at
// most one request per contact per interval (trailing edge), carrying the
// newest message seen, so a busy conversation does not hit the server's
// throttle. A 429 is retried after the server's Retry-After.
import "client-only";
import { BadgerApiError, type BadgerApi } from "@/lib/client/badger-api";

export type SeenMessage = { messageId: string; createdAt: string };

type Pending = { cursor: SeenMessage | null; timer: ReturnType<typeof setTimeout> | null };

export type ReadSchedulerOptions = {
  api: Pick<BadgerApi, "markRead">;
  intervalMs?: number;
  /** A debounced read failed for a reason other than throttling. */
  onError?: (contactId: string, error: unknown) => void;
};

export const READ_INTERVAL_MS = 5_000;

const newest = (a: SeenMessage | null, b: SeenMessage | null) =>
  !a ? b : !b ? a : Date.parse(b.createdAt) >= Date.parse(a.createdAt) ? b : a;

export type ReadScheduler = ReturnType<typeof createReadScheduler>;

export function createReadScheduler(options: ReadSchedulerOptions) {
  const intervalMs = options.intervalMs ?? READ_INTERVAL_MS;
  const pending = new Map<string, Pending>();

  function take(contactId: string): Pending | undefined {
    const entry = pending.get(contactId);
    if (entry?.timer) clearTimeout(entry.timer);
    pending.delete(contactId);
    return entry;
  }

  function schedule(contactId: string, cursor: SeenMessage | null, delayMs: number) {
    const entry = pending.get(contactId) ?? { cursor: null, timer: null };
    entry.cursor = newest(entry.cursor, cursor);
    if (!entry.timer) {
      entry.timer = setTimeout(() => {
        const due = take(contactId);
        if (due) void send(contactId, due.cursor, false).catch((error) => options.onError?.(contactId, error));
      }, delayMs);
    }
    pending.set(contactId, entry);
  }

  async function send(contactId: string, cursor: SeenMessage | null, keepalive: boolean): Promise<void> {
    try {
      await options.api.markRead(contactId, cursor ? { upToMessageId: cursor.messageId } : undefined, { keepalive });
    } catch (error) {
      if (error instanceof BadgerApiError && error.status === 429) {
        // Throttled: not a failure. Try again when the server says, merged
        // with anything seen in the meantime.
        schedule(contactId, cursor, Math.max(1, error.retryAfterSeconds ?? 1) * 1000);
        return;
      }
      throw error;
    }
  }

  return {
    /** A message was shown in the open, visible conversation: read it, debounced. */
    noteSeen(contactId: string, cursor: SeenMessage | null) {
      schedule(contactId, cursor, intervalMs);
    },
    /**
     * The user opened the conversation: read now (merged with anything
     * pending). Resolves once the server accepted it; on a 429 it resolves
     * at once, with the read rescheduled for after Retry-After (the badge is
     * already gone locally, and the server will get the read). Rejects on
     * any other failure so the caller can roll back.
     */
    markNow(contactId: string, cursor: SeenMessage | null): Promise<void> {
      const entry = take(contactId);
      return send(contactId, newest(entry?.cursor ?? null, cursor), false);
    },
    /** Sends what is pending for a contact right away (contact switch, tab hidden). */
    flush(contactId: string, flushOptions: { keepalive?: boolean } = {}) {
      const entry = take(contactId);
      if (!entry) return;
      void send(contactId, entry.cursor, flushOptions.keepalive ?? false).catch((error) =>
        options.onError?.(contactId, error),
      );
    },
    flushAll(flushOptions: { keepalive?: boolean } = {}) {
      for (const contactId of [...pending.keys()]) this.flush(contactId, flushOptions);
    },
    /** Drops a pending read (mark-as-unread must not be undone by it). */
    cancel(contactId: string) {
      take(contactId);
    },
    dispose() {
      for (const contactId of [...pending.keys()]) take(contactId);
    },
  };
}
