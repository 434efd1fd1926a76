// The operations of the race test and what they record while they run:
// signed deliveries (about 1 in 12 retried twice in parallel), mark-read,
// mark-unread and read-all from every session, deletes from Alice's, all
// through one concurrency limit. Mark-read is throttled (30 per user per 10 s):
// like the UI, a throttled request waits Retry-After outside its slot and
// tries again, so every operation eventually gets a final answer.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { Database } from "@/lib/db/prisma";
import { deliverInbound } from "../../support/webhook";
import { SAME_ORIGIN_HEADERS, callRoute } from "./call-route";
import { createLimiter, sleep } from "./race-scheduling";

export type Session = { user: "alice" | "bob"; userId: string; cookie: string; socketId: string };
export type Observation = { key: string; start: number; end: number; at: number; source: string };
type Window = { key: string; start: number; end: number };

/** Everything the storm did and saw, for the checks afterwards. */
export type StormRecord = {
  created: { id: string; contactId: string; createdAt: number }[];
  deliveries: Map<string, { contactId: string; body: string; kind: string; responses: { status: number; id?: string }[] }>;
  /** "<operation> <status>" → number of answers */
  statuses: Map<string, number>;
  /** Read positions, each read between `start` and `end`. */
  observations: Observation[];
  /** When each mark-unread was in flight: the one deliberate backwards move. */
  unreadWindows: Window[];
  /** The position each successful mark-read must have lifted its conversation to. */
  readFloors: { key: string; end: number; floor: number }[];
  deleted204: Set<string>;
  throttled: number;
  totalRequests: number;
};

type StormPlan = {
  db: Database;
  random: () => number;
  sessions: Session[];
  contactIds: string[];
  deliveries: number;
  concurrency: number;
};

export const keyOf = (userId: string, contactId: string) => `${userId}/${contactId}`;
const clock = () => performance.timeOrigin + performance.now();

/** The storm's operations in a seeded random order, and the record they fill in when run. */
export function planStorm(plan: StormPlan): { ops: (() => Promise<void>)[]; record: StormRecord } {
  const { db, random, sessions, contactIds } = plan;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const record: StormRecord = {
    created: [],
    deliveries: new Map(),
    statuses: new Map(),
    observations: [],
    unreadWindows: [],
    readFloors: [],
    deleted204: new Set(),
    throttled: 0,
    totalRequests: 0,
  };
  const count = (label: string) => record.statuses.set(label, (record.statuses.get(label) ?? 0) + 1);
  const limiter = createLimiter(plan.concurrency);

  async function observe(userId: string, contactId: string, source: string) {
    const start = clock();
    const row = await db.conversationReadState.findUnique({ where: { userId_contactId: { userId, contactId } } });
    const end = clock();
    if (row) record.observations.push({ key: keyOf(userId, contactId), start, end, at: row.lastReadAt.getTime(), source });
  }

  /** One HTTP request in a concurrency slot; 429 → wait Retry-After outside the slot, then retry. */
  async function request(label: string, send: () => Promise<Response>): Promise<{ response: Response; start: number; end: number }> {
    for (;;) {
      await limiter.acquire();
      let response: Response;
      const start = clock();
      try {
        record.totalRequests++;
        response = await send();
      } finally {
        limiter.release();
      }
      const end = clock();
      count(`${label} ${response.status}`);
      if (response.status !== 429) return { response, start, end };
      record.throttled++;
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter, "429 carries Retry-After in seconds").toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(10);
      await sleep(retryAfter * 1000);
    }
  }

  const post = (session: Session, route: string, params: Record<string, string>, body?: unknown) =>
    callRoute({
      route,
      method: route.endsWith("[messageId]") ? "DELETE" : "POST",
      params,
      cookie: session.cookie,
      headers: { ...SAME_ORIGIN_HEADERS, "x-socket-id": session.socketId, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  const ops: (() => Promise<void>)[] = [];

  for (let index = 0; index < plan.deliveries; index++) {
    const externalId = `race-${index}-${randomUUID().slice(0, 8)}`;
    const contactId = pick(contactIds);
    const kind = pick(["chat", "chat", "chat", "post", "task", "system"] as const);
    const body = `race message ${index}`;
    record.deliveries.set(externalId, { contactId, body, kind, responses: [] });
    // about 1 in 12 deliveries is retried by the provider: 2 more copies, in parallel
    const copies = random() < 1 / 12 ? 3 : 1;
    for (let copy = 0; copy < copies; copy++) {
      ops.push(async () => {
        const { response } = await request("webhook", () => deliverInbound({ contactId, body, kind, externalId }));
        const json = response.ok ? ((await response.json()) as { id: string }) : undefined;
        record.deliveries.get(externalId)!.responses.push({ status: response.status, id: json?.id });
        if (response.status === 201 && json) record.created.push({ id: json.id, contactId, createdAt: Date.now() });
      });
    }
  }

  for (const session of sessions) {
    for (let index = 0; index < 30; index++) {
      ops.push(async () => {
        const contactId = pick(contactIds);
        let body: unknown;
        let floor: number | undefined;
        const { response, start, end } = await request("mark-read", () => {
          // chosen when the request is sent: a cursor the client showed, often
          // stale by then: nothing (now), a message of this contact, or a time
          const choice = random();
          const shown = record.created.filter((message) => message.contactId === contactId);
          body = undefined;
          floor = undefined;
          if (choice < 0.4 && shown.length > 0) {
            body = { upToMessageId: shown[Math.floor(random() * shown.length)].id };
          } else if (choice < 0.7) {
            const at = Date.now() - Math.floor(random() * 5_000);
            body = { lastReadAt: new Date(at).toISOString() };
            floor = at;
          }
          return post(session, "/api/messaging/contacts/[contactId]/read", { contactId }, body);
        });
        if (response.status === 204) {
          // no cursor: now() on the server, which is after the request started
          record.readFloors.push({ key: keyOf(session.userId, contactId), end, floor: floor ?? (body ? -Infinity : start - 50) });
          await observe(session.userId, contactId, "after mark-read");
        }
      });
    }
    for (let index = 0; index < 10; index++) {
      ops.push(async () => {
        const contactId = pick(contactIds);
        const { response, start, end } = await request("mark-unread", () =>
          post(session, "/api/messaging/contacts/[contactId]/unread", { contactId }),
        );
        // the one deliberate backwards move, for this user and contact, during this window
        record.unreadWindows.push({ key: keyOf(session.userId, contactId), start, end });
        if (response.status === 204) await observe(session.userId, contactId, "after mark-unread");
      });
    }
    ops.push(async () => {
      await request("read-all", () => post(session, "/api/messaging/read-all", {}));
    });
    if (session.user === "alice") {
      for (let index = 0; index < 30; index++) {
        ops.push(async () => {
          let messageId: string = randomUUID(); // nothing delivered yet: a 404, like a stale client
          const { response } = await request("delete", () => {
            // a message delivered so far, picked when the request is sent; two
            // deletes may race for the same one
            if (record.created.length > 0) messageId = record.created[Math.floor(random() * record.created.length)].id;
            return post(session, "/api/messaging/messages/[messageId]", { messageId });
          });
          if (response.status === 204) {
            expect(record.deleted204.has(messageId), "a message is deleted (204) only once").toBe(false);
            record.deleted204.add(messageId);
          }
        });
      }
    }
  }

  // shuffle (Fisher-Yates, seeded) so every kind of operation is spread over the run
  for (let index = ops.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [ops[index], ops[other]] = [ops[other], ops[index]];
  }
  return { ops, record };
}

/** Reads every read position of the organization, every 20 ms, until the returned stop() is awaited. */
export function startSampler(client: pg.Client, organizationId: string, observations: Observation[]) {
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      const start = clock();
      const { rows } = await client.query<{ user_id: string; contact_id: string; last_read_at: Date }>(
        "SELECT user_id, contact_id, last_read_at FROM conversation_read_state WHERE organization_id = $1",
        [organizationId],
      );
      const end = clock();
      for (const row of rows) {
        observations.push({ key: keyOf(row.user_id, row.contact_id), start, end, at: row.last_read_at.getTime(), source: "sampler" });
      }
      await sleep(20);
    }
  })();
  return async () => {
    sampling = false;
    await loop;
  };
}
