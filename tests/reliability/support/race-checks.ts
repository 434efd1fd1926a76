// What must hold after the race test's storm: only documented statuses, every
// delivery stored exactly once, counts equal to the oracle, and no read
// position that moved backwards except through mark-unread.
import type pg from "pg";
import type { Database } from "@/lib/db/prisma";
import { oracleUnreadCounts } from "../../support/unread-oracle";
import { callRoute } from "./call-route";
import type { Session, StormRecord } from "./race-storm";

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** 2xx, 404 for racing deletes, 409 for mark-unread with nothing to unread, and 429s: nothing else. */
export function expectOnlyDocumentedStatuses(statuses: StormRecord["statuses"]) {
  const allowed = /^(webhook (200|201)|mark-read (204|429)|mark-unread (204|409)|read-all 204|delete (204|404))$/;
  const unexpected = [...statuses.entries()].filter(([label]) => !allowed.test(label));
  expect(unexpected, JSON.stringify(Object.fromEntries(statuses))).toEqual([]);
}

/** Nothing lost, nothing duplicated; retries got the first delivery's id. Returns how many deliveries were retried. */
export async function expectEveryDeliveryStoredOnce(db: Database, organizationId: string, record: StormRecord): Promise<number> {
  const { deliveries } = record;
  const stored = await db.message.findMany({
    where: { organizationId },
    select: { id: true, externalId: true, contactId: true, body: true, kind: true, deletedAt: true },
  });
  expect(stored).toHaveLength(deliveries.size);
  const byExternalId = new Map(stored.map((message) => [message.externalId, message]));
  expect(byExternalId.size).toBe(deliveries.size);
  let retried = 0;
  for (const [externalId, delivery] of deliveries) {
    const message = byExternalId.get(externalId);
    expect(message, externalId).toBeDefined();
    expect(message).toMatchObject({ contactId: delivery.contactId, body: delivery.body, kind: delivery.kind });
    expect(delivery.responses.filter((response) => response.status === 201), externalId).toHaveLength(1);
    expect(new Set(delivery.responses.map((response) => response.id))).toEqual(new Set([message!.id]));
    if (delivery.responses.length > 1) retried++;
  }
  const deletedInDb = new Set(stored.filter((message) => message.deletedAt).map((message) => message.id));
  expect(deletedInDb).toEqual(record.deleted204);
  return retried;
}

/** Each user's counts equal the oracle, through both endpoints that report them. */
export async function expectCountsEqualOracle(oracleDb: pg.Client, organizationId: string, users: Session[], contactIds: string[]) {
  for (const session of users) {
    const oracle = await oracleUnreadCounts(oracleDb, session.userId, organizationId, contactIds);
    const counts = await callRoute({
      route: "/api/messaging/unread-counts",
      method: "GET",
      search: `contact_ids=${contactIds.join(",")}`,
      cookie: session.cookie,
    });
    expect((await counts.json()).counts, `${session.user}: unread-counts`).toEqual(oracle);
    const list = await callRoute({ route: "/api/messaging/contacts", method: "GET", search: "limit=100", cookie: session.cookie });
    const { contacts } = (await list.json()) as { contacts: { id: string; unreadCount: number }[] };
    expect(Object.fromEntries(contacts.filter((contact) => contact.unreadCount > 0).map((contact) => [contact.id, contact.unreadCount])), `${session.user}: contact list`).toEqual(oracle);
  }
}

/**
 * Every observation compared with every earlier one that did not overlap it,
 * unless a mark-unread of that conversation was in flight in between; and
 * every later observation with the floor each completed mark-read set.
 */
export function expectNoReadPositionMovedBackwards(record: StormRecord) {
  const windowsByKey = groupBy(record.unreadWindows, (window) => window.key);
  const unreadBetween = (key: string, from: number, to: number) =>
    (windowsByKey.get(key) ?? []).some((window) => window.start <= to && window.end >= from);
  const observationsByKey = groupBy(record.observations, (observation) => observation.key);
  let comparisons = 0;
  for (const [key, list] of observationsByKey) {
    list.sort((a, b) => a.start - b.start);
    for (let later = 0; later < list.length; later++) {
      for (let earlier = 0; earlier < later; earlier++) {
        const before = list[earlier];
        const after = list[later];
        if (before.end >= after.start) continue; // overlapping reads: no order between them
        if (unreadBetween(key, before.start, after.end)) continue;
        comparisons++;
        if (after.at < before.at) {
          throw new Error(
            `${key} moved backwards: ${new Date(before.at).toISOString()} (${before.source}) then ${new Date(after.at).toISOString()} (${after.source})`,
          );
        }
      }
    }
  }
  // and each successful mark-read lifted the position to at least its own cursor
  let floorChecks = 0;
  for (const floor of record.readFloors) {
    for (const observation of observationsByKey.get(floor.key) ?? []) {
      if (observation.start <= floor.end || unreadBetween(floor.key, floor.end, observation.end)) continue;
      floorChecks++;
      expect(observation.at, `${floor.key} below a completed mark-read`).toBeGreaterThanOrEqual(Math.min(floor.floor, floor.end));
    }
  }
  return { comparisons, floorChecks };
}
