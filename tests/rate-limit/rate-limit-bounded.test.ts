// Issue 13, item 4: rate_limit_hit must not grow with traffic. The limiter
// cleans up after itself, in the same call; no pruning job exists.
import { randomUUID } from "node:crypto";
import { hitRateLimit, MAX_WINDOW_MS } from "@/lib/rate-limit/sliding-window";
import { LOGIN_PER_ACCOUNT_RULE, LOGIN_PER_IP_RULE, MARK_READ_RULE } from "@/lib/rate-limit/rules";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();
const rowsOf = async (key: string) => Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM rate_limit_hit WHERE key = ${key}`)[0].n);

/** Hits recorded `ageMs` ago, as if earlier traffic had left them behind. */
async function oldHits(key: string, count: number, ageMs: number) {
  await db.$executeRaw`
    INSERT INTO rate_limit_hit (key, created_at)
    SELECT ${key}, clock_timestamp() - (${ageMs}::int * interval '1 millisecond') FROM generate_series(1, ${count}::int)`;
}

describe("rate_limit_hit stays bounded", () => {
  it("a key's hits that left the window are deleted by its next call", async () => {
    const key = `bounded:${randomUUID()}`;
    const rule = { limit: 5, windowMs: 10_000 };
    await oldHits(key, 500, 11_000);
    expect((await hitRateLimit(db, key, rule)).allowed).toBe(true);
    expect(await rowsOf(key)).toBe(1);
  });

  it("a busy key never holds more than its limit, however many requests it makes", async () => {
    const key = `busy:${randomUUID()}`;
    const rule = { limit: 5, windowMs: 10_000 };
    for (let round = 0; round < 4; round++) {
      // Age what is there past the window, then spend the whole limit again.
      await db.$executeRaw`UPDATE rate_limit_hit SET created_at = created_at - interval '11 seconds' WHERE key = ${key}`;
      for (let request = 0; request < rule.limit + 3; request++) await hitRateLimit(db, key, rule);
      expect(await rowsOf(key)).toBeLessThanOrEqual(rule.limit);
    }
  });

  it("keys that are never seen again are swept by other keys' calls", async () => {
    const abandoned = Array.from({ length: 10 }, () => `gone:${randomUUID()}`);
    for (const key of abandoned) await oldHits(key, 20, MAX_WINDOW_MS + 60_000);
    const stale = () => Promise.all(abandoned.map(rowsOf)).then((counts) => counts.reduce((a, b) => a + b, 0));
    expect(await stale()).toBe(200);
    // Each call adds at most one row and removes up to 20 stale ones, so 200
    // stale rows are gone after at most ten calls (plus a margin for other
    // files' stale rows swept first).
    for (let call = 0; call < 40 && (await stale()) > 0; call++) {
      await hitRateLimit(db, `active:${randomUUID()}`, MARK_READ_RULE);
    }
    expect(await stale()).toBe(0);
  });

  it("still enforces an exact window while it cleans up", async () => {
    const key = `exact:${randomUUID()}`;
    const rule = { limit: 3, windowMs: 60_000 };
    await oldHits(key, 2, 30_000); // still inside the window
    await oldHits(key, 50, 61_000); // outside it
    const results = [];
    for (let request = 0; request < 3; request++) results.push((await hitRateLimit(db, key, rule)).allowed);
    expect(results).toEqual([true, false, false]);
    expect(await rowsOf(key)).toBe(3);
  });

  it("every rule's window is shorter than the sweep horizon", () => {
    for (const rule of [MARK_READ_RULE, LOGIN_PER_ACCOUNT_RULE, LOGIN_PER_IP_RULE]) {
      expect(rule.windowMs).toBeLessThan(MAX_WINDOW_MS);
    }
  });
});
