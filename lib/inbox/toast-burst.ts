// Many messages at once (a reconnect, a broadcast reply) must not bury the
// screen in toasts (issue 14, item 5). Messages that arrive within
// BURST_GAP_MS of each other form a burst; its first few get their own toast,
// and from the one past the limit on, the burst is one summary toast
// ("6 new messages from 4 conversations") that replaces them.

import "client-only";
export const BURST_GAP_MS = 1_500;
/** Individual toasts a burst may show before it turns into one summary. */
export const BURST_SINGLE_LIMIT = 3;

export type BurstDecision =
  | { kind: "single" }
  | { kind: "summary"; messages: number; conversations: number; newestContactId: string; replaces: string[] };

export function createToastBurst(options: { now?: () => number; gapMs?: number; limit?: number } = {}) {
  const now = options.now ?? (() => Date.now());
  const gapMs = options.gapMs ?? BURST_GAP_MS;
  const limit = options.limit ?? BURST_SINGLE_LIMIT;
  let last = -Infinity;
  let messages = 0;
  const contacts = new Set<string>();
  /** Contacts that got an individual toast in this burst: the summary takes their place. */
  const singles = new Set<string>();

  return {
    /** One toast-worthy message for `contactId`: its own toast, or the burst's summary. */
    add(contactId: string): BurstDecision {
      const at = now();
      if (at - last > gapMs) {
        messages = 0;
        contacts.clear();
        singles.clear();
      }
      last = at;
      messages += 1;
      contacts.add(contactId);
      if (messages <= limit) {
        singles.add(contactId);
        return { kind: "single" };
      }
      const replaces = [...singles];
      singles.clear();
      return { kind: "summary", messages, conversations: contacts.size, newestContactId: contactId, replaces };
    },
  };
}

export function summaryText(messages: number, conversations: number): string {
  const m = messages === 1 ? "1 new message" : `${messages} new messages`;
  return `${m} from ${conversations === 1 ? "1 conversation" : `${conversations} conversations`}`;
}
