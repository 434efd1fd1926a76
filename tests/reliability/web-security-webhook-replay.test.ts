// Webhook replays: a captured delivery older (or newer) than 5 minutes is
// refused, and the signature covers the timestamp, so moving it breaks it.
import { randomUUID } from "node:crypto";
import { createOrganization, type OrgFixture } from "../support/fixtures";
import { getTestPrisma } from "../support/test-database";
import { deliverInbound, endpointOf } from "../support/webhook";
import { withRealtimeServer } from "./support/realtime-server";

const db = getTestPrisma();
withRealtimeServer();

describe("webhook replay protection", () => {
  let org: OrgFixture;
  beforeAll(async () => {
    org = await createOrganization(db, { members: { agent: "agent" }, contacts: 1 });
  });

  const now = () => Math.floor(Date.now() / 1000);

  it("a correctly signed delivery older (or newer) than 5 minutes is refused and stores nothing", async () => {
    for (const skew of [-301, -3600, -86_400 * 365, 301, 7200]) {
      const externalId = `replay-${randomUUID()}`;
      const response = await deliverInbound({ contactId: org.contactIds[0], body: "captured", externalId }, { timestamp: now() + skew });
      expect(response.status, `skew ${skew}`).toBe(401);
      expect((await response.json()).error.message).toMatch(/5 minutes/);
      expect(await db.message.count({ where: { externalId } })).toBe(0);
    }
  });

  it("within the window it is accepted; replaying the same delivery inside the window creates nothing new", async () => {
    const externalId = `fresh-${randomUUID()}`;
    const payload = { contactId: org.contactIds[0], body: "fresh", externalId };
    const first = await deliverInbound(payload, { timestamp: now() - 290 });
    expect(first.status).toBe(201);
    const replay = await deliverInbound(payload, { timestamp: now() - 290 });
    expect(replay.status).toBe(200);
    expect((await replay.json()).id).toBe((await first.json()).id);
    expect(await db.message.count({ where: { externalId } })).toBe(1);
  });

  it("the timestamp is part of what is signed: moving a captured delivery's timestamp breaks the signature", async () => {
    const raw = JSON.stringify({ contactId: org.contactIds[0], body: "moved" });
    const { signInboundWebhook } = await import("@/lib/webhooks/inbound-signature");
    const old = now() - 3600;
    const signature = signInboundWebhook((await endpointOf(org.organizationId)).secret, old, raw);
    const moved = await deliverInbound(raw, { timestamp: now(), signature });
    expect(moved.status).toBe(401);
  });

  it("a signature of the right length that differs anywhere is refused (no prefix match, no case folding)", async () => {
    const raw = JSON.stringify({ contactId: org.contactIds[0], body: "tamper" });
    const { signInboundWebhook } = await import("@/lib/webhooks/inbound-signature");
    const timestamp = now();
    const good = signInboundWebhook((await endpointOf(org.organizationId)).secret, timestamp, raw);
    const flip = (index: number) => `${good.slice(0, index)}${good[index] === "0" ? "1" : "0"}${good.slice(index + 1)}`;
    for (const candidate of [flip(7), flip(40), flip(good.length - 1), good.toUpperCase(), good.slice(0, -1), `${good}0`, `sha1=${good.slice(7)}`]) {
      const response = await deliverInbound(raw, { timestamp, signature: candidate });
      expect(response.status, candidate).toBe(401);
    }
    expect((await deliverInbound(raw, { timestamp, signature: good })).status).toBe(201);
  });
});
