import { randomUUID } from "node:crypto";
import type { LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { createOrganization, type OrgFixture } from "../support/fixtures";
import { inProcessFetch, sessionCookie } from "../support/in-process-fetch";
import { connectListener, startRealtime, type Listener } from "../support/realtime";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();

describe("POST /api/pusher/auth", () => {
  let server: LocalPusherServer;
  let acme: OrgFixture;
  let globex: OrgFixture;
  const listeners: Listener[] = [];

  beforeAll(async () => {
    server = await startRealtime();
    acme = await createOrganization(db, { members: { alice: "admin", bob: "agent", vera: "viewer" } });
    globex = await createOrganization(db, { members: { dave: "agent" } });
  });

  afterAll(async () => {
    listeners.forEach((listener) => listener.close());
    await server.close();
  });

  const cookieOf = (fixture: OrgFixture, key: string) =>
    sessionCookie({ userId: fixture.users[key].id, organizationId: fixture.organizationId });

  type Case = [string, () => Promise<string | undefined>, () => string, "allowed" | "denied"];
  const cases: Case[] = [
    ["alice → her org", () => cookieOf(acme, "alice"), () => `private-org-${acme.organizationId}`, "allowed"],
    ["bob (agent) → his org", () => cookieOf(acme, "bob"), () => `private-org-${acme.organizationId}`, "allowed"],
    ["alice → her user channel", () => cookieOf(acme, "alice"), () => `private-user-${acme.users.alice.id}`, "allowed"],
    ["vera (viewer) → her own user channel", () => cookieOf(acme, "vera"), () => `private-user-${acme.users.vera.id}`, "allowed"],
    ["vera (viewer) → her org", () => cookieOf(acme, "vera"), () => `private-org-${acme.organizationId}`, "denied"],
    ["dave → another org", () => cookieOf(globex, "dave"), () => `private-org-${acme.organizationId}`, "denied"],
    ["alice → another user's channel", () => cookieOf(acme, "alice"), () => `private-user-${acme.users.bob.id}`, "denied"],
    ["anonymous → an org", async () => undefined, () => `private-org-${acme.organizationId}`, "denied"],
    ["anonymous → a user", async () => undefined, () => `private-user-${acme.users.alice.id}`, "denied"],
    ["alice → an unknown org", () => cookieOf(acme, "alice"), () => `private-org-${randomUUID()}`, "denied"],
    ["alice → a presence channel", () => cookieOf(acme, "alice"), () => `presence-org-${acme.organizationId}`, "denied"],
    ["alice → a lookalike channel", () => cookieOf(acme, "alice"), () => `private-org-${acme.organizationId}-x`, "denied"],
  ];

  it.each(cases)("%s: %s", async (_label, cookie, channel, expected) => {
    const listener = await connectListener(server.port, await cookie());
    listeners.push(listener);
    const outcome = await listener.subscribe(channel()).then(
      () => "allowed",
      () => "denied",
    );
    expect(outcome).toBe(expected);
  });

  it("answers the route's own status codes: 403 JSON when refused, 400 for a malformed request", async () => {
    const refused = await inProcessFetch()("/api/pusher/auth", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `socket_id=1.2&channel_name=private-org-${acme.organizationId}`,
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    const malformed = await inProcessFetch(await cookieOf(acme, "alice"))("/api/pusher/auth", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "socket_id=abc&channel_name=",
    });
    expect(malformed.status).toBe(400);
  });

  it("an Acme event never reaches a Globex browser, even one that tries to subscribe", async () => {
    const dave = await connectListener(server.port, await cookieOf(globex, "dave"));
    const alice = await connectListener(server.port, await cookieOf(acme, "alice"));
    listeners.push(dave, alice);
    await expect(dave.subscribe(`private-org-${acme.organizationId}`)).rejects.toBeTruthy();
    await alice.subscribe(`private-org-${acme.organizationId}`);
    const { getPusher } = await import("@/lib/realtime/pusher-server");
    await getPusher().trigger(`private-org-${acme.organizationId}`, "message.new", { id: "probe" });
    await alice.waitFor((entry) => entry.event === "message.new");
    expect(dave.events).toEqual([]);
  });
});
