// (a) database time of the batch counts, (b) the reference query on the same
// sets, (c) the cost curve; every set is first checked against the oracle.
// Runs are interleaved across the sets (round robin), so a noisy neighbour or
// a cache effect lands on every set alike instead of skewing one ratio.
import type pg from "pg";
import type { Database } from "@/lib/db/prisma";
import { getUnreadCounts, unreadCountsSql } from "@/lib/messaging/unread-counts";
import { UNREAD_ORACLE_SQL } from "../../tests/support/unread-oracle";
import { summarize, timed, type Summary } from "./bench-stats";
import type { ContactSet } from "./contact-sets";
import { assertExact } from "./exactness";

export type DbMeasurement = {
  set: ContactSet;
  /** The oracle's answer for the measured user, and its sum. */
  expected: Record<string, number>;
  unread: number;
  counters: Summary;
  countersRoundTrip: Summary;
  reference: Summary;
};

type Scope = { userId: string; organizationId: string };

/** Execution time reported by EXPLAIN ANALYZE (no planning, no network), in ms. */
async function executionTime(db: pg.Client, sql: string, values: unknown[]): Promise<number> {
  const result = await db.query<{ "QUERY PLAN": [{ "Execution Time": number }] }>(
    `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`,
    values,
  );
  return result.rows[0]["QUERY PLAN"][0]["Execution Time"];
}

/** Round robin: round r runs every set that still needs samples, in set order. */
async function interleaved(runsPerSet: number[], measure: (setIndex: number) => Promise<number>): Promise<number[][]> {
  const samples = runsPerSet.map((): number[] => []);
  for (let round = 0; round < Math.max(...runsPerSet); round++) {
    for (let index = 0; index < runsPerSet.length; index++) {
      if (round < runsPerSet[index]) samples[index].push(await measure(index));
    }
  }
  return samples;
}

export async function measureSets(
  db: pg.Client,
  prisma: Database,
  scope: Scope,
  sets: ContactSet[],
  options: { counterRuns: number; referenceRuns: number; referenceBudgetMs: number },
): Promise<DbMeasurement[]> {
  const inputs = sets.map((set) => ({ ...scope, contactIds: set.contactIds }));
  const expected: Record<string, number>[] = [];
  for (const [index, set] of sets.entries()) {
    const oracle = await db.query<{ contact_id: string; unread_count: number }>(UNREAD_ORACLE_SQL, [
      scope.userId,
      scope.organizationId,
      set.contactIds,
    ]);
    expected.push(Object.fromEntries(oracle.rows.map((row) => [row.contact_id, row.unread_count])));
    assertExact(`${set.key}: getUnreadCounts`, await getUnreadCounts(prisma, inputs[index]), expected[index]);
  }

  const counterSql = inputs.map((input) => unreadCountsSql(input));
  const counter = (index: number) => executionTime(db, counterSql[index].text, counterSql[index].values);
  await interleaved(sets.map(() => 5), counter);
  const counters = await interleaved(sets.map(() => options.counterRuns), counter);
  const roundTrips = await interleaved(
    sets.map(() => options.counterRuns),
    async (index) => (await timed(() => getUnreadCounts(prisma, inputs[index]))).ms,
  );

  // The reference query is slow on deep sets: warm it once per set, then give
  // each set as many runs as its time budget allows (at least 5).
  const referenceValues = sets.map((set) => [scope.userId, scope.organizationId, set.contactIds]);
  const reference = (index: number) => executionTime(db, UNREAD_ORACLE_SQL, referenceValues[index]);
  const first = await interleaved(sets.map(() => 1), reference);
  const runs = first.map(([ms]) =>
    Math.max(5, Math.min(options.referenceRuns, Math.floor(options.referenceBudgetMs / Math.max(ms, 0.01)))),
  );
  const references = await interleaved(runs, reference);

  return sets.map((set, index) => ({
    set,
    expected: expected[index],
    unread: Object.values(expected[index]).reduce((sum, value) => sum + value, 0),
    counters: summarize(counters[index]),
    countersRoundTrip: summarize(roundTrips[index]),
    reference: summarize(references[index]),
  }));
}
