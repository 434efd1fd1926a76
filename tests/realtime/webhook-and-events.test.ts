import { randomUUID } from "node:crypto";
import { createBadgerApi } from "@/lib/client/badger-api";
import { messagePreview } from "@/lib/shared/preview";
import type { LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { addMessages, createOrganization, type OrgFixture } from "../support/fixtures";
import { inProcessFetch, sessionCookie } from "../support/in-process-fetch";
import { connectListener, startRealtime, type Listener } from "../support/realtime";
import { getTestPrisma } from "../support/test-database";
import { deliverInbound } from "../support/webhook";

const db = getTestPrisma();

describe("inbound webhook and realtime events", () => {
  let server: LocalPusherServer;
  let org: OrgFixture;
  let aliceCookie: string;
  let orgListener: Listener;
  const listeners: Listener[] = [];

  beforeAll(async () => {
    server = await startRealtime();
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent" }, contacts: 3 });
    aliceCookie = await sessionCookie({ userId: org.users.alice.id, organizationId: org.organizationId });
    orgListener = await connectListener(server.port, aliceCookie);
    listeners.push(orgListener);
    await orgListener.subscribe(`private-org-${org.organizationId}`);
  });

  afterAll(async () => {
    listeners.forEach((listener) => listener.close());
    await server.close();
  });

  it("stores a signed delivery (201) and publishes message.new with an 80-character preview", async () => {
    const body = `${"Where is my order? ".repeat(4)}😀😀 and more text after the emoji`;
    const response = await deliverInbound({ contactId: org.contactIds[0], body, externalId: `ext-${randomUUID()}` });
    expect(response.status).toBe(201);
    const { id } = await response.json();
    const event = await orgListener.waitFor((entry) => entry.event === "message.new" && (entry.data as { id: string }).id === id);
    const contact = await db.contact.findUniqueOrThrow({ where: { id: org.contactIds[0] } });
    const stored = await db.message.findUniqueOrThrow({ where: { id } });
    expect(event).toEqual({
      id,
      contactId: org.contactIds[0],
      contactName: contact.name,
      direction: "inbound",
      kind: "chat",
      preview: messagePreview(body),
      createdAt: stored.createdAt.toISOString(),
      // The contact's counted state right after this message (the first of the contact).
      countedTotal: contact.countedTotal,
      countedVersion: contact.countedVersion,
      countedChange: 1,
    });
    expect(contact).toMatchObject({ countedTotal: 1, countedVersion: 1 });
    const preview = (event as { preview: string }).preview;
    expect(preview.length).toBeLessThanOrEqual(80);
    expect(preview).not.toMatch(/[\ud800-\udbff]$/);
  });

  it("is idempotent on externalId: a retry answers 200 with the same id, no new message or event", async () => {
    const externalId = `ext-${randomUUID()}`;
    const first = await deliverInbound({ contactId: org.contactIds[1], body: "first", externalId });
    const retry = await deliverInbound({ contactId: org.contactIds[1], body: "first", externalId });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    const { id } = await first.json();
    expect(await retry.json()).toEqual({ id });
    // A later, different delivery: once its event is here, any duplicate would be too.
    const marker = await (await deliverInbound({ contactId: org.contactIds[1], body: "marker" })).json();
    await orgListener.waitFor((entry) => (entry.data as { id: string }).id === marker.id);
    expect(orgListener.events.filter((entry) => (entry.data as { id: string }).id === id)).toHaveLength(1);
    expect(await db.message.count({ where: { externalId } })).toBe(1);
  });

  it("creates exactly one message when retries race each other", async () => {
    const externalId = `race-${randomUUID()}`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => deliverInbound({ contactId: org.contactIds[2], body: "race", externalId })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(7);
    const ids = new Set(await Promise.all(responses.map(async (response) => (await response.json()).id)));
    expect(ids.size).toBe(1);
    expect(await db.message.count({ where: { externalId } })).toBe(1);
  });

  it.each([
    ["a missing signature", { signature: null }],
    ["a wrong secret", { secret: "not-the-secret" }],
    ["a malformed signature", { signature: "sha256=zz" }],
    ["a timestamp 6 minutes old (replay)", { timestamp: Math.floor(Date.now() / 1000) - 360 }],
    ["a timestamp 6 minutes ahead", { timestamp: Math.floor(Date.now() / 1000) + 360 }],
  ])("401s for %s and stores nothing", async (_label, options) => {
    const before = await db.message.count({ where: { contactId: org.contactIds[0] } });
    const response = await deliverInbound({ contactId: org.contactIds[0], body: "nope" }, options);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
    expect(await db.message.count({ where: { contactId: org.contactIds[0] } })).toBe(before);
  });

  it.each([
    ["malformed JSON", "{not json"],
    ["an empty body text", { contactId: randomUUID(), body: "" }],
    ["a body over 4000 characters", { contactId: randomUUID(), body: "x".repeat(4001) }],
    ["an unknown kind", { contactId: randomUUID(), body: "hi", kind: "shout" }],
    ["a malformed contact id", { contactId: "42", body: "hi" }],
    ["an unexpected field", { contactId: randomUUID(), body: "hi", direction: "outbound" }],
  ])("400s for %s", async (_label, payload) => {
    const response = await deliverInbound(payload);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("bad_request");
  });

  it("404s for an unknown contact", async () => {
    const response = await deliverInbound({ contactId: randomUUID(), body: "hello" });
    expect(response.status).toBe(404);
  });

  it("tells every tab of the user about a read, the one that caused it too, with its readThrough", async () => {
    const tabA = await connectListener(server.port, aliceCookie);
    const tabB = await connectListener(server.port, aliceCookie);
    listeners.push(tabA, tabB);
    await tabA.subscribe(`private-user-${org.users.alice.id}`);
    await tabB.subscribe(`private-user-${org.users.alice.id}`);
    const api = createBadgerApi({ fetch: inProcessFetch(aliceCookie), socketId: tabA.socketId });
    await api.markRead(org.contactIds[0]);
    const event = await tabB.waitFor((entry) => entry.event === "conversation.read");
    const contact = await db.contact.findUniqueOrThrow({ where: { id: org.contactIds[0] } });
    const expected = {
      // The user channel is the user's in every organization (issue 14): events say which.
      organizationId: org.organizationId,
      contactId: org.contactIds[0],
      lastReadAt: expect.any(String),
      unreadCount: 0,
      readThrough: contact.countedTotal,
      countedTotal: contact.countedTotal,
      countedVersion: contact.countedVersion,
    };
    expect(event).toEqual(expected);
    // The reading tab learns its exact readThrough from the same event.
    expect(await tabA.waitFor((entry) => entry.event === "conversation.read")).toEqual(expected);
    await createBadgerApi({ fetch: inProcessFetch(aliceCookie) }).markUnread(org.contactIds[0]);
    expect(await tabA.waitFor((entry) => entry.event === "conversation.unread")).toEqual({
      ...expected,
      unreadCount: 1,
      readThrough: contact.countedTotal - 1,
    });
    expect(tabA.events.map((entry) => entry.event)).toEqual(["conversation.read", "conversation.unread"]);
    expect(tabB.events.map((entry) => entry.event)).toEqual(["conversation.read", "conversation.unread"]);
  });

  it("announces read-all as one event with scope all", async () => {
    const tab = await connectListener(server.port, aliceCookie);
    listeners.push(tab);
    await tab.subscribe(`private-user-${org.users.alice.id}`);
    await createBadgerApi({ fetch: inProcessFetch(aliceCookie) }).markAllRead();
    expect(await tab.waitFor((entry) => entry.event === "conversation.read")).toEqual({
      organizationId: org.organizationId,
      contactId: null,
      scope: "all",
      lastReadAt: expect.any(String),
      unreadCount: 0,
    });
  });

  it("publishes an agent's reply as outbound message.new and a deletion as message.removed", async () => {
    const api = createBadgerApi({ fetch: inProcessFetch(aliceCookie) });
    const { message } = await api.sendMessage(org.contactIds[2], "Thanks, sorted!");
    expect(
      await orgListener.waitFor((entry) => entry.event === "message.new" && (entry.data as { id: string }).id === message.id),
    ).toMatchObject({ direction: "outbound", preview: "Thanks, sorted!" });
    const [toDelete] = await addMessages(db, org.organizationId, [{ contactId: org.contactIds[2] }]);
    await api.deleteMessage(toDelete);
    const removed = await orgListener.waitFor((entry) => entry.event === "message.removed");
    const stored = await db.message.findUniqueOrThrow({ where: { id: toDelete } });
    const contact = await db.contact.findUniqueOrThrow({ where: { id: org.contactIds[2] } });
    expect(removed).toEqual({
      id: toDelete,
      contactId: org.contactIds[2],
      createdAt: stored.createdAt.toISOString(),
      countedTotal: contact.countedTotal,
      countedVersion: contact.countedVersion,
      countedChange: -1,
    });
  });
});
