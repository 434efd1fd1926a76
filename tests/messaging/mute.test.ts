// Mute (issue 14, item 3): per member, persisted, idempotent, scoped to the
// organization, and never a change of any count or read position.
import { BadgerApiError } from "@/lib/client/badger-api";
import type { LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { addMessages, createOrganization, type OrgFixture } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { connectListener, startRealtime, type Listener } from "../support/realtime";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();

describe("muting a conversation", () => {
  let server: LocalPusherServer;
  let org: OrgFixture;
  let other: OrgFixture;
  const listeners: Listener[] = [];

  beforeAll(async () => {
    server = await startRealtime();
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent", vera: "viewer" }, contacts: 2 });
    other = await createOrganization(db, { members: { dave: "agent" }, contacts: 1 });
    await addMessages(db, org.organizationId, [{ contactId: org.contactIds[0] }, { contactId: org.contactIds[0] }, { contactId: org.contactIds[0] }]);
  });

  afterAll(async () => {
    listeners.forEach((listener) => listener.close());
    await server.close();
  });

  const as = (user: string, fixture = org) => apiAs({ userId: fixture.users[user].id, organizationId: fixture.organizationId });

  it("mutes for that member only, keeps the exact count and creates no read state", async () => {
    const { api, cookie } = await as("alice");
    const tab = await connectListener(server.port, cookie);
    listeners.push(tab);
    await tab.subscribe(`private-user-${org.users.alice.id}`);
    const contactId = org.contactIds[0];

    await api.setMuted(contactId, true);
    await api.setMuted(contactId, true); // idempotent: still a 204

    const page = await api.contacts({ limit: 10 });
    const row = page.contacts.find((contact) => contact.id === contactId)!;
    expect(row).toMatchObject({ muted: true, unreadCount: 3 });
    expect(page.contacts.find((contact) => contact.id === org.contactIds[1])?.muted).toBe(false);
    const counts = await api.unreadCounts([contactId]);
    expect(counts.counts[contactId]).toBe(3);
    expect(counts.states[contactId].muted).toBe(true);
    expect(await db.conversationReadState.count({ where: { contactId } })).toBe(0);

    const bob = await (await as("bob")).api.contacts({ limit: 10 });
    expect(bob.contacts.find((contact) => contact.id === contactId)?.muted).toBe(false);

    expect(await tab.waitFor((entry) => entry.event === "conversation.muted")).toEqual({
      contactId,
      organizationId: org.organizationId,
      muted: true,
      unreadCount: 3,
    });

    await api.setMuted(contactId, false);
    await api.setMuted(contactId, false);
    expect((await api.unreadCounts([contactId])).states[contactId].muted).toBe(false);
    expect(await db.conversationMute.count({ where: { contactId } })).toBe(0);
    await tab.waitFor((entry) => entry.event === "conversation.muted" && (entry.data as { muted: boolean }).muted === false);
  });

  it("is a 404 for another organization's contact and a 403 for a viewer", async () => {
    const { api } = await as("alice");
    const foreign = await api.setMuted(other.contactIds[0], true).catch((error: unknown) => error);
    expect(foreign).toBeInstanceOf(BadgerApiError);
    expect((foreign as BadgerApiError).status).toBe(404);
    expect(await db.conversationMute.count({ where: { contactId: other.contactIds[0] } })).toBe(0);

    const viewer = await (await as("vera")).api.setMuted(org.contactIds[0], true).catch((error: unknown) => error);
    expect((viewer as BadgerApiError).status).toBe(403);
    expect((viewer as BadgerApiError).code).toBe("forbidden");
  });

  it("goes away with its contact", async () => {
    const { api } = await as("bob");
    await api.setMuted(org.contactIds[1], true);
    await db.contact.delete({ where: { id: org.contactIds[1] } });
    expect(await db.conversationMute.count({ where: { contactId: org.contactIds[1] } })).toBe(0);
  });
});
