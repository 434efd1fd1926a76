import { randomUUID } from "node:crypto";
import { BadgerApiError } from "@/lib/client/badger-api";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { apiAs, inProcessFetch, sessionCookie } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";

describe("GET /api/messaging/unread-counts", () => {
  const db = getTestPrisma();
  let org: OrgFixture;
  let other: OrgFixture;

  beforeAll(async () => {
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent", vera: "viewer" }, contacts: 4 });
    other = await createOrganization(db, { members: { dave: "agent" }, contacts: 1 });
    const [c0, c1, c2] = org.contactIds;
    await addMessages(db, org.organizationId, [
      { contactId: c0, createdAt: minutesAgo(30) },
      { contactId: c0, createdAt: minutesAgo(20) },
      { contactId: c0, createdAt: minutesAgo(10) },
      { contactId: c1, createdAt: minutesAgo(5) },
      // never counted: outbound, system, deleted
      { contactId: c2, direction: "outbound", createdAt: minutesAgo(4) },
      { contactId: c2, kind: "system", createdAt: minutesAgo(3) },
      { contactId: c2, deletedAt: new Date(), createdAt: minutesAgo(2) },
      // post and task count like chat
      { contactId: c1, kind: "post", createdAt: minutesAgo(2) },
      { contactId: c1, kind: "task", createdAt: minutesAgo(1) },
    ]);
    await addMessages(db, other.organizationId, [{ contactId: other.contactIds[0] }]);
    // alice has read c0 up to 15 minutes ago; bob has no read state at all.
    await db.conversationReadState.create({
      data: { organizationId: org.organizationId, userId: org.users.alice.id, contactId: c0, lastReadAt: minutesAgo(15) },
    });
  });

  const as = (key: string, fixture = org) =>
    apiAs({ userId: fixture.users[key].id, organizationId: fixture.organizationId });

  it("counts per user: alice after her read position, bob everything (epoch fallback)", async () => {
    const [c0, c1, c2, c3] = org.contactIds;
    const { api: alice } = await as("alice");
    const { api: bob } = await as("bob");
    expect((await alice.unreadCounts([c0, c1, c2, c3])).counts).toEqual({ [c0]: 1, [c1]: 3 });
    expect((await bob.unreadCounts([c0, c1, c2, c3])).counts).toEqual({ [c0]: 3, [c1]: 3 });
  });

  it("gives every requested contact's state, zeros included: version, total and the caller's readThrough", async () => {
    const [c0, c1, c2, c3] = org.contactIds;
    const { api: alice } = await as("alice");
    const { counts, states } = await alice.unreadCounts([c0, c1, c2, c3, other.contactIds[0]]);
    // c2's messages never counted (outbound, system, created deleted): version 0. Another org's id is absent.
    expect(states).toEqual({
      [c0]: { version: 3, total: 3, readThrough: 2, lastReadAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), muted: false },
      [c1]: { version: 3, total: 3, readThrough: 0, lastReadAt: null, muted: false },
      [c2]: { version: 0, total: 0, readThrough: 0, lastReadAt: null, muted: false },
      [c3]: { version: 0, total: 0, readThrough: 0, lastReadAt: null, muted: false },
    });
    for (const [id, state] of Object.entries(states)) expect(counts[id] ?? 0).toBe(state.total - state.readThrough);
  });

  it("omits zero counts and never counts system, outbound or deleted messages", async () => {
    const { api } = await as("bob");
    const { counts } = await api.unreadCounts([org.contactIds[2], org.contactIds[3]]);
    expect(counts).toEqual({});
  });

  it("deduplicates, trims and ignores empty items", async () => {
    const [c0, c1] = org.contactIds;
    const { fetch } = await as("bob");
    const response = await fetch(`/api/messaging/unread-counts?contact_ids=${c0}, ,${c1},,${c0.toUpperCase()} `);
    expect(response.status).toBe(200);
    expect((await response.json()).counts).toEqual({ [c0]: 3, [c1]: 3 });
  });

  it("answers {counts:{}} for no ids or an empty list", async () => {
    const { fetch } = await as("bob");
    for (const path of ["/api/messaging/unread-counts", "/api/messaging/unread-counts?contact_ids=", "/api/messaging/unread-counts?contact_ids=,,"]) {
      const response = await fetch(path);
      expect(response.status).toBe(200);
      expect((await response.json()).counts).toEqual({});
    }
  });

  it("rejects a malformed id with 400 naming it", async () => {
    const { fetch } = await as("bob");
    const response = await fetch(`/api/messaging/unread-counts?contact_ids=${org.contactIds[0]},not-a-uuid`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain("not-a-uuid");
  });

  it("GET rejects more than 200 distinct ids, accepts exactly 200", async () => {
    const { fetch } = await as("bob");
    const ids = Array.from({ length: 200 }, () => randomUUID());
    const get = (list: string[]) => fetch(`/api/messaging/unread-counts?contact_ids=${list.join(",")}`);
    expect(await (await get(ids)).json()).toEqual({ counts: {}, states: {} });
    expect((await get([...ids, randomUUID()])).status).toBe(400);
    // duplicates do not count toward the limit
    expect((await get([...ids, ...ids])).status).toBe(200);
  });

  it("leaves other organizations' and unknown ids out, without an error", async () => {
    const { api } = await as("alice");
    const foreign = other.contactIds[0];
    const { counts } = await api.unreadCounts([foreign, randomUUID(), org.contactIds[0]]);
    expect(Object.keys(counts)).toEqual([org.contactIds[0]]);
  });

  it("needs a session (401) and messages:list (403 for a viewer)", async () => {
    const anonymous = await inProcessFetch()(`/api/messaging/unread-counts?contact_ids=${org.contactIds[0]}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    const { api: vera } = await as("vera");
    await expect(vera.unreadCounts([org.contactIds[0]])).rejects.toBeInstanceOf(BadgerApiError);
    await expect(vera.unreadCounts([org.contactIds[0]])).rejects.toMatchObject({ status: 403, code: "forbidden" });
  });

  it("refuses a token whose user is not a member of the claimed organization", async () => {
    const cookie = await sessionCookie({ userId: other.users.dave.id, organizationId: org.organizationId });
    const response = await inProcessFetch(cookie)(`/api/messaging/unread-counts?contact_ids=${org.contactIds[0]}`);
    expect(response.status).toBe(403);
  });

  it("refuses other methods with a JSON 405", async () => {
    const { fetch } = await as("bob");
    const response = await fetch("/api/messaging/unread-counts", { method: "PUT" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });
});
