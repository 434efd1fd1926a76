// The local Pusher-protocol server's deliberate faults (issue 16): drop or
// reorder a chosen event for one connection only, with the real SDKs.
import Pusher from "pusher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { connectListener, startRealtime, type Listener } from "../support/realtime";

let server: LocalPusherServer;
let publisher: Pusher;
const listeners: Listener[] = [];

beforeAll(async () => {
  server = await startRealtime();
  publisher = new Pusher({
    appId: process.env.PUSHER_APP_ID!,
    key: process.env.PUSHER_KEY!,
    secret: process.env.PUSHER_SECRET!,
    host: "127.0.0.1",
    port: String(server.port),
    useTLS: false,
  });
});

afterAll(async () => {
  listeners.forEach((listener) => listener.close());
  await server.close();
});

async function twoListeners(channel: string) {
  const pair = await Promise.all([connectListener(server.port), connectListener(server.port)]);
  listeners.push(...pair);
  await Promise.all(pair.map((listener) => listener.subscribe(channel)));
  return pair;
}

const numbers = (listener: Listener, event: string) =>
  listener.events.filter((entry) => entry.event === event).map((entry) => (entry.data as { n: number }).n);

describe("delivery faults of the local Pusher server", () => {
  it("lists live connections with their channels", async () => {
    const [first] = await twoListeners("faults-list");
    expect(server.connections()).toContainEqual({ socketId: first.socketId(), channels: ["faults-list"] });
  });

  it("drops the next matching event for one connection only", async () => {
    const [faulted, healthy] = await twoListeners("faults-drop");
    server.injectFault({ socketId: faulted.socketId(), event: "tick", action: "drop" });
    for (const n of [1, 2, 3]) await publisher.trigger("faults-drop", "tick", { n });
    await Promise.all([faulted, healthy].map((listener) => listener.waitFor((entry) => (entry.data as { n: number }).n === 3)));
    expect(numbers(faulted, "tick")).toEqual([2, 3]);
    expect(numbers(healthy, "tick")).toEqual([1, 2, 3]);
  });

  it("reorders a pair: the held event goes out right after the next one", async () => {
    const [faulted, healthy] = await twoListeners("faults-reorder");
    server.injectFault({ socketId: faulted.socketId(), event: "tick", action: "reorder" });
    for (const n of [1, 2, 3]) await publisher.trigger("faults-reorder", "tick", { n });
    await Promise.all([faulted, healthy].map((listener) => listener.waitFor((entry) => (entry.data as { n: number }).n === 3)));
    expect(numbers(faulted, "tick")).toEqual([2, 1, 3]);
    expect(numbers(healthy, "tick")).toEqual([1, 2, 3]);
  });

  it("applies only to the named event", async () => {
    const [faulted] = await twoListeners("faults-other");
    server.injectFault({ socketId: faulted.socketId(), event: "tock", action: "drop" });
    await publisher.trigger("faults-other", "tick", { n: 1 });
    await publisher.trigger("faults-other", "tock", { n: 2 });
    await publisher.trigger("faults-other", "tock", { n: 3 });
    await faulted.waitFor((entry) => (entry.data as { n: number }).n === 3);
    expect(faulted.events.map((entry) => (entry.data as { n: number }).n)).toEqual([1, 3]);
  });
});
