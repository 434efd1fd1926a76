import { randomUUID } from "node:crypto";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();

describe("GET /api/messaging/contacts", () => {
  let org: OrgFixture;
  let other: OrgFixture;

  beforeAll(async () => {
    org = await createOrganization(db, { members: { alice: "admin", vera: "viewer" }, contacts: 25 });
    other = await createOrganization(db, { members: { dave: "agent" }, contacts: 2 });
    // Contacts 0..19 get one message each at distinct times, some sharing a
    // timestamp to exercise the id tiebreaker; 20..24 have no messages.
    const shared = minutesAgo(500);
    await addMessages(
      db,
      org.organizationId,
      org.contactIds.slice(0, 20).map((contactId, index) => ({
        contactId,
        createdAt: index % 5 === 0 ? shared : minutesAgo(400 - index),
        direction: index % 3 === 0 ? "outbound" : "inbound",
        body: `message for ${index} `.repeat(12),
      })),
    );
    await addMessages(db, other.organizationId, [{ contactId: other.contactIds[0] }]);
  });

  const alice = () => apiAs({ userId: org.users.alice.id, organizationId: org.organizationId });

  it("pages through every contact once, newest conversation first, no gaps or duplicates", async () => {
    const { api } = await alice();
    const seen: string[] = [];
    const times: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const page = await api.contacts({ limit: 7, cursor });
      for (const contact of page.contacts) {
        seen.push(contact.id);
        times.push(contact.lastMessage?.createdAt ?? null);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(org.contactIds));
    const withMessages = times.filter((time): time is string => time !== null);
    expect(withMessages).toEqual([...withMessages].sort().reverse());
    // contacts without messages come last
    expect(times.slice(20)).toEqual([null, null, null, null, null]);
  });

  it("summarises each contact with its unread count and an 80-character preview", async () => {
    const { api } = await alice();
    const { contacts } = await api.contacts({ limit: 100 });
    const inbound = contacts.find((contact) => contact.lastMessage?.direction === "inbound");
    expect(inbound).toMatchObject({ unreadCount: 1, lastReadAt: null });
    expect(inbound!.lastMessage!.preview.length).toBeLessThanOrEqual(80);
    const outbound = contacts.find((contact) => contact.lastMessage?.direction === "outbound");
    expect(outbound!.unreadCount).toBe(0);
  });

  it("filter=unread returns only contacts with a badge, and agrees with unread-counts", async () => {
    const { api } = await alice();
    const { contacts } = await api.contacts({ filter: "unread", limit: 100 });
    const { counts } = await api.unreadCounts(org.contactIds);
    expect(Object.fromEntries(contacts.map((contact) => [contact.id, contact.unreadCount]))).toEqual(counts);
    expect(contacts.every((contact) => contact.unreadCount > 0)).toBe(true);
  });

  it("never lists another organization's contacts", async () => {
    const { api } = await alice();
    const { contacts } = await api.contacts({ limit: 100 });
    expect(contacts.some((contact) => other.contactIds.includes(contact.id))).toBe(false);
  });

  it.each([
    ["filter=everything", "filter"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=abc", "limit"],
    ["cursor=garbage", "cursor"],
    ["limit=5&limit=6", "limit"],
  ])("400s for %s", async (query) => {
    const { fetch } = await alice();
    const response = await fetch(`/api/messaging/contacts?${query}`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("bad_request");
  });

  it("403s for a viewer", async () => {
    const { fetch } = await apiAs({ userId: org.users.vera.id, organizationId: org.organizationId });
    expect((await fetch("/api/messaging/contacts")).status).toBe(403);
  });
});

describe("conversation messages and deletion", () => {
  let org: OrgFixture;
  let other: OrgFixture;
  let ids: string[];

  beforeEach(async () => {
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent" }, contacts: 1 });
    other = await createOrganization(db, { members: { dave: "admin" }, contacts: 1 });
    ids = await addMessages(
      db,
      org.organizationId,
      Array.from({ length: 12 }, (_, index) => ({ contactId: org.contactIds[0], createdAt: minutesAgo(60 - index) })),
    );
  });

  const as = (key: string, fixture = org) =>
    apiAs({ userId: fixture.users[key].id, organizationId: fixture.organizationId });

  it("pages the conversation newest first without deleted messages", async () => {
    await db.message.update({ where: { id: ids[11] }, data: { deletedAt: new Date() } });
    const { api } = await as("bob");
    const first = await api.messages(org.contactIds[0], { limit: 5 });
    expect(first.messages.map((message) => message.id)).toEqual([ids[10], ids[9], ids[8], ids[7], ids[6]]);
    const second = await api.messages(org.contactIds[0], { limit: 5, before: first.nextCursor });
    const third = await api.messages(org.contactIds[0], { limit: 5, before: second.nextCursor });
    expect([...second.messages, ...third.messages].map((message) => message.id)).toEqual(ids.slice(0, 6).reverse());
    expect(third.nextCursor).toBeNull();
  });

  it("404s for another organization's conversation", async () => {
    const { fetch } = await as("bob");
    const response = await fetch(`/api/messaging/contacts/${other.contactIds[0]}/messages`);
    expect(response.status).toBe(404);
  });

  it("delete: 204, stops counting at once, second delete 404, other org's message 404", async () => {
    const { api, fetch } = await as("alice");
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual({ [org.contactIds[0]]: 12 });
    const response = await fetch(`/api/messaging/messages/${ids[3]}`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual({ [org.contactIds[0]]: 11 });
    expect((await fetch(`/api/messaging/messages/${ids[3]}`, { method: "DELETE" })).status).toBe(404);
    const [foreign] = await addMessages(db, other.organizationId, [{ contactId: other.contactIds[0] }]);
    const foreignResponse = await fetch(`/api/messaging/messages/${foreign}`, { method: "DELETE" });
    const missingResponse = await fetch(`/api/messaging/messages/${randomUUID()}`, { method: "DELETE" });
    expect(foreignResponse.status).toBe(404);
    expect(await foreignResponse.json()).toEqual(await missingResponse.json());
    expect((await db.message.findUniqueOrThrow({ where: { id: foreign } })).deletedAt).toBeNull();
  });

  it("delete needs messages:delete (an agent gets 403)", async () => {
    const { fetch } = await as("bob");
    expect((await fetch(`/api/messaging/messages/${ids[0]}`, { method: "DELETE" })).status).toBe(403);
    expect((await db.message.findUniqueOrThrow({ where: { id: ids[0] } })).deletedAt).toBeNull();
  });

  it("sending a reply stores an outbound message and reads the conversation for the sender", async () => {
    const { api } = await as("bob");
    const { message } = await api.sendMessage(org.contactIds[0], "On it!");
    expect(message).toMatchObject({ direction: "outbound", body: "On it!", authorName: expect.stringContaining("bob") });
    expect((await api.unreadCounts(org.contactIds)).counts).toEqual({});
    const { api: alice } = await as("alice");
    expect((await alice.unreadCounts(org.contactIds)).counts).toEqual({ [org.contactIds[0]]: 12 });
  });
});
