// What every Badger tab of this user on this device is doing, over a
// BroadcastChannel (issue 14, item 2): visible, focused, which conversation
// is open. Each tab announces itself on start and whenever that changes,
// answers a newcomer's hello, repeats itself every few seconds and says
// goodbye on pagehide; a peer not heard from for a while is gone. The tab
// with the smallest id among the live ones is the leader: the one that
// raises system notifications, so each message gives exactly one.

import "client-only";
export type TabState = { visible: boolean; focused: boolean; openContactId: string | null };

type Message =
  | ({ type: "hello" | "state"; tabId: string } & TabState)
  | { type: "bye"; tabId: string };

const HEARTBEAT_MS = 2_000;
const PEER_TTL_MS = 6_000;

export type TabPresence = ReturnType<typeof createTabPresence>;

export function createTabPresence(options: { channelName: string; read: () => TabState; now?: () => number }) {
  const now = options.now ?? (() => Date.now());
  const tabId = `${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const peers = new Map<string, TabState & { seen: number }>();
  const channel = new BroadcastChannel(options.channelName);

  const post = (type: "hello" | "state") => channel.postMessage({ type, tabId, ...options.read() } satisfies Message);

  channel.onmessage = (event: MessageEvent<Message>) => {
    const message = event.data;
    if (!message || message.tabId === tabId) return;
    if (message.type === "bye") {
      peers.delete(message.tabId);
      return;
    }
    const { visible, focused, openContactId } = message;
    peers.set(message.tabId, { visible, focused, openContactId, seen: now() });
    if (message.type === "hello") post("state");
  };

  function live(): (TabState & { tabId: string })[] {
    const at = now();
    for (const [id, peer] of peers) if (at - peer.seen > PEER_TTL_MS) peers.delete(id);
    return [{ tabId, ...options.read() }, ...[...peers].map(([id, peer]) => ({ tabId: id, ...peer }))];
  }

  const heartbeat = setInterval(() => post("state"), HEARTBEAT_MS);
  const bye = () => channel.postMessage({ type: "bye", tabId } satisfies Message);
  window.addEventListener("pagehide", bye);
  post("hello");

  return {
    tabId,
    /** This tab's state changed (visibility, focus, open conversation): tell the others now. */
    changed: () => post("state"),
    isLeader: () => live().every((tab) => tab.tabId >= tabId),
    /** Some tab is in front of the user: it toasts, and no system notification is needed. */
    anyActive: () => live().some((tab) => tab.visible && tab.focused),
    /** A visible tab shows this conversation: its messages are read there, nothing to announce. */
    openVisibly: (contactId: string) => live().some((tab) => tab.visible && tab.openContactId === contactId),
    dispose() {
      clearInterval(heartbeat);
      window.removeEventListener("pagehide", bye);
      bye();
      channel.close();
    },
  };
}
