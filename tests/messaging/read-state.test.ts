import { randomUUID } from "node:crypto";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();

async function readPosition(userId: string, contactId: string) {
  const row = await db.conversationReadState.findUnique({ where: { userId_contactId: { userId, contactId } } });
  return row?.lastReadAt ?? null;
}

describe("POST /api/messaging/contacts/{id}/read", () => {
  let org: OrgFixture;
  let other: OrgFixture;
  let messageIds: string[];

  beforeEach(async () => {
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent", vera: "viewer" }, contacts: 2 });
    other = await createOrganization(db, { members: { dave: "agent" }, contacts: 1 });
    messageIds = await addMessages(db, org.organizationId, [
      { contactId: org.contactIds[0], createdAt: minutesAgo(30) },
      { contactId: org.contactIds[0], createdAt: minutesAgo(20) },
      { contactId: org.contactIds[0], createdAt: minutesAgo(10) },
    ]);
  });

  const as = (key: string) => apiAs({ userId: org.users[key].id, organizationId: org.organizationId });

  it("answers 204 with an empty body and reads everything up to now()", async () => {
    const { fetch, api } = await as("alice");
    const response = await fetch(`/api/messaging/contacts/${org.contactIds[0]}/read`, { method: "POST" });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual({});
  });

  it("reads up to the message the client showed (upToMessageId)", async () => {
    const { api } = await as("alice");
    await api.markRead(org.contactIds[0], { upToMessageId: messageIds[1] });
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual({ [org.contactIds[0]]: 1 });
  });

  it("reads up to a time (lastReadAt), clamped to now()", async () => {
    const { api } = await as("alice");
    await api.markRead(org.contactIds[0], { lastReadAt: minutesAgo(25).toISOString() });
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual({ [org.contactIds[0]]: 2 });
    const future = new Date(Date.now() + 24 * 3600_000);
    await api.markRead(org.contactIds[0], { lastReadAt: future.toISOString() });
    const stored = await readPosition(org.users.alice.id, org.contactIds[0]);
    expect(stored!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("never moves backwards: a late request for an older cursor changes nothing", async () => {
    const { api } = await as("alice");
    await api.markRead(org.contactIds[0], { upToMessageId: messageIds[2] });
    const before = await readPosition(org.users.alice.id, org.contactIds[0]);
    await api.markRead(org.contactIds[0], { upToMessageId: messageIds[0] });
    await api.markRead(org.contactIds[0], { lastReadAt: minutesAgo(60).toISOString() });
    expect(await readPosition(org.users.alice.id, org.contactIds[0])).toEqual(before);
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual({});
  });

  it("sets updated_at on every successful call", async () => {
    const { api } = await as("alice");
    await api.markRead(org.contactIds[0]);
    const first = await db.conversationReadState.findFirstOrThrow({ where: { userId: org.users.alice.id } });
    await api.markRead(org.contactIds[0], { upToMessageId: messageIds[0] });
    const second = await db.conversationReadState.findFirstOrThrow({ where: { userId: org.users.alice.id } });
    expect(second.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
    expect(second.lastReadAt).toEqual(first.lastReadAt);
  });

  it("is per user: alice reading never changes bob's counts", async () => {
    const { api: alice } = await as("alice");
    const { api: bob } = await as("bob");
    await alice.markRead(org.contactIds[0]);
    expect((await bob.unreadCounts(org.contactIds)).counts).toEqual({ [org.contactIds[0]]: 3 });
  });

  it("concurrent mark-reads with shuffled cursors end at the maximum", async () => {
    const many = await addMessages(
      db,
      org.organizationId,
      Array.from({ length: 40 }, (_, index) => ({ contactId: org.contactIds[1], createdAt: minutesAgo(100 - index) })),
    );
    const newest = await db.message.findUniqueOrThrow({ where: { id: many.at(-1)! } });
    const shuffled = [...many].sort(() => Math.random() - 0.5).slice(0, 25);
    if (!shuffled.includes(newest.id)) shuffled[12] = newest.id;
    const { api } = await as("bob");
    await Promise.all(shuffled.map((id) => api.markRead(org.contactIds[1], { upToMessageId: id })));
    expect(await readPosition(org.users.bob.id, org.contactIds[1])).toEqual(newest.createdAt);
    expect((await api.unreadCounts([org.contactIds[1]])).counts).toEqual({});
  });

  it("404s alike for another organization's contact and a missing one", async () => {
    const { fetch } = await as("alice");
    const foreign = await fetch(`/api/messaging/contacts/${other.contactIds[0]}/read`, { method: "POST" });
    const missing = await fetch(`/api/messaging/contacts/${randomUUID()}/read`, { method: "POST" });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    expect(await db.conversationReadState.count({ where: { contactId: other.contactIds[0] } })).toBe(0);
  });

  it("404s for a message of another conversation used as cursor", async () => {
    const { fetch } = await as("alice");
    const response = await fetch(`/api/messaging/contacts/${org.contactIds[1]}/read`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ upToMessageId: messageIds[0] }),
    });
    expect(response.status).toBe(404);
  });

  it.each([
    ["a malformed contact id", "not-a-uuid", undefined],
    ["an unknown body field", null, { lastReadAt: new Date().toISOString(), extra: 1 }],
    ["a non-ISO time", null, { lastReadAt: "yesterday" }],
    ["a malformed message id", null, { upToMessageId: "42" }],
    ["both cursors at once", null, { lastReadAt: new Date().toISOString(), upToMessageId: randomUUID() }],
    ["a JSON array", null, []],
  ])("400s for %s", async (_label, contactId, body) => {
    const { fetch } = await as("alice");
    const response = await fetch(`/api/messaging/contacts/${contactId ?? org.contactIds[0]}/read`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("bad_request");
    expect(await readPosition(org.users.alice.id, org.contactIds[0])).toBeNull();
  });

  it("403s for a viewer, who lacks messages:list", async () => {
    const { fetch } = await as("vera");
    const response = await fetch(`/api/messaging/contacts/${org.contactIds[0]}/read`, { method: "POST" });
    expect(response.status).toBe(403);
  });
});

describe("mark as unread and read-all", () => {
  let org: OrgFixture;

  beforeEach(async () => {
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent" }, contacts: 3 });
    await addMessages(db, org.organizationId, [
      { contactId: org.contactIds[0], createdAt: minutesAgo(30) },
      { contactId: org.contactIds[0], createdAt: minutesAgo(20) },
      { contactId: org.contactIds[0], kind: "system", createdAt: minutesAgo(5) },
      { contactId: org.contactIds[1], createdAt: minutesAgo(10) },
      { contactId: org.contactIds[2], direction: "outbound", createdAt: minutesAgo(10) },
    ]);
  });

  const as = (key: string) => apiAs({ userId: org.users[key].id, organizationId: org.organizationId });

  it("mark-unread brings back exactly the newest counted message", async () => {
    const { api, fetch } = await as("alice");
    await api.markRead(org.contactIds[0]);
    const response = await fetch(`/api/messaging/contacts/${org.contactIds[0]}/unread`, { method: "POST" });
    expect(response.status).toBe(204);
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual({ [org.contactIds[0]]: 1, [org.contactIds[1]]: 1 });
  });

  it("mark-unread is 409 when nothing could count", async () => {
    const { fetch } = await as("alice");
    const response = await fetch(`/api/messaging/contacts/${org.contactIds[2]}/unread`, { method: "POST" });
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("conflict");
  });

  it("read-all clears every badge of this user only", async () => {
    const { api: alice, fetch } = await as("alice");
    const { api: bob } = await as("bob");
    const response = await fetch(`/api/messaging/read-all`, { method: "POST" });
    expect(response.status).toBe(204);
    expect((await alice.unreadCounts(org.contactIds)).counts).toEqual({});
    expect((await bob.unreadCounts(org.contactIds)).counts).toEqual({ [org.contactIds[0]]: 2, [org.contactIds[1]]: 1 });
  });
});
