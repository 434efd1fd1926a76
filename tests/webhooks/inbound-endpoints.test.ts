// Issue 13, item 1: a delivery writes only into the organization that owns the
// endpoint it came through, with that endpoint's (encrypted, rotatable) secret.
import { randomUUID } from "node:crypto";
import { createOrganization, type OrgFixture } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";
import { deliverInbound, endpointOf, type TestEndpoint } from "../support/webhook";

const db = getTestPrisma();
const messagesOf = (contactId: string) => db.message.count({ where: { contactId } });

describe("per-organization inbound endpoints", () => {
  let acme: OrgFixture;
  let globex: OrgFixture;
  let acmeEndpoint: TestEndpoint;

  beforeAll(async () => {
    acme = await createOrganization(db, { members: { alice: "admin" }, contacts: 2 });
    globex = await createOrganization(db, { members: { dave: "admin" }, contacts: 1 });
    acmeEndpoint = await endpointOf(acme.organizationId);
  });

  it("stores a delivery for the endpoint's own contact: 201, then 200 on a retry of the same externalId", async () => {
    const payload = { contactId: acme.contactIds[0], body: "hello", externalId: `ext-${randomUUID()}` };
    const first = await deliverInbound(payload, { endpoint: acmeEndpoint });
    const retry = await deliverInbound(payload, { endpoint: acmeEndpoint });
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect((await retry.json()).id).toBe((await first.json()).id);
    const stored = await db.message.findFirstOrThrow({ where: { externalId: payload.externalId } });
    expect(stored.organizationId).toBe(acme.organizationId);
  });

  it("404s a correctly signed delivery for another organization's contact, and writes nothing", async () => {
    const before = await messagesOf(globex.contactIds[0]);
    const response = await deliverInbound({ contactId: globex.contactIds[0], body: "cross-tenant" }, { endpoint: acmeEndpoint });
    expect(response.status).toBe(404);
    const unknown = await deliverInbound({ contactId: randomUUID(), body: "nobody" }, { endpoint: acmeEndpoint });
    expect(unknown.status).toBe(404);
    // Indistinguishable: another organization's contact looks exactly like a missing one.
    expect(await response.json()).toEqual(await unknown.json());
    expect(await messagesOf(globex.contactIds[0])).toBe(before);
  });

  it("401s a delivery signed with another organization's secret", async () => {
    const globexEndpoint = await endpointOf(globex.organizationId);
    const response = await deliverInbound(
      { contactId: acme.contactIds[0], body: "wrong key" },
      { endpoint: acmeEndpoint, secret: globexEndpoint.secret },
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("404s an endpoint that does not exist or is not a UUID", async () => {
    for (const id of [randomUUID(), "not-a-uuid"]) {
      const endpoint = { ...acmeEndpoint, id, path: `/api/webhooks/inbound/${id}` };
      const response = await deliverInbound({ contactId: acme.contactIds[0], body: "lost" }, { endpoint });
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
  });

  it("stores secrets encrypted: no column holds the secret or its hex/base64 forms", async () => {
    const { api } = await apiAs({ userId: acme.users.alice.id, organizationId: acme.organizationId });
    const { endpoint, secret } = await api.createInboundEndpoint("Encrypted check");
    const rows = await db.$queryRaw<{ row: string }[]>`
      SELECT row_to_json(s)::text AS row FROM inbound_endpoint_secret s WHERE endpoint_id = ${endpoint.id}::uuid`;
    expect(rows).toHaveLength(1);
    for (const form of [secret, secret.slice(6), Buffer.from(secret).toString("hex"), Buffer.from(secret).toString("base64")]) {
      expect(rows[0].row).not.toContain(form);
    }
  });

  it("rotation keeps the previous secret valid during the overlap, and both end as specified", async () => {
    const { api } = await apiAs({ userId: acme.users.alice.id, organizationId: acme.organizationId });
    const created = await api.createInboundEndpoint("Rotating provider");
    const base = { id: created.endpoint.id, path: created.endpoint.path };
    const send = (secret: string) =>
      deliverInbound({ contactId: acme.contactIds[1], body: `rotation ${randomUUID()}` }, { endpoint: { ...base, secret } });

    const rotated = await api.rotateInboundEndpoint(created.endpoint.id, 60);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.endpoint.secrets).toHaveLength(2);
    expect((await send(created.secret)).status).toBe(201);
    expect((await send(rotated.secret)).status).toBe(201);

    // A rotation with no overlap retires the previous secret at once, and ends
    // the earlier overlap too: never more than two live secrets.
    const immediate = await api.rotateInboundEndpoint(created.endpoint.id, 0);
    expect(immediate.endpoint.secrets).toHaveLength(1);
    expect((await send(created.secret)).status).toBe(401);
    expect((await send(rotated.secret)).status).toBe(401);
    expect((await send(immediate.secret)).status).toBe(201);
    expect(await db.inboundEndpointSecret.count({ where: { endpointId: created.endpoint.id } })).toBe(1);
  });

  it("an overlapping secret stops working once its window has passed", async () => {
    const { api } = await apiAs({ userId: acme.users.alice.id, organizationId: acme.organizationId });
    const created = await api.createInboundEndpoint("Expiring provider");
    await api.rotateInboundEndpoint(created.endpoint.id, 30);
    await db.inboundEndpointSecret.updateMany({
      where: { endpointId: created.endpoint.id, expiresAt: { not: null } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const endpoint = { id: created.endpoint.id, path: created.endpoint.path, secret: created.secret };
    const response = await deliverInbound({ contactId: acme.contactIds[0], body: "too late" }, { endpoint });
    expect(response.status).toBe(401);
  });

  it("a revoked endpoint accepts nothing (404), and its secrets are gone", async () => {
    const { api } = await apiAs({ userId: acme.users.alice.id, organizationId: acme.organizationId });
    const created = await api.createInboundEndpoint("Revoked provider");
    await api.revokeInboundEndpoint(created.endpoint.id);
    const endpoint = { id: created.endpoint.id, path: created.endpoint.path, secret: created.secret };
    const response = await deliverInbound({ contactId: acme.contactIds[0], body: "after revoke" }, { endpoint });
    expect(response.status).toBe(404);
    expect(await db.inboundEndpointSecret.count({ where: { endpointId: created.endpoint.id } })).toBe(0);
    expect((await api.inboundEndpoints()).endpoints.map((entry) => entry.id)).not.toContain(created.endpoint.id);
  });

  it("the global secret of old is gone: the bare /api/webhooks/inbound path stores nothing", async () => {
    const { inProcessFetch } = await import("../support/in-process-fetch");
    const response = await inProcessFetch()("/api/webhooks/inbound", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contactId: acme.contactIds[0], body: "global" }),
    });
    expect(response.status).toBe(404);
  });
});
