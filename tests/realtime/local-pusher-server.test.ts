// @vitest-environment node
// The local Pusher-protocol server: its WebSocket protocol, with pusher-js and raw sockets.
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  server,
  publisher,
  sdk,
  createClient,
  connectClient,
  subscribe,
  record,
  rawClient,
  withLocalPusherServer,
  type Frame,
} from "./support/local-pusher-harness";

withLocalPusherServer();

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
