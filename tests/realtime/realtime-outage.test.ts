// A realtime outage must never fail or slow a write: the data is stored, the
// request succeeds, and clients resync when the server is back.
import { randomUUID } from "node:crypto";
import { createBadgerApi } from "@/lib/client/badger-api";
import { createOrganization } from "../support/fixtures";
import { inProcessFetch, sessionCookie } from "../support/in-process-fetch";
import { startRealtime } from "../support/realtime";
import { getTestPrisma } from "../support/test-database";
import { deliverInbound } from "../support/webhook";

const db = getTestPrisma();

describe("with the realtime server stopped", () => {
  it("webhook, mark-read, send, delete and read-all still succeed and store their data", async () => {
    const server = await startRealtime();
    await server.close(); // the app is configured for a server that is now gone
    const org = await createOrganization(db, { members: { alice: "admin" }, contacts: 1 });
    const cookie = await sessionCookie({ userId: org.users.alice.id, organizationId: org.organizationId });
    const api = createBadgerApi({ fetch: inProcessFetch(cookie) });
    const contactId = org.contactIds[0];

    const externalId = `outage-${randomUUID()}`;
    const delivered = await deliverInbound({ contactId, body: "anyone there?", externalId });
    expect(delivered.status).toBe(201);
    expect(await db.message.count({ where: { externalId } })).toBe(1);

    await api.markRead(contactId);
    expect(await db.conversationReadState.count({ where: { userId: org.users.alice.id, contactId } })).toBe(1);
    expect((await api.unreadCounts([contactId])).counts).toEqual({});

    const { message } = await api.sendMessage(contactId, "Yes, here!");
    expect(await db.message.findUnique({ where: { id: message.id } })).not.toBeNull();

    await api.deleteMessage(message.id);
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).deletedAt).not.toBeNull();

    await api.markUnread(contactId);
    await api.markAllRead();
    expect((await api.unreadCounts([contactId])).counts).toEqual({});
  });
});

describe("with a realtime server that accepts connections but never answers", () => {
  it("gives up on the event after the publish timeout and the request still succeeds", async () => {
    const net = await import("node:net");
    const sockets: import("node:net").Socket[] = [];
    const blackhole = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    const server = await startRealtime();
    await server.close();
    process.env.PUSHER_PORT = String((blackhole.address() as import("node:net").AddressInfo).port);
    process.env.PUSHER_TIMEOUT_MS = "300";
    const { resetServerConfigForTests } = await import("@/lib/config/server-config");
    const { resetPusherForTests } = await import("@/lib/realtime/pusher-server");
    resetServerConfigForTests();
    resetPusherForTests();
    try {
      const org = await createOrganization(db, { members: { alice: "agent" }, contacts: 1 });
      const delivered = await deliverInbound({ contactId: org.contactIds[0], body: "hello?" });
      expect(delivered.status).toBe(201);
      expect(sockets.length).toBeGreaterThan(0); // the publish really was attempted
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => blackhole.close(resolve));
    }
  });
});
