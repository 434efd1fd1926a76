// The local Pusher-protocol server under test, with real pusher / pusher-js
// clients and a bare WebSocket for what the SDKs hide. `server` and
// `publisher` are live bindings: set by withLocalPusherServer()'s beforeAll.
import Pusher from "pusher";
import PusherJS, { type Channel } from "pusher-js";
import { afterAll, beforeAll } from "vitest";
import { WebSocket } from "ws";

import {
  type LocalPusherServer,
  startLocalPusherServer,
} from "../../../dev/local-pusher-server/create-local-pusher-server.js";

export const APP = { appId: "test-app", key: "test-key", secret: "test-secret" };

export let server: LocalPusherServer;
export let publisher: Pusher;
const clients: PusherJS[] = [];
const rawSockets: WebSocket[] = [];

export function withLocalPusherServer() {
  beforeAll(async () => {
    server = await startLocalPusherServer({ ...APP, port: 0 });
    publisher = sdk();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    for (const socket of rawSockets) socket.terminate();
    await server?.close();
  });
}

export function sdk(overrides: Partial<typeof APP> = {}): Pusher {
  return new Pusher({
    ...APP,
    ...overrides,
    host: "127.0.0.1",
    port: String(server.port),
    useTLS: false,
  });
}

/** A real pusher-js client whose private-channel auth is signed by `signer`. */
export function createClient(signer: Pusher = publisher, key = APP.key): PusherJS {
  const client = new PusherJS(key, {
    cluster: "local",
    wsHost: "127.0.0.1",
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      customHandler: (params, callback) =>
        callback(null, signer.authorizeChannel(params.socketId, params.channelName)),
    },
  });
  clients.push(client);
  return client;
}

export function connectClient(signer?: Pusher): Promise<PusherJS> {
  const client = createClient(signer);
  return new Promise((resolve) => client.connection.bind("connected", () => resolve(client)));
}

export function subscribe(client: PusherJS, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  return new Promise((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve(channel));
    channel.bind("pusher:subscription_error", (error: unknown) => reject(error));
  });
}

/** Records every event of `name` on the channel, in arrival order. */
export function record(channel: Channel, name: string) {
  const received: unknown[] = [];
  const waiters: Array<() => void> = [];
  channel.bind(name, (data: unknown) => {
    received.push(data);
    waiters.splice(0).forEach((wake) => wake());
  });
  const until = (count: number): Promise<unknown[]> =>
    received.length >= count
      ? Promise.resolve(received)
      : new Promise((resolve) => waiters.push(() => void until(count).then(resolve)));
  return { received, until };
}

export interface Frame {
  event: string;
  channel?: string;
  data: unknown;
}

/** A bare WebSocket client for protocol details pusher-js hides. */
export function rawClient(port: number, query = "protocol=7&client=js&version=8.6.0", key = APP.key) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/app/${key}?${query}`);
  rawSockets.push(socket);
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  socket.on("message", (raw) => {
    frames.push(JSON.parse(String(raw)) as Frame);
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = (event: string, from = 0): Promise<Frame> => {
    const found = frames.slice(from).find((frame) => frame.event === event);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => waiters.push(() => void next(event, from).then(resolve)));
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const send = (payload: unknown) =>
    socket.send(typeof payload === "string" ? payload : JSON.stringify(payload));
  return { socket, frames, next, closed, send };
}

export function signedUrl(path: string, body: string): string {
  return `${server.url}${path}?${publisher.createSignedQueryString({ method: "POST", path, body })}`;
}
