import PusherJS, { type Channel } from "pusher-js";
import { resetServerConfigForTests } from "@/lib/config/server-config";
import { resetPusherForTests } from "@/lib/realtime/pusher-server";
import {
  startLocalPusherServer,
  type LocalPusherServer,
} from "@/dev/local-pusher-server/create-local-pusher-server";
import { inProcessFetch } from "./in-process-fetch";

const CREDENTIALS = { appId: "badger-test", key: "badger-test-key", secret: "badger-test-secret" };

/** Starts a local Pusher-protocol server and points the app's server SDK at it. */
export async function startRealtime(port = 0): Promise<LocalPusherServer> {
  const server = await startLocalPusherServer({ ...CREDENTIALS, port });
  Object.assign(process.env, {
    PUSHER_APP_ID: CREDENTIALS.appId,
    PUSHER_KEY: CREDENTIALS.key,
    PUSHER_SECRET: CREDENTIALS.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(server.port),
    PUSHER_TIMEOUT_MS: "1000",
  });
  resetServerConfigForTests();
  resetPusherForTests();
  return server;
}

export type Listener = {
  client: PusherJS;
  socketId: () => string;
  subscribe(channel: string): Promise<Channel>;
  /** Every event received on any subscribed channel, in order. */
  events: { channel: string; event: string; data: unknown }[];
  waitFor(predicate: (event: { channel: string; event: string; data: unknown }) => boolean): Promise<unknown>;
  close(): void;
};

/**
 * A real pusher-js client, as a browser tab would be: it authorizes private
 * channels through the app's own /api/pusher/auth route with `cookie`.
 */
export async function connectListener(port: number, cookie?: string): Promise<Listener> {
  const authFetch = inProcessFetch(cookie);
  const client = new PusherJS(CREDENTIALS.key, {
    cluster: "local",
    wsHost: "127.0.0.1",
    wsPort: port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      endpoint: "/api/pusher/auth",
      transport: "ajax",
      customHandler: (params, callback) => {
        const body = new URLSearchParams({ socket_id: params.socketId, channel_name: params.channelName });
        authFetch("/api/pusher/auth", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: body.toString(),
        })
          .then(async (response) =>
            response.ok
              ? callback(null, await response.json())
              : callback(new Error(`auth refused: ${response.status}`), null),
          )
          .catch((error: Error) => callback(error, null));
      },
    },
  });
  await new Promise<void>((resolve) => client.connection.bind("connected", () => resolve()));
  const events: Listener["events"] = [];
  const waiters: { predicate: (event: Listener["events"][number]) => boolean; resolve: (data: unknown) => void }[] = [];
  client.bind_global((event: string, data: unknown) => {
    if (event.startsWith("pusher")) return;
    const entry = { channel: "", event, data };
    events.push(entry);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(entry)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(data);
      }
    }
  });
  return {
    client,
    socketId: () => client.connection.socket_id,
    subscribe(name) {
      const channel = client.subscribe(name);
      return new Promise((resolve, reject) => {
        channel.bind("pusher:subscription_succeeded", () => resolve(channel));
        channel.bind("pusher:subscription_error", (error: unknown) => reject(error));
      });
    },
    events,
    waitFor(predicate) {
      const found = events.find(predicate);
      if (found) return Promise.resolve(found.data);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    close() {
      client.disconnect();
    },
  };
}
