// What the inbox needs from a realtime connection. Production implements it
// with pusher-js (lib/realtime/browser-client.ts); tests drive it directly.

/** pusher-js connection states. */
import "client-only";
export type ConnectionState = "initialized" | "connecting" | "connected" | "unavailable" | "failed" | "disconnected";

export type ConnectionChange = { previous: ConnectionState; current: ConnectionState };

export interface RealtimeSource {
  /** Subscribes to the channel (once) and binds the handler; returns the unbind. */
  bind(channel: string, event: string, handler: (data: unknown) => void): () => void;
  /** Fires each time the channel's subscription succeeds (first time and after every reconnect). */
  onSubscribed(channel: string, handler: () => void): () => void;
  onConnectionChange(handler: (change: ConnectionChange) => void): () => void;
  /** Sent with API calls so the server does not echo this tab's own events back. */
  socketId(): string | null;
  disconnect(): void;
}

/**
 * Where the API client finds the current connection's socket id: the API
 * client exists before the connection does (and outlives reconnects).
 */
export function createSourceSlot() {
  let current: RealtimeSource | null = null;
  return {
    set(source: RealtimeSource | null) {
      current = source;
    },
    socketId: () => current?.socketId() ?? null,
  };
}
