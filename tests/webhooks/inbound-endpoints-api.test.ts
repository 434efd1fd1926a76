// Issue 13, item 1: only owners and admins manage endpoints; agents and
// viewers get 403, another organization's endpoint is a 404.
import { randomUUID } from "node:crypto";
import { BadgerApiError, type BadgerApi } from "@/lib/client/badger-api";
import { createOrganization, type OrgFixture } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof BadgerApiError) return error.status;
    throw error;
  }
}

describe("inbound endpoint admin API", () => {
  let org: OrgFixture;
  let other: OrgFixture;
  const apis: Record<string, BadgerApi> = {};

  beforeAll(async () => {
    org = await createOrganization(db, { members: { owner: "owner", admin: "admin", agent: "agent", viewer: "viewer" } });
    other = await createOrganization(db, { members: { admin: "admin" } });
    for (const key of Object.keys(org.users)) {
      apis[key] = (await apiAs({ userId: org.users[key].id, organizationId: org.organizationId })).api;
    }
    apis.foreignAdmin = (await apiAs({ userId: other.users.admin.id, organizationId: other.organizationId })).api;
  });

  it.each(["owner", "admin"])("%s creates, lists, rotates and revokes", async (role) => {
    const api = apis[role];
    const created = await api.createInboundEndpoint(`${role} provider`);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.endpoint.path).toBe(`/api/webhooks/inbound/${created.endpoint.id}`);
    expect(created.endpoint.secrets).toEqual([
      { id: expect.any(String), hint: `…${created.secret.slice(-4)}`, createdAt: expect.any(String), expiresAt: null },
    ]);
    const listed = await api.inboundEndpoints();
    const entry = listed.endpoints.find((endpoint) => endpoint.id === created.endpoint.id);
    expect(entry?.name).toBe(`${role} provider`);
    // The list never carries a secret, only its hint.
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const rotated = await api.rotateInboundEndpoint(created.endpoint.id);
    const previous = rotated.endpoint.secrets.find((secret) => secret.expiresAt !== null);
    // Default overlap: 24 hours.
    expect(new Date(previous!.expiresAt!).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    await api.revokeInboundEndpoint(created.endpoint.id);
    expect(await statusOf(api.revokeInboundEndpoint(created.endpoint.id))).toBe(404);
  });

  it.each(["agent", "viewer"])("%s gets 403 on every endpoint operation", async (role) => {
    const { endpoint } = await apis.admin.createInboundEndpoint("admin-only");
    const api = apis[role];
    expect(await statusOf(api.inboundEndpoints())).toBe(403);
    expect(await statusOf(api.createInboundEndpoint("mine"))).toBe(403);
    expect(await statusOf(api.rotateInboundEndpoint(endpoint.id))).toBe(403);
    expect(await statusOf(api.revokeInboundEndpoint(endpoint.id))).toBe(403);
    expect(await db.inboundEndpoint.count({ where: { organizationId: org.organizationId, name: "mine" } })).toBe(0);
  });

  it("another organization's admin gets 404 for this organization's endpoint, exactly as for a missing one", async () => {
    const { endpoint } = await apis.admin.createInboundEndpoint("ours");
    const foreign = apis.foreignAdmin;
    for (const call of [(id: string) => foreign.rotateInboundEndpoint(id), (id: string) => foreign.revokeInboundEndpoint(id)]) {
      expect(await statusOf(call(endpoint.id))).toBe(404);
      expect(await statusOf(call(randomUUID()))).toBe(404);
    }
    expect((await foreign.inboundEndpoints()).endpoints.map((entry) => entry.id)).not.toContain(endpoint.id);
    const still = await db.inboundEndpoint.findUniqueOrThrow({ where: { id: endpoint.id }, include: { secrets: true } });
    expect(still.revokedAt).toBeNull();
    expect(still.secrets).toHaveLength(1);
  });

  it.each([
    ["an empty name", { name: "  " }],
    ["a name over 80 characters", { name: "x".repeat(81) }],
    ["an unexpected field", { name: "ok", secret: "mine" }],
  ])("400s for %s", async (_label, body) => {
    const { fetch } = await apiAs({ userId: org.users.admin.id, organizationId: org.organizationId });
    const response = await fetch("/api/settings/inbound-endpoints", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
  });

  it("400s an overlap outside 0..7 days", async () => {
    const { endpoint } = await apis.admin.createInboundEndpoint("overlap bounds");
    expect(await statusOf(apis.admin.rotateInboundEndpoint(endpoint.id, -1))).toBe(400);
    expect(await statusOf(apis.admin.rotateInboundEndpoint(endpoint.id, 7 * 24 * 60 + 1))).toBe(400);
  });
});
