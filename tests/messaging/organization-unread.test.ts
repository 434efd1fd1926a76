// The switcher's other organizations (issue 14, item 4): per organization
// the member's contacts with unread messages or muted; only organizations
// whose messages the member may see; never the active one.
import { addMessages, createOrganization } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();

describe("GET /api/messaging/organizations/unread", () => {
  it("answers each other organization's unread and muted contacts for this member", async () => {
    const home = await createOrganization(db, { members: { olivia: "agent" }, contacts: 1 });
    const away = await createOrganization(db, { members: { dave: "agent" }, contacts: 3 });
    const watched = await createOrganization(db, { members: { eve: "agent" }, contacts: 1 });
    const olivia = home.users.olivia.id;
    await db.membership.create({ data: { userId: olivia, organizationId: away.organizationId, role: "agent" } });
    // A viewer elsewhere may not see that organization's messages: left out.
    await db.membership.create({ data: { userId: olivia, organizationId: watched.organizationId, role: "viewer" } });
    const [a0, a1, a2] = away.contactIds;
    await addMessages(db, away.organizationId, [{ contactId: a0 }, { contactId: a0 }, { contactId: a1 }, { contactId: a2, direction: "outbound" }]);
    await addMessages(db, watched.organizationId, [{ contactId: watched.contactIds[0] }]);

    const there = await apiAs({ userId: olivia, organizationId: away.organizationId });
    await there.api.setMuted(a1, true);
    await there.api.markRead(a2);

    const { api } = await apiAs({ userId: olivia, organizationId: home.organizationId });
    const { organizations } = await api.organizationsUnread();
    expect(organizations).toHaveLength(1);
    expect(organizations[0].organizationId).toBe(away.organizationId);
    const byId = Object.fromEntries(organizations[0].contacts.map((contact) => [contact.contactId, contact]));
    expect(Object.keys(byId).sort()).toEqual([a0, a1].sort());
    expect(byId[a0]).toEqual({ contactId: a0, unread: 2, lastReadAt: null, muted: false });
    expect(byId[a1]).toEqual({ contactId: a1, unread: 1, lastReadAt: null, muted: true });
  });
});
