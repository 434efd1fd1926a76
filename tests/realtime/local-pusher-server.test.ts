// @vitest-environment node
import Pusher from "pusher";
import PusherJS, { type Channel } from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import {
  type LocalPusherServer,
  startLocalPusherServer,
} from "../../lib/realtime/local-server/create-local-pusher-server.js";

const APP = { appId: "test-app", key: "test-key", secret: "test-secret" };

let server: LocalPusherServer;
let publisher: Pusher;
const clients: PusherJS[] = [];
const rawSockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startLocalPusherServer({ ...APP, port: 0 });
  publisher = sdk();
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  for (const socket of rawSockets) socket.terminate();
  await server?.close();
});

function sdk(overrides: Partial<typeof APP> = {}): Pusher {
  return new Pusher({
    ...APP,
    ...overrides,
    host: "127.0.0.1",
    port: String(server.port),
    useTLS: false,
  });
}

/** A real pusher-js client whose private-channel auth is signed by `signer`. */
function createClient(signer: Pusher = publisher, key = APP.key): PusherJS {
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

function connectClient(signer?: Pusher): Promise<PusherJS> {
  const client = createClient(signer);
  return new Promise((resolve) => client.connection.bind("connected", () => resolve(client)));
}

function subscribe(client: PusherJS, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  return new Promise((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve(channel));
    channel.bind("pusher:subscription_error", (error: unknown) => reject(error));
  });
}

/** Records every event of `name` on the channel, in arrival order. */
function record(channel: Channel, name: string) {
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

interface Frame {
  event: string;
  channel?: string;
  data: unknown;
}

/** A bare WebSocket client for protocol details pusher-js hides. */
function rawClient(port: number, query = "protocol=7&client=js&version=8.6.0", key = APP.key) {
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

function signedUrl(path: string, body: string): string {
  return `${server.url}${path}?${publisher.createSignedQueryString({ method: "POST", path, body })}`;
}

describe("WebSocket protocol", () => {
  it("establishes connections with unique <int>.<int> socket ids", async () => {
    const [a, b] = await Promise.all([connectClient(), connectClient()]);
    expect(a.connection.socket_id).toMatch(/^\d+\.\d+$/);
    expect(b.connection.socket_id).toMatch(/^\d+\.\d+$/);
    expect(a.connection.socket_id).not.toBe(b.connection.socket_id);
    expect(server.connectionCount()).toBeGreaterThanOrEqual(2);
  });

  it("sends activity_timeout in the handshake as a JSON-encoded string", async () => {
    const raw = rawClient(server.port);
    const established = await raw.next("pusher:connection_established");
    expect(typeof established.data).toBe("string");
    expect(JSON.parse(established.data as string)).toEqual({
      socket_id: expect.stringMatching(/^\d+\.\d+$/),
      activity_timeout: 120,
    });
  });

  it("subscribes to a private channel with SDK-signed auth", async () => {
    const client = await connectClient();
    const channel = await subscribe(client, "private-ok");
    expect(channel.subscribed).toBe(true);
  });

  it("rejects forged private auth with pusher:subscription_error and delivers nothing", async () => {
    const client = await connectClient(sdk({ secret: "not-the-secret" }));
    await expect(subscribe(client, "private-forged")).rejects.toMatchObject({
      type: "AuthError",
      status: 401,
    });
    const control = await subscribe(client, "forged-control");
    const leaked = record(client.channel("private-forged"), "secret");
    const marker = record(control, "marker");
    await publisher.trigger("private-forged", "secret", { leaked: true });
    await publisher.trigger("forged-control", "marker", {});
    await marker.until(1);
    expect(leaked.received).toEqual([]);
  });

  it("answers pusher:ping with pusher:pong", async () => {
    const client = await connectClient();
    const pong = new Promise<void>((resolve) =>
      client.connection.bind("message", (message: Frame) => {
        if (message.event === "pusher:pong") resolve();
      }),
    );
    client.connection.send_event("pusher:ping", {});
    await pong;
  });

  it("refuses an unknown app key with 4001 (pusher-js and raw socket)", async () => {
    const client = createClient(publisher, "unknown-key");
    const error = await new Promise<{ error: { data: { code: number } } }>((resolve) =>
      client.connection.bind("error", resolve),
    );
    expect(error.error.data.code).toBe(4001);

    const raw = rawClient(server.port, undefined, "unknown-key");
    expect(await raw.closed).toMatchObject({ code: 4001 });
    expect(raw.frames[0]).toMatchObject({ event: "pusher:error", data: { code: 4001 } });
  });

  it("refuses protocol versions other than 7 with 4007", async () => {
    const raw = rawClient(server.port, "protocol=6");
    expect(await raw.closed).toMatchObject({ code: 4007 });
  });

  it("survives malformed frames and rejects client events without closing", async () => {
    const raw = rawClient(server.port);
    await raw.next("pusher:connection_established");
    raw.send("this is not json{");
    expect(await raw.next("pusher:error")).toMatchObject({ data: { code: 4200 } });
    const mark = raw.frames.length;
    raw.send({ event: "client-typing", channel: "room", data: {} });
    expect(await raw.next("pusher:error", mark)).toMatchObject({ data: { code: 4301 } });
    raw.send({ event: "pusher:ping", data: {} });
    await raw.next("pusher:pong");
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
  });

  it("stops delivering after pusher:unsubscribe", async () => {
    const raw = rawClient(server.port);
    await raw.next("pusher:connection_established");
    raw.send({ event: "pusher:subscribe", data: { channel: "leaving" } });
    raw.send({ event: "pusher:subscribe", data: { channel: "staying" } });
    await raw.next("pusher_internal:subscription_succeeded");
    raw.send({ event: "pusher:unsubscribe", data: { channel: "leaving" } });
    // Frames are handled in order, so the pong proves the unsubscribe landed.
    raw.send({ event: "pusher:ping", data: {} });
    await raw.next("pusher:pong");
    await publisher.trigger("leaving", "gone", {});
    await publisher.trigger("staying", "here", {});
    await raw.next("here");
    expect(raw.frames.some((frame) => frame.event === "gone")).toBe(false);
  });
});

describe("HTTP events API with the real SDK", () => {
  it("delivers trigger() data intact", async () => {
    const client = await connectClient();
    const events = record(await subscribe(client, "orders"), "created");
    const payload = { id: 7, note: "naïve ☕ \"quoted\" \n", nested: { list: [1, null, true] } };
    await publisher.trigger("orders", "created", payload);
    expect(await events.until(1)).toEqual([payload]);
  });

  it("delivers a trigger() to multiple channels", async () => {
    const client = await connectClient();
    const first = record(await subscribe(client, "multi-a"), "ping");
    const second = record(await subscribe(client, "private-multi-b"), "ping");
    await publisher.trigger(["multi-a", "private-multi-b"], "ping", { n: 1 });
    expect(await first.until(1)).toEqual([{ n: 1 }]);
    expect(await second.until(1)).toEqual([{ n: 1 }]);
  });

  it("delivers triggerBatch() events to their channels", async () => {
    const client = await connectClient();
    const a = record(await subscribe(client, "batch-a"), "one");
    const b = record(await subscribe(client, "batch-b"), "two");
    await publisher.triggerBatch([
      { channel: "batch-a", name: "one", data: { x: 1 } },
      { channel: "batch-b", name: "two", data: "plain string" },
    ]);
    expect(await a.until(1)).toEqual([{ x: 1 }]);
    expect(await b.until(1)).toEqual(["plain string"]);
  });

  it("excludes the socket named by socket_id", async () => {
    const [one, two] = await Promise.all([connectClient(), connectClient()]);
    const oneEvents = record(await subscribe(one, "room"), "message");
    const twoEvents = record(await subscribe(two, "room"), "message");
    await publisher.trigger("room", "message", { n: 1 }, { socket_id: one.connection.socket_id });
    expect(await twoEvents.until(1)).toEqual([{ n: 1 }]);
    await publisher.trigger("room", "message", { n: 2 });
    expect(await oneEvents.until(1)).toEqual([{ n: 2 }]);
    expect(await twoEvents.until(2)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("rejects a wrong secret with 401 and a wrong app id with 404", async () => {
    await expect(sdk({ secret: "wrong" }).trigger("x", "e", {})).rejects.toMatchObject({
      status: 401,
    });
    await expect(sdk({ appId: "other-app" }).trigger("x", "e", {})).rejects.toMatchObject({
      status: 404,
    });
  });

  it("rejects a body that does not match body_md5 with 401", async () => {
    const path = `/apps/${APP.appId}/events`;
    const signedFor = JSON.stringify({ name: "e", channel: "x", data: "{}" });
    const response = await fetch(signedUrl(path, signedFor), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: signedFor.replace('"x"', '"y"'),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/body_md5/) });
  });

  it("rejects malformed JSON with a valid signature with 400", async () => {
    const path = `/apps/${APP.appId}/events`;
    const body = '{"name": "e", "channel": ';
    const response = await fetch(signedUrl(path, body), { method: "POST", body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/JSON/) });
  });

  it("rejects event data over 10 KB with 413", async () => {
    await expect(publisher.trigger("x", "big", "a".repeat(10 * 1024 + 1))).rejects.toMatchObject({
      status: 413,
    });
  });

  it("answers readiness checks", async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe("server lifecycle", () => {
  it("pings idle clients and drops those that never answer with 4201", async () => {
    const idle = await startLocalPusherServer({ ...APP, port: 0, activityTimeout: 1 });
    try {
      const raw = rawClient(idle.port);
      await raw.next("pusher:connection_established");
      await raw.next("pusher:ping");
      expect(await raw.closed).toMatchObject({ code: 4201 });
    } finally {
      await idle.close();
    }
  });

  it("close() disconnects every socket and resolves", async () => {
    const temporary = await startLocalPusherServer({ ...APP, port: 0 });
    const raw = rawClient(temporary.port);
    await raw.next("pusher:connection_established");
    expect(temporary.connectionCount()).toBe(1);
    await temporary.close();
    expect(await raw.closed).toMatchObject({ code: 1001 });
    expect(temporary.connectionCount()).toBe(0);
  });
});
