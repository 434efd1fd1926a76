// The production RealtimeSource: pusher-js against hosted Pusher, soketi or
// the local Pusher-protocol server, configured from props (see
// public-config.ts) so one build works against any of them.
import "client-only";
import Pusher, { type Channel, type ChannelAuthorizationHandler } from "pusher-js";
import type { ConnectionChange, RealtimeSource } from "@/lib/inbox/realtime-source";
import type { PusherClientConfig } from "@/lib/realtime/public-config";

export const PUSHER_AUTH_ENDPOINT = "/api/pusher/auth";

export type BrowserRealtimeOptions = {
  /** Tests sign channel access themselves; browsers POST to the auth endpoint. */
  authorize?: ChannelAuthorizationHandler;
  authEndpoint?: string;
};

export function createPusherClient(config: PusherClientConfig, options: BrowserRealtimeOptions = {}): Pusher {
  return new Pusher(config.key, {
    cluster: config.cluster,
    wsHost: config.wsHost,
    wsPort: config.wsPort,
    wssPort: config.wsPort,
    forceTLS: config.forceTLS,
    enabledTransports: ["ws", "wss"],
    disableStats: true,
    channelAuthorization: options.authorize
      ? { customHandler: options.authorize }
      : { endpoint: options.authEndpoint ?? PUSHER_AUTH_ENDPOINT, transport: "ajax" },
  });
}

export function createPusherRealtimeSource(
  config: PusherClientConfig,
  options: BrowserRealtimeOptions = {},
): RealtimeSource & { pusher: Pusher } {
  const pusher = createPusherClient(config, options);
  const channels = new Map<string, Channel>();
  const channel = (name: string) => {
    let found = channels.get(name);
    if (!found) channels.set(name, (found = pusher.subscribe(name)));
    return found;
  };

  return {
    pusher,
    bind(name, event, handler) {
      const target = channel(name);
      target.bind(event, handler);
      return () => {
        target.unbind(event, handler);
      };
    },
    onSubscribed(name, handler) {
      const target = channel(name);
      target.bind("pusher:subscription_succeeded", handler);
      return () => {
        target.unbind("pusher:subscription_succeeded", handler);
      };
    },
    onConnectionChange(handler) {
      const listener = (change: ConnectionChange) => handler(change);
      pusher.connection.bind("state_change", listener);
      return () => {
        pusher.connection.unbind("state_change", listener);
      };
    },
    socketId: () => pusher.connection.socket_id ?? null,
    disconnect() {
      channels.clear();
      pusher.disconnect();
    },
  };
}
