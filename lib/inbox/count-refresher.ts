// Coalesced unread-count refreshes: every realtime event asks for its
// contact's count, and a burst of 50 events becomes one request (plus at most
// one more for whatever arrived while it was in flight).
import { MAX_CONTACT_IDS_PER_POST } from "@/lib/api/contact-id-list";
import type { BadgerApi } from "@/lib/client/badger-api";

/**
 * Ids per request: the POST limit. The client sends up to 200 ids as a GET
 * (a URL that fits everywhere) and larger batches as a POST body.
 */
export const MAX_IDS_PER_REQUEST = MAX_CONTACT_IDS_PER_POST;

type Apply = (ids: string[], counts: Record<string, number>, token: number) => void;

export async function fetchCounts(api: Pick<BadgerApi, "unreadCounts">, ids: string[]): Promise<Record<string, number>> {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_REQUEST) chunks.push(ids.slice(start, start + MAX_IDS_PER_REQUEST));
  const answers = await Promise.all(chunks.map((chunk) => api.unreadCounts(chunk)));
  return Object.assign({}, ...answers.map((answer) => answer.counts));
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
      options.apply(ids, (await options.api.unreadCounts(ids)).counts, token);
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
      options.apply(ids, await fetchCounts(options.api, ids), token);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
