import { createPrismaClient } from "@/lib/db/prisma";
import { hitRateLimit } from "@/lib/rate-limit/sliding-window";
import { MARK_READ_RULE } from "@/lib/rate-limit/rules";
import { inject } from "vitest";
import { createOrganization } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();

describe("mark-read throttling", () => {
  it("answers 429 with Retry-After past 30 requests per user per 10 s", async () => {
    const org = await createOrganization(db, { members: { alice: "agent", bob: "agent" }, contacts: 1 });
    const { fetch } = await apiAs({ userId: org.users.alice.id, organizationId: org.organizationId });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 32; index++) {
      const response = await fetch(`/api/messaging/contacts/${org.contactIds[0]}/read`, { method: "POST" });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get("retry-after");
        expect((await response.json()).error.code).toBe("rate_limited");
      }
    }
    expect(statuses.filter((status) => status === 204)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(10);
    // the limit is per user: bob is unaffected
    const { fetch: bobFetch } = await apiAs({ userId: org.users.bob.id, organizationId: org.organizationId });
    expect((await bobFetch(`/api/messaging/contacts/${org.contactIds[0]}/read`, { method: "POST" })).status).toBe(204);
  });

  it("holds across separate client pools (as separate app instances would have)", async () => {
    const instances = [createPrismaClient(inject("databaseUrl"), { poolSize: 4 }), createPrismaClient(inject("databaseUrl"), { poolSize: 4 })];
    try {
      const key = `mark-read:pool-test-${Date.now()}`;
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, index) => hitRateLimit(instances[index % 2], key, MARK_READ_RULE)),
      );
      expect(results.filter((result) => result.allowed)).toHaveLength(30);
      const rejected = results.filter((result) => !result.allowed);
      expect(rejected).toHaveLength(30);
    } finally {
      await Promise.all(instances.map((instance) => instance.$disconnect()));
    }
  });

  it("lets requests through again once the window has passed", async () => {
    const key = `window-test-${Date.now()}`;
    const rule = { limit: 2, windowMs: 300 };
    expect((await hitRateLimit(db, key, rule)).allowed).toBe(true);
    expect((await hitRateLimit(db, key, rule)).allowed).toBe(true);
    expect((await hitRateLimit(db, key, rule)).allowed).toBe(false);
    // Age the recorded hits instead of sleeping: the window is measured in the database.
    await db.$executeRaw`UPDATE rate_limit_hit SET created_at = created_at - interval '1 second' WHERE key = ${key}`;
    expect((await hitRateLimit(db, key, rule)).allowed).toBe(true);
  });
});
