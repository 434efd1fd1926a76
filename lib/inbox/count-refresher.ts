// Coalesced unread-count refreshes. Realtime events no longer ask (they carry
// the counts, lib/inbox/count-ledger.ts); what does: a version gap healing
// one contact, a failed read, a contact no event described yet. A burst
// becomes one request (plus at most one more for what arrived meanwhile).
import "client-only";
import { MAX_CONTACT_IDS_PER_POST } from "@/lib/shared/contact-id-limits";
import type { BadgerApi } from "@/lib/client/badger-api";
import type { ContactCountState } from "@/lib/messaging/counted-state";

/**
 * Ids per request: the POST limit. The client sends up to 200 ids as a GET
 * (a URL that fits everywhere) and larger batches as a POST body.
 */
export const MAX_IDS_PER_REQUEST = MAX_CONTACT_IDS_PER_POST;

export type CountStates = Record<string, ContactCountState>;
type Apply = (ids: string[], counts: Record<string, number>, token: number, states: CountStates) => void;

export async function fetchCounts(
  api: Pick<BadgerApi, "unreadCounts">,
  ids: string[],
): Promise<{ counts: Record<string, number>; states: CountStates }> {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_REQUEST) chunks.push(ids.slice(start, start + MAX_IDS_PER_REQUEST));
  const answers = await Promise.all(chunks.map((chunk) => api.unreadCounts(chunk)));
  return {
    counts: Object.assign({}, ...answers.map((answer) => answer.counts)),
    states: Object.assign({}, ...answers.map((answer) => answer.states)),
  };
}

export function createCountRefresher(options: {
  api: Pick<BadgerApi, "unreadCounts">;
  begin: () => number;
  apply: Apply;
  delayMs?: number;
  onError?: (error: unknown) => void;
}) {
  const delayMs = options.delayMs ?? 100;
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;

  function arm() {
    if (!timer && !running && pending.size > 0) timer = setTimeout(run, delayMs);
  }

  async function run() {
    timer = null;
    running = true;
    const ids = [...pending].slice(0, MAX_IDS_PER_REQUEST);
    ids.forEach((id) => pending.delete(id));
    const token = options.begin();
    try {
      const answer = await options.api.unreadCounts(ids);
      options.apply(ids, answer.counts, token, answer.states);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
      arm();
    }
  }

  return {
    request(ids: Iterable<string>) {
      for (const id of ids) pending.add(id);
      arm();
    },
    /** Not coalesced: for restoring after a failed action, where the user waits for the truth. */
    async now(ids: string[]) {
      const token = options.begin();
      const answer = await fetchCounts(options.api, ids);
      options.apply(ids, answer.counts, token, answer.states);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
