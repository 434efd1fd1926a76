// Resync: refetch the counts of every loaded contact plus the contacts that
// are unread but not loaded yet (filter=unread). Runs after a reconnect, a
// resubscription and when the tab is shown again; triggers that arrive
// together make one run, and a trigger during a run makes one more.
import "client-only";
import { warnInBrowser } from "@/lib/inbox/browser-log";
import type { BadgerApi } from "@/lib/client/badger-api";
import type { ContactDirectory } from "@/lib/inbox/contact-directory";
import { fetchCounts, type CountStates } from "@/lib/inbox/count-refresher";

export function createResync(options: {
  api: Pick<BadgerApi, "unreadCounts" | "contacts">;
  directory: ContactDirectory;
  begin: () => number;
  apply: (ids: string[], counts: Record<string, number>, token: number, states: CountStates) => void;
  delayMs?: number;
}) {
  const { api, directory } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function once() {
    const token = options.begin();
    const ids = [...directory.ids()];
    const [{ counts, states }, unreadPage] = await Promise.all([
      fetchCounts(api, ids),
      api.contacts({ filter: "unread", limit: 100 }),
    ]);
    directory.merge(unreadPage.contacts);
    const merged = { ...counts };
    const mergedStates = { ...states };
    const known = new Set(ids);
    for (const contact of unreadPage.contacts) {
      if (known.has(contact.id)) continue;
      merged[contact.id] = contact.unreadCount;
      mergedStates[contact.id] = contact.countState;
    }
    options.apply([...new Set([...ids, ...unreadPage.contacts.map((contact) => contact.id)])], merged, token, mergedStates);
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await once();
      } while (again);
    })()
      .catch((error) => warnInBrowser("resync failed", error))
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    run,
    schedule(delayMs = options.delayMs ?? 150) {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, delayMs);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
