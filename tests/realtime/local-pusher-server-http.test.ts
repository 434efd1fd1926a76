// @vitest-environment node
// The local Pusher-protocol server: its HTTP events API with the real SDK, and its lifecycle.
import { describe, expect, it } from "vitest";
import { startLocalPusherServer } from "../../dev/local-pusher-server/create-local-pusher-server.js";
import {
  APP,
  server,
  publisher,
  sdk,
  connectClient,
  subscribe,
  record,
  rawClient,
  signedUrl,
  withLocalPusherServer,
} from "./support/local-pusher-harness";

withLocalPusherServer();

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
