// Fuzzing one endpoint with fast-check: at least 1,000 generated malformed
// requests in one run (FUZZ_RUNS overrides, FUZZ_SEED replays). Each case is
// built so that it MUST be rejected (wrong method, cross-origin, no or forged
// session, missing permission, malformed path id, query or body, huge body,
// wrong content type, unknown or foreign ids, bad webhook signature...), and
// the expected status follows the route's order of checks. For every case:
//   - the status is the expected 4xx, never a 5xx;
//   - the answer is the JSON error shape {"error":{"code","message"}};
//   - the database is unchanged (message, conversation_read_state and contact
//     rows of the fuzzed organizations, by count and checksum).
import fc from "fast-check";
import { getTestPrisma } from "../../support/test-database";
import { callRoute, expectJsonError, readResponse } from "./call-route";
import { describeCase, type Case } from "./fuzz-case";
import { FUZZ_RUNS, FUZZ_SEED, withFuzzWorld, type FuzzWorld } from "./fuzz-world";
import { snapshotOrganizations } from "./snapshot";

/** Declares the endpoint's fuzz test (with its own world) in the calling test file. */
export function fuzzMalformedRequests(endpoint: string, cases: (world: FuzzWorld) => fc.Arbitrary<Case>) {
  const db = getTestPrisma();
  const world = withFuzzWorld();
  let generated = 0;

  afterAll(() => {
    console.log(`[fuzz] generated malformed requests per endpoint:\n  ${endpoint}: ${generated}`);
  });

  describe("fuzzed malformed requests: always a 4xx JSON error, never a 5xx, never a write", () => {
    it(`${endpoint}: ${FUZZ_RUNS} generated cases`, async () => {
      const organizations = [world().acme.organizationId, world().globex.organizationId];
      const before = await snapshotOrganizations(db, organizations);
      const reasons = new Map<string, number>();
      let count = 0;
      await fc.assert(
        fc.asyncProperty(cases(world()), async (fuzz) => {
          const response = await readResponse(await callRoute(fuzz.call));
          const context = describeCase(fuzz);
          expect(response.status, context).toBeGreaterThanOrEqual(400);
          expect(response.status, context).toBeLessThan(500);
          expect(fuzz.expected, `${context}: got ${response.status} ${response.text.slice(0, 200)}`).toContain(response.status);
          expectJsonError(response, context);
          count++;
          reasons.set(fuzz.why, (reasons.get(fuzz.why) ?? 0) + 1);
        }),
        { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: false },
      );
      expect(await snapshotOrganizations(db, organizations)).toEqual(before);
      expect(count).toBeGreaterThanOrEqual(FUZZ_RUNS);
      generated = count;
      // every kind of malformation was exercised, not just the easiest one
      expect(reasons.size, [...reasons.keys()].join(", ")).toBeGreaterThanOrEqual(4);
    }, 120_000);
  });
}
