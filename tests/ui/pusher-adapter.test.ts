// @vitest-environment node
// The production realtime adapter (pusher-js) against the real local
// Pusher-protocol server, with the real `pusher` SDK publishing: events reach
// the inbox logic, this socket's own echo is excluded, and a reconnect
// triggers a resync.
import Pusher from "pusher";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createInboxController, type InboxController } from "@/lib/inbox/inbox-controller";
import { bindInboxRealtime } from "@/lib/inbox/realtime-handlers";
import { EVENTS, organizationChannel, userChannel } from "@/lib/realtime/channels";
import { createPusherRealtimeSource } from "@/lib/realtime/browser-client";
import { startLocalPusherServer, type LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { createFakeServer, makeContacts, type FakeServer } from "./support/fake-server";

const APP = { appId: "ui-test", key: "ui-key", secret: "ui-secret" };
const ORG = "00000000-0000-4000-8000-0000000000aa";
const USER = "00000000-0000-4000-8000-0000000000bb";

let server: LocalPusherServer;
let publisher: Pusher;
const teardown: Array<() => void> = [];

beforeAll(async () => {
  server = await startLocalPusherServer({ ...APP, port: 0 });
  publisher = new Pusher({ ...APP, host: "127.0.0.1", port: String(server.port), useTLS: false });
});

afterEach(() => {
  teardown.splice(0).forEach((stop) => stop());
});

afterAll(async () => {
  await server.close();
});

async function connectInbox() {
  const contacts = makeContacts(3, (index) => [0, 1, 0][index]);
  const api = createFakeServer({ contacts });
  const notify = { message: vi.fn(), error: vi.fn(), dismiss: vi.fn() };
  const controller: InboxController = createInboxController({
    api: api.api,
    contacts,
    notify,
    isVisible: () => true,
    resyncDelayMs: 10,
  });
  const source = createPusherRealtimeSource(
    { key: APP.key, cluster: "local", wsHost: "127.0.0.1", wsPort: server.port, forceTLS: false },
    // The browser posts to /api/pusher/auth, which signs with this same SDK call.
    { authorize: (params, callback) => callback(null, publisher.authorizeChannel(params.socketId, params.channelName)) },
  );
  const subscribed = Promise.all(
    [organizationChannel(ORG), userChannel(USER)].map(
      (channel) => new Promise<void>((resolve) => source.onSubscribed(channel, resolve)),
    ),
  );
  const unbind = bindInboxRealtime(source, controller, { organizationId: ORG, userId: USER });
  teardown.push(() => {
    unbind();
    source.disconnect();
    controller.dispose();
  });
  await subscribed;
  return { contacts, api, notify, controller, source };
}

const until = (check: () => boolean, timeoutMs = 5000) =>
  vi.waitFor(() => {
    if (!check()) throw new Error("not yet");
  }, { timeout: timeoutMs, interval: 20 });

/** An inbound message's message.new event, stored on the fake server unless `api` is null (then version 1 of a new contact). */
function inboundEvent(api: FakeServer | null, contact: { id: string; name: string }, preview: string, createdAt: string) {
  const message = { contactId: contact.id, direction: "inbound" as const, kind: "chat" as const, createdAt };
  const counted = api ? api.receive(message) : { countedTotal: 1, countedVersion: 1, countedChange: 1 };
  return { ...message, id: crypto.randomUUID(), contactName: contact.name, preview, ...counted };
}

describe("pusher-js adapter against the local Pusher server", () => {
  it("delivers message.new and conversation.read to the inbox", async () => {
    const { contacts, controller, notify, api } = await connectInbox();
    const createdAt = "2026-03-02T12:30:00.000Z";
    await publisher.trigger(organizationChannel(ORG), EVENTS.messageNew, inboundEvent(api, contacts[0], "Is my order on its way?", createdAt));
    await until(() => controller.unread.get(contacts[0].id) === 1);
    expect(notify.message).toHaveBeenCalledWith(expect.objectContaining({ contactName: contacts[0].name, preview: "Is my order on its way?" }));

    await publisher.trigger(userChannel(USER), EVENTS.conversationRead, api.read(contacts[1].id, createdAt));
    await until(() => controller.unread.get(contacts[1].id) === 0);
  });

  it("does not receive its own echo (socket id exclusion)", async () => {
    // The excluded event is not stored on the fake server: a resync meanwhile must not show it either.
    const { contacts, controller, source, api } = await connectInbox();
    const socketId = source.socketId();
    expect(socketId).toMatch(/^\d+\.\d+$/);
    const createdAt = "2026-03-02T12:30:00.000Z";
    await publisher.trigger(organizationChannel(ORG), EVENTS.messageNew, inboundEvent(null, contacts[2], "Only for the others", createdAt), {
      socket_id: socketId!,
    });
    // A second, unexcluded event proves delivery works and orders after the first.
    await publisher.trigger(userChannel(USER), EVENTS.conversationRead, api.read(contacts[1].id, "2026-03-02T12:30:00.000Z"));
    await until(() => controller.unread.get(contacts[1].id) === 0);
    expect(controller.unread.get(contacts[2].id)).toBe(0);
  });

  it("resyncs counts after the connection comes back", async () => {
    const { contacts, controller, api, source } = await connectInbox();
    const states: string[] = [];
    source.onConnectionChange(({ current }) => states.push(current));
    const port = server.port;
    await server.close(); // clients see 1001 "going away" and retry
    await until(() => states.includes("connecting") || states.includes("unavailable"));
    // While offline, a message arrived that this client never hears about.
    api.counts[contacts[2].id] = 6;
    server = await startLocalPusherServer({ ...APP, port });
    await until(() => states.at(-1) === "connected", 20_000);
    await until(() => controller.unread.get(contacts[2].id) === 6, 5000);
    expect(api.callsTo("GET", /\/contacts$/).some((call) => call.query.get("filter") === "unread")).toBe(true);
  }, 30_000);
});
