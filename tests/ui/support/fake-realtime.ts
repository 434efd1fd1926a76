// A RealtimeSource the tests drive by hand: emit events, change the
// connection state, complete subscriptions.
import type { ConnectionChange, ConnectionState, RealtimeSource } from "@/lib/inbox/realtime-source";

export function createFakeRealtime() {
  const handlers = new Map<string, Set<(data: unknown) => void>>();
  const subscribedHandlers = new Map<string, Set<() => void>>();
  const connectionHandlers = new Set<(change: ConnectionChange) => void>();
  let state: ConnectionState = "initialized";
  let disconnected = false;

  const source: RealtimeSource = {
    bind(channel, event, handler) {
      const key = `${channel}:${event}`;
      if (!handlers.has(key)) handlers.set(key, new Set());
      handlers.get(key)!.add(handler);
      return () => handlers.get(key)?.delete(handler);
    },
    onSubscribed(channel, handler) {
      if (!subscribedHandlers.has(channel)) subscribedHandlers.set(channel, new Set());
      subscribedHandlers.get(channel)!.add(handler);
      return () => subscribedHandlers.get(channel)?.delete(handler);
    },
    onConnectionChange(handler) {
      connectionHandlers.add(handler);
      return () => connectionHandlers.delete(handler);
    },
    socketId: () => (state === "connected" ? "123.456" : null),
    disconnect() {
      disconnected = true;
    },
  };

  return {
    source,
    emit(channel: string, event: string, data: unknown) {
      handlers.get(`${channel}:${event}`)?.forEach((handler) => handler(data));
    },
    setState(current: ConnectionState) {
      const previous = state;
      state = current;
      connectionHandlers.forEach((handler) => handler({ previous, current }));
    },
    subscribed(channel: string) {
      subscribedHandlers.get(channel)?.forEach((handler) => handler());
    },
    isDisconnected: () => disconnected,
  };
}

export type FakeRealtime = ReturnType<typeof createFakeRealtime>;
