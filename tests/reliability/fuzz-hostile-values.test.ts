// Hostile but well-formed values (edge-case timestamps, forged cursors,
// prototype-named query keys): the routes may accept or refuse them, but never
// answer with a 5xx.
import fc from "fast-check";
import { getTestPrisma } from "../support/test-database";
import { SAME_ORIGIN_HEADERS, callRoute, expectJsonError, readResponse, type RouteCall } from "./support/call-route";
import { FUZZ_RUNS, FUZZ_SEED, withFuzzWorld } from "./support/fuzz-world";

const db = getTestPrisma();
const fuzzWorld = withFuzzWorld();

const two = (value: number) => String(value).padStart(2, "0");

/** ISO-looking times with out-of-range fields, extreme years and odd offsets. */
const edgeTimestamp = fc.oneof(
  fc
    .record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.integer({ min: 0, max: 61 }),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/)),
      offset: fc.oneof(fc.constant("Z"), fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`)),
    })
    .map((t) => `${String(t.year).padStart(4, "0")}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}${t.fraction ? `.${t.fraction}` : ""}${t.offset}`),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59.999Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999+14:00",
    "2026-02-30T00:00:00Z",
    "2024-02-29T24:00:00Z",
    "2026-01-01T00:00:60Z",
    "2026-01-01T00:00:00.123456789Z",
  ),
);

/** Values `Date.parse` accepts that no client would send, for forged cursors. */
const edgeCursorTime = fc.oneof(
  edgeTimestamp,
  fc.integer({ min: -300_000, max: 300_000 }).map(String),
  fc.constantFrom("0", "1", "2020", "Tue, 01 Jan 0000 00:00:00 GMT", "-271821-04-20T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00Z", "2026-01-01 00:00:00 +99:99", "Sat Jan 01 2000"),
);
const forgedCursor = fc
  .tuple(edgeCursorTime, fc.oneof(fc.uuid(), fc.constant("00000000-0000-0000-0000-000000000000"), fc.constant("ffffffff-ffff-ffff-ffff-ffffffffffff")))
  .map(([at, id]) => Buffer.from(JSON.stringify([at, id])).toString("base64url"));

describe("hostile but well-formed values: accepted or refused, never a 5xx", () => {
  async function expectNo5xx(call: RouteCall) {
    const response = await readResponse(await callRoute(call));
    const context = `${call.method} ${call.route} ${call.search ?? ""} ${typeof call.body === "string" ? call.body : ""}`;
    expect(response.status, `${context}: ${response.text}`).toBeLessThan(500);
    if (response.status >= 400) expectJsonError(response, context);
    return response;
  }

  it(`mark-read with edge-case lastReadAt times (${FUZZ_RUNS} cases)`, async () => {
    const world = fuzzWorld();
    const user = world.acme.users.admin.id;
    await fc.assert(
      fc.asyncProperty(edgeTimestamp, async (lastReadAt) => {
        // age out this user's mark-read hits: the point is the time handling, not the throttle
        await db.rateLimitHit.deleteMany({ where: { key: `mark-read:${user}` } });
        const response = await expectNo5xx({
          route: "/api/messaging/contacts/[contactId]/read",
          method: "POST",
          params: { contactId: world.readable },
          headers: { ...SAME_ORIGIN_HEADERS, "content-type": "application/json" },
          body: JSON.stringify({ lastReadAt }),
          cookie: world.cookies.admin,
        });
        expect([204, 400]).toContain(response.status);
        // the stored position is never in the future, whatever was sent
        const state = await db.conversationReadState.findUnique({ where: { userId_contactId: { userId: user, contactId: world.readable } } });
        if (state) expect(state.lastReadAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
  }, 120_000);

  it("prototype-named query parameters are ignored like any unknown one", async () => {
    const world = fuzzWorld();
    for (const noise of ["__proto__=a&__proto__=b", "__proto__[filter]=x", "constructor=x&toString=y&hasOwnProperty=z&valueOf=1"]) {
      const list = await callRoute({ route: "/api/messaging/contacts", method: "GET", search: noise, cookie: world.cookies.agent });
      expect(list.status, noise).toBe(200);
      const counts = await callRoute({
        route: "/api/messaging/unread-counts",
        method: "GET",
        search: `${noise}&contact_ids=${world.readable}`,
        cookie: world.cookies.agent,
      });
      expect(counts.status, noise).toBe(200);
      expect(Object.keys((await counts.json()).counts)).toEqual([world.readable]);
    }
  });

  it(`contact list and conversation pages with forged cursors (${FUZZ_RUNS} cases)`, async () => {
    const world = fuzzWorld();
    await fc.assert(
      fc.asyncProperty(forgedCursor, fc.boolean(), async (cursor, list) => {
        await expectNo5xx(
          list
            ? { route: "/api/messaging/contacts", method: "GET", search: `cursor=${cursor}`, cookie: world.cookies.agent }
            : {
                route: "/api/messaging/contacts/[contactId]/messages",
                method: "GET",
                params: { contactId: world.readable },
                search: `before=${cursor}`,
                cookie: world.cookies.agent,
              },
        );
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
  }, 120_000);
});
