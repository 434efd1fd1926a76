// (h) Realtime fan-out (issue 16): 1, 10 and 100 simulated online members,
// each a real pusher-js client running the browser's inbox code headless
// (lib/inbox/headless-inbox.ts), while signed inbound messages arrive at a
// fixed rate. Reports the server requests those clients send per message per
// client in the steady state (target ≤ 0.02; it was 1.01 when every event
// refetched its contact's count), and the badge's staleness: from the
// webhook POST until every client shows the oracle's count for that contact.
import { randomUUID } from "node:crypto";
import { startHeadlessInbox, type HeadlessInbox } from "@/lib/inbox/headless-inbox";
import { signedDelivery } from "@/lib/webhooks/inbound-signature";
import { summarize, type Summary } from "./bench-stats";
import type { BenchFetch } from "./http-stack";

export type FanoutLevel = {
  clients: number;
  messages: number;
  ratePerSecond: number;
  /** Every request the clients sent during the steady state, by path. */
  requests: Record<string, number>;
  requestsPerMessagePerClient: number;
  staleness: Summary;
  exact: boolean;
};

type Session = { userId: string; organizationId: string };

type Member = { inbox: HeadlessInbox; userId: string; requests: Map<string, number> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startMembers(options: {
  count: number;
  sessions: Session[];
  client: (session: Session) => Promise<BenchFetch>;
  pusher: { key: string; port: number };
}): Promise<Member[]> {
  const members: Member[] = [];
  // A few at a time: a whole team opening the app at the same millisecond is not the steady state.
  for (let start = 0; start < options.count; start += 10) {
    const batch = Array.from({ length: Math.min(10, options.count - start) }, async (_, offset) => {
      const session = options.sessions[(start + offset) % options.sessions.length];
      const benchFetch = await options.client(session);
      const requests = new Map<string, number>();
      const fetch: typeof globalThis.fetch = (input, init) => {
        const path = new URL(String(input), "http://bench").pathname;
        requests.set(path, (requests.get(path) ?? 0) + 1);
        return benchFetch(String(input), init);
      };
      const inbox = await startHeadlessInbox({
        fetch,
        pusher: { key: options.pusher.key, cluster: "local", wsHost: "127.0.0.1", wsPort: options.pusher.port, forceTLS: false },
        organizationId: session.organizationId,
        userId: session.userId,
      });
      return { inbox, userId: session.userId, requests };
    });
    members.push(...(await Promise.all(batch)));
  }
  return members;
}

/** The oracle per user, one query at a time (one database connection). */
async function oracleFor(userIds: string[], contactIds: string[], oracle: (userId: string, ids: string[]) => Promise<Record<string, number>>) {
  const counts: Record<string, Record<string, number>> = {};
  for (const id of userIds) counts[id] = await oracle(id, contactIds);
  return counts;
}

/** Resolves when `check` holds, polled every few milliseconds; rejects after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`fan-out: a client did not reach the oracle within ${timeoutMs} ms`);
    await sleep(2);
  }
}

export async function measureFanout(options: {
  levels: number[];
  messages: number;
  ratePerSecond: number;
  sessions: Session[];
  client: (session: Session) => Promise<BenchFetch>;
  provider: BenchFetch;
  endpoint: { path: string; secret: string };
  pusher: { key: string; port: number };
  /** The oracle's counts for one user and these contacts. */
  oracle: (userId: string, contactIds: string[]) => Promise<Record<string, number>>;
  log: (line: string) => void;
}): Promise<FanoutLevel[]> {
  const results: FanoutLevel[] = [];
  for (const clients of options.levels) {
    const members = await startMembers({ ...options, count: clients });
    try {
      // The contacts every client has loaded (its first page), newest first.
      const contactIds = [...members[0].inbox.controller.directory.ids()].slice(0, 20);
      // Startup (first page, first resync) is not the steady state: let it settle, then count.
      await sleep(1_000);
      members.forEach((member) => member.requests.clear());
      const userIds = [...new Set(members.map((member) => member.userId))];
      const start = await oracleFor(userIds, contactIds, options.oracle);
      const sent = new Map<string, number>();
      const staleness: Promise<number>[] = [];
      const began = performance.now();
      for (let index = 0; index < options.messages; index += 1) {
        // A fixed rate: message i leaves at i / rate, whatever the previous one cost.
        await sleep(Math.max(0, began + (index * 1000) / options.ratePerSecond - performance.now()));
        const contactId = contactIds[index % contactIds.length];
        const marker = `fanout-${randomUUID()}`;
        const raw = JSON.stringify({ contactId, body: `${marker} fan-out probe`, kind: "chat", externalId: marker });
        const postedAt = performance.now();
        const response = await options.provider(options.endpoint.path, signedDelivery(options.endpoint.secret, raw));
        if (response.status !== 201) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
        const arrivals = (sent.get(contactId) ?? 0) + 1;
        sent.set(contactId, arrivals);
        staleness.push(
          until(
            () => members.every((member) => member.inbox.controller.unread.get(contactId) >= (start[member.userId][contactId] ?? 0) + arrivals),
            10_000,
          ).then(() => performance.now() - postedAt),
        );
      }
      const samples = await Promise.all(staleness);
      // Exact, not just caught up: every client equals the oracle for every contact, with a request budget of zero.
      const finals = await oracleFor(userIds, contactIds, options.oracle);
      const exact = members.every((member) =>
        contactIds.every((id) => member.inbox.controller.unread.get(id) === (finals[member.userId][id] ?? 0)),
      );
      const requests: Record<string, number> = {};
      for (const member of members) for (const [path, n] of member.requests) requests[path] = (requests[path] ?? 0) + n;
      const total = Object.values(requests).reduce((sum, n) => sum + n, 0);
      const level: FanoutLevel = {
        clients,
        messages: options.messages,
        ratePerSecond: options.ratePerSecond,
        requests,
        requestsPerMessagePerClient: total / (options.messages * clients),
        staleness: summarize(samples),
        exact,
      };
      options.log(
        `  ${String(clients).padStart(3)} clients: ${level.requestsPerMessagePerClient.toFixed(3)} requests/message/client ` +
          `(${total} in all), staleness p50 ${level.staleness.p50.toFixed(1)} ms, p95 ${level.staleness.p95.toFixed(1)} ms, ` +
          `max ${level.staleness.max.toFixed(1)} ms, ${exact ? "every client equals the oracle" : "NOT EXACT"}`,
      );
      results.push(level);
    } finally {
      members.forEach((member) => member.inbox.stop());
    }
  }
  return results;
}
