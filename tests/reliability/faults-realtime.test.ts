// Realtime faults: the realtime server is best effort. Stopped, stalled, or
// restarted under traffic, every write endpoint still answers success quickly
// and stores its data; once the server is back, the same app process (no
// restart, same SDK instance) delivers events again.
import { captureLogOutput } from "../support/capture-log";
import { randomUUID } from "node:crypto";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { resetServerConfigForTests } from "@/lib/config/server-config";
import { startLocalPusherServer, type LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { resetPusherForTests } from "@/lib/realtime/pusher-server";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { connectListener, startRealtime, type Listener } from "../support/realtime";
import { getTestPrisma } from "../support/test-database";
import { deliverInbound } from "../support/webhook";
import { SAME_ORIGIN_HEADERS, callRoute, cookieFor } from "./support/call-route";

const db = getTestPrisma();
const now = () => performance.now();

type Write = { name: string; run: () => Promise<Response>; expectStatus: number; stored: () => Promise<boolean> };

/** Every write endpoint, each with a check that its data is in the database afterwards. */
async function writeEndpoints(org: OrgFixture): Promise<Write[]> {
  const admin = org.users.admin.id;
  const cookie = await cookieFor(admin, org.organizationId);
  const contactId = org.contactIds[0];
  const [toDelete] = await addMessages(db, org.organizationId, [{ contactId, createdAt: minutesAgo(2), body: "delete me" }]);
  const externalId = `outage-${randomUUID()}`;
  const sentBody = `reply ${randomUUID()}`;
  const headers = { ...SAME_ORIGIN_HEADERS, "x-socket-id": "123.456" };
  const position = () => db.conversationReadState.findUnique({ where: { userId_contactId: { userId: admin, contactId } } });
  let before: Date | undefined;
  return [
    {
      name: "POST /api/webhooks/inbound",
      run: () => deliverInbound({ contactId, body: "are you there?", externalId }),
      expectStatus: 201,
      stored: async () => (await db.message.count({ where: { externalId } })) === 1,
    },
    {
      name: "POST …/read",
      run: () => callRoute({ route: "/api/messaging/contacts/[contactId]/read", method: "POST", params: { contactId }, headers, cookie }),
      expectStatus: 204,
      stored: async () => {
        const row = await position();
        before = row?.lastReadAt;
        return row !== null && row.lastReadAt.getTime() > Date.now() - 60_000;
      },
    },
    {
      name: "POST …/unread",
      run: () => callRoute({ route: "/api/messaging/contacts/[contactId]/unread", method: "POST", params: { contactId }, headers, cookie }),
      expectStatus: 204,
      stored: async () => {
        const row = await position();
        return row !== null && before !== undefined && row.lastReadAt < before;
      },
    },
    {
      name: "POST /api/messaging/read-all",
      run: () => callRoute({ route: "/api/messaging/read-all", method: "POST", headers, cookie }),
      expectStatus: 204,
      stored: async () => ((await position())?.lastReadAt.getTime() ?? 0) > Date.now() - 60_000,
    },
    {
      name: "POST …/messages (send)",
      run: () =>
        callRoute({
          route: "/api/messaging/contacts/[contactId]/messages",
          method: "POST",
          params: { contactId },
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ body: sentBody }),
          cookie,
        }),
      expectStatus: 201,
      stored: async () => (await db.message.count({ where: { body: sentBody, direction: "outbound" } })) === 1,
    },
    {
      name: "DELETE /api/messaging/messages/{id}",
      run: () => callRoute({ route: "/api/messaging/messages/[messageId]", method: "DELETE", params: { messageId: toDelete }, headers, cookie }),
      expectStatus: 204,
      stored: async () => (await db.message.findUniqueOrThrow({ where: { id: toDelete } })).deletedAt !== null,
    },
    {
      // not a write, but the client needs it to come back: it only signs, it never calls the server
      name: "POST /api/pusher/auth",
      run: () =>
        callRoute({
          route: "/api/pusher/auth",
          method: "POST",
          headers: { ...SAME_ORIGIN_HEADERS, "content-type": "application/x-www-form-urlencoded" },
          body: `socket_id=1.2&channel_name=private-user-${admin}`,
          cookie,
        }),
      expectStatus: 200,
      stored: async () => true,
    },
  ];
}

async function expectAllSucceed(org: OrgFixture, boundMs: number) {
  const timings: Record<string, number> = {};
  for (const write of await writeEndpoints(org)) {
    const started = now();
    const response = await write.run();
    timings[write.name] = Math.round(now() - started);
    expect(response.status, `${write.name}: ${await response.clone().text()}`).toBe(write.expectStatus);
    expect(await write.stored(), `${write.name} stored its data`).toBe(true);
    expect(timings[write.name], `${write.name} took ${timings[write.name]} ms`).toBeLessThan(boundMs);
  }
  return timings;
}

function pointSdkAt(port: number, timeoutMs: string) {
  process.env.PUSHER_PORT = String(port);
  process.env.PUSHER_TIMEOUT_MS = timeoutMs;
  resetServerConfigForTests();
  resetPusherForTests();
}

describe("realtime server faults", () => {
  const silence = () => captureLogOutput();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("stopped (connection refused): every write endpoint succeeds, stores its data, and answers fast", async () => {
    const server = await startRealtime();
    await server.close();
    const errors = silence();
    const org = await createOrganization(db, { members: { admin: "admin" }, contacts: 1 });
    await addMessages(db, org.organizationId, [{ contactId: org.contactIds[0], createdAt: minutesAgo(3) }]);
    const timings = await expectAllSucceed(org, 1_500);
    console.info(`[faults] realtime stopped: ${JSON.stringify(timings)}`);
    // the failures were logged, not swallowed
    expect(errors.text()).toMatch(/\[realtime\] .* not delivered/);
  });

  it("stalled (accepts connections, never answers): every write endpoint succeeds within the publish timeout", async () => {
    const sockets: net.Socket[] = [];
    const blackhole = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    await startRealtime().then((server) => server.close());
    pointSdkAt((blackhole.address() as net.AddressInfo).port, "300");
    silence();
    try {
      const org = await createOrganization(db, { members: { admin: "admin" }, contacts: 1 });
      await addMessages(db, org.organizationId, [{ contactId: org.contactIds[0], createdAt: minutesAgo(3) }]);
      // 300 ms publish timeout, at most two publishes per request (send: message.new + conversation.read, in parallel)
      const timings = await expectAllSucceed(org, 1_500);
      console.info(`[faults] realtime stalled: ${JSON.stringify(timings)}`);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => blackhole.close(resolve));
    }
  });

  it("restarted under traffic: writes succeed throughout, and events flow again without restarting the app", async () => {
    let server: LocalPusherServer = await startRealtime();
    const port = server.port;
    const credentials = { appId: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET! };
    const org = await createOrganization(db, { members: { admin: "admin" }, contacts: 2 });
    const cookie = await cookieFor(org.users.admin.id, org.organizationId);
    const listeners: Listener[] = [];
    const channel = `private-org-${org.organizationId}`;
    try {
      const first = await connectListener(port, cookie);
      listeners.push(first);
      await first.subscribe(channel);
      const delivered = await deliverInbound({ contactId: org.contactIds[0], body: "before the restart" });
      const { id: beforeId } = (await delivered.json()) as { id: string };
      await first.waitFor((event) => (event.data as { id?: string }).id === beforeId);

      // the server goes away while messages keep arriving
      first.close();
      await server.close();
      silence();
      const duringIds: string[] = [];
      for (let index = 0; index < 10; index++) {
        const started = now();
        const response = await deliverInbound({ contactId: org.contactIds[index % 2], body: `during the outage ${index}` });
        expect(response.status).toBe(201);
        expect(now() - started).toBeLessThan(1_500);
        duringIds.push(((await response.json()) as { id: string }).id);
      }
      expect(await db.message.count({ where: { id: { in: duringIds } } })).toBe(10);
      vi.restoreAllMocks();

      // back on the same port; the app's SDK instance is the one it had all along
      server = await startLocalPusherServer({ ...credentials, port });
      const second = await connectListener(port, cookie);
      listeners.push(second);
      await second.subscribe(channel);
      const after = await deliverInbound({ contactId: org.contactIds[1], body: "after the restart" });
      const { id: afterId } = (await after.json()) as { id: string };
      const event = (await second.waitFor((entry) => (entry.data as { id?: string }).id === afterId)) as { contactId: string };
      expect(event.contactId).toBe(org.contactIds[1]);
    } finally {
      listeners.forEach((listener) => listener.close());
      await server.close();
    }
  });
});
