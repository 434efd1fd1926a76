// Issue 16's storm: 200 inbound messages, deletes, reads and unreads across
// 20 contacts, while four real pusher-js clients (two tabs each of alice and
// bob, the browser's own inbox code, headless) count their badges from the
// events. Two of them have events dropped and reordered on purpose. At the
// end every client's badge equals the oracle for every contact.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startHeadlessInbox, type HeadlessInbox } from "@/lib/inbox/headless-inbox";
import type { LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { createOrganization, type OrgFixture } from "../support/fixtures";
import { inProcessFetch, sessionCookie } from "../support/in-process-fetch";
import { startRealtime } from "../support/realtime";
import { getTestPrisma } from "../support/test-database";
import { oracleUnreadCounts } from "../support/unread-oracle";
import { deliverInbound } from "../support/webhook";

const db = getTestPrisma();
const CONTACTS = 20;
const STORM_MESSAGES = 180; // then one more per contact: 200 in all

type Client = { name: string; userId: string; inbox: HeadlessInbox; countRequests: string[] };

/** A deterministic sequence, so a failure replays the same storm. */
function random(seed: number) {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

async function inParallel(tasks: (() => Promise<unknown>)[], concurrency: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

describe("fan-out storm: counting from the events, with gaps", () => {
  let server: LocalPusherServer;
  let org: OrgFixture;
  let oracleDb: pg.Client;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startRealtime();
    oracleDb = new pg.Client({ connectionString: inject("databaseUrl") });
    await oracleDb.connect();
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent" }, contacts: CONTACTS });
    for (const name of ["alice-1", "alice-2", "bob-1", "bob-2"]) {
      const userId = org.users[name.split("-")[0]].id;
      const cookie = await sessionCookie({ userId, organizationId: org.organizationId });
      const countRequests: string[] = [];
      const appFetch = inProcessFetch(cookie);
      const fetch: typeof globalThis.fetch = (input, init) => {
        const url = String(input);
        if (url.includes("/unread-counts")) countRequests.push(url);
        return appFetch(input, init);
      };
      const inbox = await startHeadlessInbox({
        fetch,
        pusher: { key: process.env.PUSHER_KEY!, cluster: "local", wsHost: "127.0.0.1", wsPort: server.port, forceTLS: false },
        organizationId: org.organizationId,
        userId,
      });
      clients.push({ name, userId, inbox, countRequests });
    }
  });

  afterAll(async () => {
    clients.forEach((client) => client.inbox.stop());
    await oracleDb.end();
    await server.close();
  });

  it("leaves every client equal to the oracle, faulted ones healed by their own requests", async () => {
    const [alice1, alice2, bob1, bob2] = clients;
    const faulted = { [alice2.name]: alice2, [bob2.name]: bob2 };
    // Drops and reorders early in the storm, so later events reveal every gap.
    server.injectFault({ socketId: alice2.inbox.socketId()!, event: "message.new", action: "drop", count: 3 });
    server.injectFault({ socketId: alice2.inbox.socketId()!, event: "message.new", action: "reorder", count: 2 });
    server.injectFault({ socketId: bob2.inbox.socketId()!, event: "message.new", action: "reorder", count: 3 });
    server.injectFault({ socketId: bob2.inbox.socketId()!, event: "message.removed", action: "drop" });

    const next = random(16);
    const pick = <T,>(items: T[]) => items[Math.floor(next() * items.length)];
    const inbound: string[] = [];
    const tasks: (() => Promise<unknown>)[] = [];
    for (let index = 0; index < STORM_MESSAGES; index += 1) {
      const contactId = pick(org.contactIds);
      tasks.push(async () => {
        const response = await deliverInbound({ contactId, body: `storm ${index}`, externalId: `storm-${index}-${org.organizationId}` });
        inbound.push(((await response.json()) as { id: string }).id);
      });
      if (index % 8 === 7) tasks.push(() => (inbound.length ? alice1.inbox.controller.api.deleteMessage(inbound.splice(0, 1)[0]) : Promise.resolve()));
      // Within the mark-read limit (30 per 10 s per user).
      if (index % 12 === 5) tasks.push(async () => pick([alice1, bob1, bob2]).inbox.controller.markRead(pick(org.contactIds)));
      if (index % 30 === 11) tasks.push(() => pick([alice1, bob1]).inbox.controller.markUnread(pick(org.contactIds)));
    }
    await inParallel(tasks, 4);
    // One more message per contact after the storm: every gap shows as a version jump.
    await inParallel(
      org.contactIds.map((contactId) => () => deliverInbound({ contactId, body: "closing round" })),
      4,
    );

    for (const client of clients) {
      const oracle = await oracleUnreadCounts(oracleDb, client.userId, org.organizationId, org.contactIds);
      await vi.waitFor(
        () => {
          const badges = Object.fromEntries(org.contactIds.map((id) => [id, client.inbox.controller.unread.get(id)]));
          expect({ client: client.name, badges }).toEqual({
            client: client.name,
            badges: Object.fromEntries(org.contactIds.map((id) => [id, oracle[id] ?? 0])),
          });
        },
        { timeout: 15_000, interval: 50 },
      );
    }
    // The faulted clients healed by asking; each asked only for the contacts it had gaps in.
    for (const client of Object.values(faulted)) expect(client.countRequests.length).toBeGreaterThan(0);
  }, 120_000);
});
