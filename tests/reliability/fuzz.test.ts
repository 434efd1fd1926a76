// Fuzzing every endpoint with fast-check: at least 1,000 generated malformed
// requests per endpoint in one run (FUZZ_RUNS overrides). Each case is built
// so that it MUST be rejected (wrong method, cross-origin, no or forged
// session, missing permission, malformed path id, query or body, huge body,
// wrong content type, unknown or foreign ids, bad webhook signature...), and
// the expected status follows the route's order of checks. For every case:
//   - the status is the expected 4xx, never a 5xx;
//   - the answer is the JSON error shape {"error":{"code","message"}};
//   - the database is unchanged (message, conversation_read_state and contact
//     rows of the fuzzed organizations, by count and checksum).
// A second group sends hostile-but-well-formed values (edge-case timestamps
// and cursors): they may be accepted or refused, but never answered with a 5xx.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { encode } from "next-auth/jwt";
import { DEV_DEFAULTS } from "@/lib/config/server-config";
import type { LocalPusherServer } from "@/lib/realtime/local-server/create-local-pusher-server";
import { signInboundWebhook } from "@/lib/webhooks/inbound-signature";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { startRealtime } from "../support/realtime";
import { getTestPrisma } from "../support/test-database";
import {
  METHODS,
  SAME_ORIGIN_HEADERS,
  callRoute,
  cookieFor,
  expectJsonError,
  readResponse,
  type Method,
  type RouteCall,
} from "./support/call-route";
import {
  UUID_SHAPE,
  brokenJson,
  encodeQueryValue,
  headerValue,
  hugeBody,
  junkString,
  malformedId,
  queryNoise,
  rawQueryValue,
  wrongContentType,
  wrongTypedJson,
} from "./support/fuzz-arbitraries";
import { snapshotOrganizations } from "./support/snapshot";

const db = getTestPrisma();
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

// ---------------------------------------------------------------------------
// World
// ---------------------------------------------------------------------------

type World = {
  acme: OrgFixture;
  globex: OrgFixture;
  /** Acme contact with counted inbound messages. */
  readable: string;
  /** Acme contact with only outbound and system messages: mark-unread answers 409. */
  nothingToUnread: string;
  acmeMessage: string;
  acmeDeletedMessage: string;
  globexContact: string;
  globexMessage: string;
  cookies: Record<"agent" | "admin" | "viewer" | "stranger" | "wrongSecret", string>;
};

let world: World;
let server: LocalPusherServer;
const tally: Record<string, number> = {};

beforeAll(async () => {
  server = await startRealtime();
  const acme = await createOrganization(db, { members: { agent: "agent", admin: "admin", viewer: "viewer" }, contacts: 3 });
  const globex = await createOrganization(db, { members: { agent: "agent" }, contacts: 2 });
  const [acmeMessage, acmeDeletedMessage] = await addMessages(db, acme.organizationId, [
    { contactId: acme.contactIds[0], createdAt: minutesAgo(20), body: "inbound one" },
    { contactId: acme.contactIds[0], createdAt: minutesAgo(15), deletedAt: minutesAgo(1), body: "deleted one" },
    { contactId: acme.contactIds[0], createdAt: minutesAgo(10), kind: "task", body: "inbound two" },
    { contactId: acme.contactIds[1], createdAt: minutesAgo(9), direction: "outbound", body: "we wrote" },
    { contactId: acme.contactIds[1], createdAt: minutesAgo(8), kind: "system", body: "system note" },
  ]);
  const [globexMessage] = await addMessages(db, globex.organizationId, [
    { contactId: globex.contactIds[0], createdAt: minutesAgo(5), body: "globex inbound" },
  ]);
  const a = acme.organizationId;
  world = {
    acme,
    globex,
    readable: acme.contactIds[0],
    nothingToUnread: acme.contactIds[1],
    acmeMessage,
    acmeDeletedMessage,
    globexContact: globex.contactIds[0],
    globexMessage,
    cookies: {
      agent: await cookieFor(acme.users.agent.id, a),
      admin: await cookieFor(acme.users.admin.id, a),
      viewer: await cookieFor(acme.users.viewer.id, a),
      stranger: await cookieFor(randomUUID(), randomUUID()),
      wrongSecret: `next-auth.session-token=${await encode({
        secret: "not-the-app-secret-at-all-0123456789",
        token: { userId: acme.users.admin.id, activeOrganizationId: a },
      })}`,
    },
  };
});

afterAll(async () => {
  await server.close();
  const lines = Object.entries(tally).map(([name, count]) => `  ${name}: ${count}`);
  console.log(`[fuzz] generated malformed requests per endpoint:\n${lines.join("\n")}`);
});

// ---------------------------------------------------------------------------
// Shared dimensions: method, session, origin
// ---------------------------------------------------------------------------

const AUTHS = ["agent", "admin", "viewer", "none", "garbage", "tampered", "wrongSecret", "stranger"] as const;
type Auth = (typeof AUTHS)[number];
const ORIGINS = ["same", "absent", "evil", "null", "cross-site", "malformed", "sibling"] as const;
type Origin = (typeof ORIGINS)[number];
const CROSS_ORIGIN = new Set<Origin>(["evil", "null", "cross-site", "malformed", "sibling"]);

function originHeaders(origin: Origin): Record<string, string> {
  switch (origin) {
    case "same":
      return { ...SAME_ORIGIN_HEADERS };
    case "absent":
      return {};
    case "evil":
      return { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    case "null":
      return { origin: "null" };
    case "cross-site":
      return { "sec-fetch-site": "cross-site" };
    case "malformed":
      return { origin: "http://[::1" };
    case "sibling":
      return { origin: "http://localhost:3001", "sec-fetch-site": "same-site" };
  }
}

function tamper(cookie: string, at: number): string {
  const [name, token] = cookie.split(/=(.*)/s);
  // a position whose base64url character carries data bits only (not the last of a segment)
  const positions = [...token].map((char, index) => index).filter((index) => token[index] !== "." && token[index + 1] !== undefined && token[index + 1] !== ".");
  const index = positions[at % positions.length];
  const replacement = token[index] === "A" ? "B" : "A";
  return `${name}=${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

function cookieOf(auth: Auth, garbage: string, tamperAt: number): string | undefined {
  switch (auth) {
    case "none":
      return undefined;
    case "garbage":
      return `next-auth.session-token=${garbage}`;
    case "tampered":
      return tamper(world.cookies.agent, tamperAt);
    default:
      return world.cookies[auth];
  }
}

/** Mostly the endpoint's own method, sometimes one the route does not answer at all. */
const methodArbitrary = (method: Method, routeMethods: Method[] = [method]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(method) },
    { weight: 1, arbitrary: fc.constantFrom(...METHODS.filter((other) => !routeMethods.includes(other))) },
  );
const authArbitrary = (usual: Auth) =>
  fc.oneof({ weight: 14, arbitrary: fc.constant(usual) }, { weight: 2, arbitrary: fc.constantFrom(...AUTHS) });
const originArbitrary = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom<Origin>("same", "absent") },
  { weight: 1, arbitrary: fc.constantFrom(...ORIGINS) },
);

// ---------------------------------------------------------------------------
// Inputs: what a case sends besides method, session and origin
// ---------------------------------------------------------------------------

type Stage = "params" | "query" | "body" | "handler";
type Input = {
  params?: Record<string, string>;
  query?: string[];
  body?: string;
  headers?: Record<string, string>;
  /** Where this input is refused, and with which statuses; null: the input alone is valid. */
  rejectedAt: Stage | null;
  statuses: readonly number[];
};

const valid = (input: Omit<Input, "rejectedAt" | "statuses">): Input => ({ ...input, rejectedAt: null, statuses: [] });
const rejected = (stage: Stage, statuses: readonly number[], input: Omit<Input, "rejectedAt" | "statuses">): Input => ({
  ...input,
  rejectedAt: stage,
  statuses,
});

const jsonHeaders = { "content-type": "application/json" };

/** A contact id in a path: own (valid), malformed (400), or another organization's / unknown (404 from the handler). */
function contactParam(own: string, handlerStatuses: number[]) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ id: own, stage: null as Stage | null, statuses: [] as number[] }) },
    { weight: 4, arbitrary: malformedId.map((id) => ({ id, stage: "params" as Stage, statuses: [400] })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constant(world.globexContact), fc.uuid())
        .map((id) => ({ id, stage: "handler" as Stage, statuses: handlerStatuses })),
    },
  );
}

/** A `?limit=` as it goes on the wire (percent-encoded): absent, valid, or refused. */
const limitValue = fc.oneof(
  fc.constant<string | null>(null),
  fc.integer({ min: 1, max: 100 }).map(String),
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.constantFrom("0", "101", "1.5", "1e2", "0x10", " 5", "5 ", "+5", "-0", "", "٣", "Infinity", "NaN").map(encodeQueryValue),
  rawQueryValue,
);
function limitIsValid(raw: string[]) {
  if (raw.length === 0) return true;
  if (raw.length > 1) return false;
  return /^\d{1,4}$/.test(raw[0]) && Number(raw[0]) >= 1 && Number(raw[0]) <= 100;
}

/** Cursors the server never issued. None decodes to [ISO time or null, UUID]. */
const badCursor = fc.oneof(
  junkString.filter((value) => value !== ""),
  fc
    .oneof(
      fc.constant([1, 2]),
      fc.constant([null]),
      fc.uuid().map((id) => [id, null]),
      fc.uuid().map((id) => ["not a date", id]),
      fc.constant([null, "x"]),
      fc.uuid().map((id) => ({ at: null, id })),
      fc.uuid().map((id) => [null, id, 3]),
      wrongTypedJson.filter((value) => !Array.isArray(value) || value.length !== 2),
    )
    .map((value) => Buffer.from(JSON.stringify(value) ?? "x", "utf8").toString("base64url")),
);

function queryPart(key: string, value: string | null) {
  return value === null ? [] : [`${key}=${encodeQueryValue(value)}`];
}

/** The values the server will see, parsed as the server parses its URL. */
function searchValues(query: string[], key: string) {
  // the sentinel keeps a trailing space from being stripped as URL whitespace
  return new URL(`http://localhost/?${query.join("&")}&_end=1`).searchParams.getAll(key);
}

// ---------------------------------------------------------------------------
// Case assembly: order of checks as the routes perform them
// ---------------------------------------------------------------------------

type Case = { call: RouteCall; expected: readonly number[]; why: string };

function describeCase(fuzz: Case) {
  const body = typeof fuzz.call.body === "string" ? fuzz.call.body : "";
  return `${fuzz.call.method} ${fuzz.call.route} [${fuzz.why}] params=${JSON.stringify(fuzz.call.params)} search=${JSON.stringify(fuzz.call.search?.slice(0, 160))} headers=${JSON.stringify(fuzz.call.headers)} body(${body.length})=${JSON.stringify(body.slice(0, 160))} cookie=${fuzz.call.cookie?.slice(0, 40)}`;
}

/** Counterexamples print as a short summary, not a 300 KB body. */
function printable(fuzz: Case): Case {
  return Object.assign(fuzz, { [fc.toStringMethod]: () => describeCase(fuzz) });
}

type SessionRouteSpec = {
  route: string;
  allowed: Method;
  /** Every method the route answers (a route can serve two endpoints). */
  routeMethods?: Method[];
  mutating: boolean;
  permitted: Auth[];
  usual: Auth;
  /** GET routes cannot carry a body; every other route refuses one past 64 KB. */
  acceptsBody: boolean;
  input: () => fc.Arbitrary<Input>;
};

function sessionRouteCases(spec: SessionRouteSpec): fc.Arbitrary<Case> {
  return fc
    .record({
      method: methodArbitrary(spec.allowed, spec.routeMethods),
      auth: authArbitrary(spec.usual),
      origin: spec.mutating ? originArbitrary : fc.constantFrom<Origin>("absent", "evil"),
      input: spec.input(),
      huge: spec.acceptsBody ? sometimes(hugeBody, 8) : fc.constant(null),
      noise: queryNoise,
      socketId: fc.option(headerValue, { freq: 3 }),
      garbage: headerValue,
      tamperAt: fc.nat(),
    })
    .map((c): Case | null => {
      const reasons: [string, readonly number[]][] = [];
      if (c.method !== spec.allowed) reasons.push([`wrong method`, [405]]);
      else if (MUTATING.has(c.method) && CROSS_ORIGIN.has(c.origin)) reasons.push([`cross-origin (${c.origin})`, [403]]);
      else if (["none", "garbage", "tampered", "wrongSecret"].includes(c.auth)) reasons.push([`no valid session (${c.auth})`, [401]]);
      else if (c.auth === "stranger") reasons.push(["not a member", [403]]);
      else if (!spec.permitted.includes(c.auth)) reasons.push([`role ${c.auth} lacks permission`, [403]]);
      else if (c.input.rejectedAt === "params" || c.input.rejectedAt === "query")
        reasons.push([`malformed ${c.input.rejectedAt}`, c.input.statuses]);
      else if (c.huge) reasons.push(["body over 64 KB", [413]]);
      else if (c.input.rejectedAt) reasons.push([`refused at ${c.input.rejectedAt}`, c.input.statuses]);
      if (reasons.length === 0) return null; // a valid request: not this suite's business
      const headers: Record<string, string> = {
        ...originHeaders(c.origin),
        ...(c.input.headers ?? {}),
        ...(c.huge?.headers ?? {}),
      };
      if (c.socketId !== null) headers["x-socket-id"] = c.socketId;
      const body = c.method === "GET" ? undefined : (c.huge?.body ?? c.input.body);
      return {
        why: reasons[0][0],
        expected: reasons[0][1],
        call: {
          route: spec.route,
          method: c.method,
          params: c.input.params,
          search: [...(c.input.query ?? []), ...c.noise].join("&"),
          headers,
          body,
          cookie: cookieOf(c.auth, c.garbage, c.tamperAt),
        },
      };
    })
    .filter((value): value is Case => value !== null)
    .map(printable);
}

const MUTATING = new Set<Method>(["POST", "PUT", "PATCH", "DELETE"]);

/** The value in about one case out of `oneIn`, otherwise null. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

// ---------------------------------------------------------------------------
// Per-endpoint inputs
// ---------------------------------------------------------------------------

function unreadCountsInput(): fc.Arbitrary<Input> {
  const token = fc.oneof(
    fc.constantFrom(...world.acme.contactIds, world.globexContact),
    fc.uuid(),
    fc.uuid().map((id) => `  ${id.toUpperCase()} `),
    fc.constantFrom("", " ", "\t"),
    junkString,
  );
  const list = fc.array(token, { maxLength: 8 }).map((tokens) => tokens.join(","));
  return fc
    .oneof(
      // a list with at least one item that is not a UUID
      fc
        .tuple(list, junkString.filter((value) => value.trim() !== "" && !value.includes(",")), list)
        .map(([before, bad, after]) => [`contact_ids=${encodeQueryValue(`${before},${bad},${after}`)}`]),
      // more than 500 distinct ids
      fc.integer({ min: 501, max: 650 }).map((count) => [`contact_ids=${Array.from({ length: count }, () => randomUUID()).join(",")}`]),
      // the key repeated, one of them bad
      fc.tuple(list, rawQueryValue).map(([good, bad]) => [`contact_ids=${encodeQueryValue(good)}`, `contact_ids=${bad}`]),
      // anything at all
      fc.array(rawQueryValue, { minLength: 1, maxLength: 3 }).map((values) => values.map((value) => `contact_ids=${value}`)),
    )
    .map((query) => {
      const ids = [
        ...new Set(
          searchValues(query, "contact_ids")
            .join(",")
            .split(",")
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      const bad = ids.some((id) => !UUID_SHAPE.test(id)) || ids.length > 500;
      return bad ? rejected("query", [400], { query }) : valid({ query });
    });
}

function contactListInput(): fc.Arbitrary<Input> {
  const filter = fc.oneof(fc.constant<string | null>(null), fc.constantFrom("all", "unread", "ALL", "read", "", "all,unread"), junkString);
  return fc
    .record({ filter, limit: limitValue, cursor: fc.option(badCursor), repeat: fc.constantFrom(null, "filter", "cursor", "limit") })
    .map(({ filter, limit, cursor, repeat }) => {
      const query = [
        ...queryPart("filter", filter),
        ...(limit === null ? [] : [`limit=${limit}`]),
        ...queryPart("cursor", cursor),
      ];
      if (repeat) query.push(`${repeat}=all`, `${repeat}=1`);
      const filters = searchValues(query, "filter");
      const filterOk = filters.length === 0 || (filters.length === 1 && ["all", "unread"].includes(filters[0]));
      const cursors = searchValues(query, "cursor");
      const cursorOk = cursors.length === 0 || (cursors.length === 1 && cursors[0] === "");
      const ok = filterOk && limitIsValid(searchValues(query, "limit")) && cursorOk;
      return ok ? valid({ query }) : rejected("query", [400], { query });
    });
}

function markReadInput(): fc.Arbitrary<Input> {
  const throttled = [404, 429];
  const body = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ body: undefined as string | undefined, headers: {}, stage: null as Stage | null, statuses: [] as number[] }) },
    { weight: 1, arbitrary: fc.constantFrom("{}", JSON.stringify({ lastReadAt: new Date().toISOString() }), JSON.stringify({ upToMessageId: world.acmeMessage })).map((text) => ({ body: text, headers: jsonHeaders, stage: null, statuses: [] })) },
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          wrongTypedJson.filter((value) => value !== null && !(typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)),
          wrongTypedJson.map((value) => ({ lastReadAt: value })),
          junkString.map((value) => ({ lastReadAt: value })),
          fc.constantFrom("2026-01-01", "2026-01-01T00:00:00", "yesterday", "1700000000", "2026-13-01T00:00:00Z", "2026-01-01T25:00:00Z").map((value) => ({ lastReadAt: value })),
          wrongTypedJson.map((value) => ({ upToMessageId: value })),
          malformedId.map((value) => ({ upToMessageId: value })),
          fc.record({ lastReadAt: fc.constant(new Date().toISOString()), upToMessageId: fc.constant(world.acmeMessage) }),
          junkString.map((key) => ({ lastReadAt: new Date().toISOString(), [key || "extra"]: 1 })),
        )
        .map((value) => ({ body: JSON.stringify(value), headers: jsonHeaders, stage: "body" as Stage, statuses: [400] })),
    },
    { weight: 2, arbitrary: brokenJson.map((text) => ({ body: text, headers: jsonHeaders, stage: "body" as Stage, statuses: [400] })) },
    {
      weight: 2,
      arbitrary: wrongContentType.map((type) => ({ body: "{}", headers: { "content-type": type }, stage: "body" as Stage, statuses: [415] })),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.uuid(), fc.constant(world.globexMessage), fc.constant(world.acmeDeletedMessage)).map((id) => ({
        body: JSON.stringify({ upToMessageId: id }),
        headers: jsonHeaders,
        stage: "handler" as Stage,
        statuses: id === world.acmeDeletedMessage ? [204, 429] : throttled,
      })),
    },
  );
  return fc.tuple(contactParam(world.readable, throttled), body).map(([contact, payload]) => {
    const stage = contact.stage === "params" ? "params" : payload.stage === "body" ? "body" : contact.stage ?? payload.stage;
    const statuses = stage === "params" ? contact.statuses : stage === "body" ? payload.statuses : contact.stage ? contact.statuses : payload.statuses;
    const input = { params: { contactId: contact.id }, body: payload.body, headers: payload.headers };
    // marking read with the cursor of a deleted message is a valid request
    if (!stage || statuses.includes(204)) return valid(input);
    return rejected(stage, statuses, input);
  });
}

function markUnreadInput(): fc.Arbitrary<Input> {
  return fc
    .tuple(
      fc.oneof(
        contactParam(world.readable, [404]),
        fc.constant({ id: world.nothingToUnread, stage: "handler" as Stage, statuses: [409] }),
      ),
      fc.option(junkString),
    )
    .map(([contact, junkBody]) => {
      // a small body is ignored by this route, whatever it holds
      const input = { params: { contactId: contact.id }, body: junkBody ?? undefined, headers: { "content-type": "text/plain" } };
      return contact.stage ? rejected(contact.stage, contact.statuses, input) : valid(input);
    });
}

function conversationInput(): fc.Arbitrary<Input> {
  return fc
    .tuple(contactParam(world.readable, [404]), fc.option(badCursor), limitValue)
    .map(([contact, before, limit]) => {
      const query = [...queryPart("before", before), ...(limit === null ? [] : [`limit=${limit}`])];
      const befores = searchValues(query, "before");
      const input = { params: { contactId: contact.id }, query };
      if (contact.stage === "params") return rejected("params", [400], input);
      const beforeRefused = befores.length > 1 || (befores.length === 1 && befores[0].length > 2048);
      if (!limitIsValid(searchValues(query, "limit")) || beforeRefused) return rejected("query", [400], input);
      // the handler looks the contact up first, then decodes the cursor
      if (contact.stage) return rejected(contact.stage, contact.statuses, input);
      return befores.length === 0 || befores[0] === "" ? valid(input) : rejected("handler", [400], input);
    });
}

/** Message bodies the webhook must refuse (400): wrong type, empty, too long, or with a NUL (Postgres text cannot hold one). */
const badMessageBody = fc.oneof(
  wrongTypedJson.filter((value) => typeof value !== "string"),
  fc.constant(""),
  fc.integer({ min: 4001, max: 6000 }).map((length) => "b".repeat(length)),
  fc.tuple(junkString, junkString).map(([before, after]) => `${before}\u0000${after}`),
);
/** An agent's reply must also have something besides whitespace. */
const badReplyBody = fc.oneof(badMessageBody, fc.constantFrom(" ", "\n\t ", "\u00a0\u2028"));

function sendInput(): fc.Arbitrary<Input> {
  const payload = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ body: JSON.stringify({ body: "a fine reply" }), headers: jsonHeaders, stage: null as Stage | null, statuses: [] as number[] }) },
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          badReplyBody.map((body) => ({ body })),
          wrongTypedJson.filter((value) => typeof value !== "object" || value === null || Array.isArray(value)),
          fc.constant({}),
          junkString.filter((key) => key !== "body").map((key) => ({ body: "ok", [key]: "extra" })),
          fc.constant({ body: "ok", authorUserId: randomUUID() }),
          fc.constant({ body: "ok", organizationId: randomUUID(), direction: "inbound" }),
        )
        .map((value) => ({ body: JSON.stringify(value), headers: jsonHeaders, stage: "body" as Stage, statuses: [400] })),
    },
    { weight: 2, arbitrary: brokenJson.map((text) => ({ body: text, headers: jsonHeaders, stage: "body" as Stage, statuses: [400] })) },
    { weight: 1, arbitrary: fc.constant({ body: undefined, headers: {}, stage: "body" as Stage, statuses: [400] }) },
    {
      weight: 2,
      arbitrary: wrongContentType.map((type) => ({
        body: JSON.stringify({ body: "hello" }),
        headers: { "content-type": type },
        stage: "body" as Stage,
        statuses: [415],
      })),
    },
  );
  return fc.tuple(contactParam(world.readable, [404]), payload).map(([contact, body]) => {
    const input = { params: { contactId: contact.id }, body: body.body, headers: body.headers };
    if (contact.stage === "params") return rejected("params", [400], input);
    if (body.stage) return rejected(body.stage, body.statuses, input);
    return contact.stage ? rejected(contact.stage, contact.statuses, input) : valid(input);
  });
}

function readAllInput(): fc.Arbitrary<Input> {
  // nothing the route reads: only method, origin, session and size can make it fail
  return fc.option(junkString).map((body) => valid({ body: body ?? undefined }));
}

function deleteInput(): fc.Arbitrary<Input> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant({ id: world.acmeMessage, stage: null as Stage | null, statuses: [] as number[] }) },
        { weight: 4, arbitrary: malformedId.map((id) => ({ id, stage: "params" as Stage, statuses: [400] })) },
        {
          weight: 3,
          arbitrary: fc
            .oneof(fc.uuid(), fc.constant(world.globexMessage), fc.constant(world.acmeDeletedMessage))
            .map((id) => ({ id, stage: "handler" as Stage, statuses: [404] })),
        },
      ),
      fc.option(junkString),
    )
    .map(([message, body]) => {
      const input = { params: { messageId: message.id }, body: body ?? undefined };
      return message.stage ? rejected(message.stage, message.statuses, input) : valid(input);
    });
}

// ---------------------------------------------------------------------------
// The two routes outside withRoute
// ---------------------------------------------------------------------------

const SIGNATURES = ["valid", "missing", "wrongSecret", "otherBody", "junk", "uppercase", "stale", "future", "badTimestamp", "noTimestamp"] as const;

function webhookCases(): fc.Arbitrary<Case> {
  const payload = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ text: JSON.stringify({ contactId: world.readable, body: "valid" }), statuses: [] as number[] }) },
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          wrongTypedJson.filter((value) => typeof value !== "object" || value === null || Array.isArray(value)),
          fc.constant({ body: "no contact" }),
          malformedId.map((contactId) => ({ contactId, body: "x" })),
          wrongTypedJson.map((contactId) => ({ contactId, body: "x" })),
          badMessageBody.map((body) => ({ contactId: world.readable, body })),
          fc.constant({ contactId: world.readable }),
          junkString.filter((kind) => !["chat", "post", "task", "system"].includes(kind)).map((kind) => ({ contactId: world.readable, body: "x", kind })),
          fc
            .oneof(
              fc.constant(""),
              fc.integer({ min: 256, max: 2000 }).map((length) => "e".repeat(length)),
              wrongTypedJson.filter((value) => typeof value !== "string" && value !== undefined),
              fc.tuple(junkString, junkString).map(([before, after]) => `${before}\u0000${after}`),
            )
            .map((externalId) => ({ contactId: world.readable, body: "x", externalId })),
          junkString
            .filter((key) => !["contactId", "body", "kind", "externalId"].includes(key))
            .map((key) => ({ contactId: world.readable, body: "x", [key]: world.acme.organizationId })),
        )
        .map((value) => ({ text: JSON.stringify(value), statuses: [400] })),
    },
    { weight: 2, arbitrary: brokenJson.map((text) => ({ text, statuses: [400] })) },
    { weight: 1, arbitrary: fc.uuid().map((contactId) => ({ text: JSON.stringify({ contactId, body: "to nobody" }), statuses: [404] })) },
  );
  return fc
    .record({
      method: methodArbitrary("POST"),
      signature: fc.oneof({ weight: 6, arbitrary: fc.constant("valid" as const) }, { weight: 4, arbitrary: fc.constantFrom(...SIGNATURES) }),
      payload,
      huge: sometimes(hugeBody, 8),
      skew: fc.integer({ min: 301, max: 10_000_000 }),
      junk: headerValue,
      badTimestamp: fc.oneof(fc.constantFrom("", "-1", "1.5", "0x10", "1e9", "9999999999999", " 1", "1 2"), headerValue.filter((value) => !/^\d{1,12}$/.test(value))),
      cookie: fc.constantFrom(undefined, "agent", "admin"),
      origin: fc.constantFrom<Origin>("absent", "evil", "same"),
    })
    .map((c): Case | null => {
      const raw = c.huge?.body ?? c.payload.text;
      const now = Math.floor(Date.now() / 1000);
      const timestamp = c.signature === "stale" ? now - c.skew : c.signature === "future" ? now + c.skew : now;
      const secret = c.signature === "wrongSecret" ? "some-other-secret" : DEV_DEFAULTS.inboundWebhookSecret;
      const signed = signInboundWebhook(secret, timestamp, c.signature === "otherBody" ? `${raw} ` : raw);
      const headers: Record<string, string> = { "content-type": "application/json", ...originHeaders(c.origin), ...(c.huge?.headers ?? {}) };
      if (c.signature !== "noTimestamp") headers["x-webhook-timestamp"] = c.signature === "badTimestamp" ? c.badTimestamp : String(timestamp);
      if (c.signature === "junk") headers["x-webhook-signature"] = c.junk;
      else if (c.signature === "uppercase") headers["x-webhook-signature"] = signed.toUpperCase();
      else if (c.signature !== "missing") headers["x-webhook-signature"] = signed;
      // the route's order: method, size, signature, JSON, schema, contact
      const [why, expected]: [string, readonly number[]] =
        c.method !== "POST"
          ? ["wrong method", [405]]
          : c.huge
            ? ["body over 64 KB", [413]]
            : c.signature !== "valid"
              ? [`signature: ${c.signature}`, [401]]
              : c.payload.statuses.length > 0
                ? ["malformed delivery", c.payload.statuses]
                : ["", []];
      if (expected.length === 0) return null;
      return {
        why,
        expected,
        call: {
          route: "/api/webhooks/inbound",
          method: c.method,
          headers,
          body: c.method === "GET" ? undefined : raw,
          cookie: c.cookie ? world.cookies[c.cookie] : undefined,
        },
      };
    })
    .filter((value): value is Case => value !== null)
    .map(printable);
}

function pusherAuthCases(): fc.Arbitrary<Case> {
  const a = world.acme;
  const channel = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ name: `private-org-${a.organizationId}`, kind: "org" as const }) },
    { weight: 1, arbitrary: fc.constant({ name: `private-user-${a.users.agent.id}`, kind: "agent-user" as const }) },
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          fc.constant(`private-org-${world.globex.organizationId}`),
          fc.uuid().map((id) => `private-org-${id}`),
          fc.constant(`private-user-${world.globex.users.agent.id}`),
          fc.constant(`presence-org-${a.organizationId}`),
          fc.constant(`org-${a.organizationId}`),
          fc.constant(`private-org-${a.organizationId.toUpperCase()}`),
          fc.constant(`private-org-${a.organizationId}\u0000`),
          fc.constant(` private-org-${a.organizationId}`),
          junkString.filter((value) => value.length >= 1 && value.length <= 200),
          junkString.map((value) => `private-org-${value}`).filter((value) => value.length <= 200),
        )
        .map((name) => ({ name, kind: "refused" as const })),
    },
    { weight: 1, arbitrary: fc.oneof(fc.constant(""), fc.integer({ min: 201, max: 5000 }).map((length) => `private-${"c".repeat(length)}`)).map((name) => ({ name, kind: "malformed" as const })) },
  );
  const socketId = fc.oneof(
    { weight: 6, arbitrary: fc.constant("1234.5678") },
    { weight: 2, arbitrary: junkString.filter((value) => !/^\d+\.\d+$/.test(value)) },
  );
  return fc
    .record({
      method: methodArbitrary("POST"),
      auth: authArbitrary("agent"),
      origin: originArbitrary,
      channel,
      socketId,
      encoding: fc.constantFrom("form", "json", "json-broken", "none"),
      huge: sometimes(hugeBody, 8),
      garbage: headerValue,
      tamperAt: fc.nat(),
    })
    .map((c): Case | null => {
      const fields = { socket_id: c.socketId, channel_name: c.channel.name };
      let body: string;
      let contentType: string | undefined;
      if (c.encoding === "form") {
        body = new URLSearchParams(fields).toString();
        contentType = "application/x-www-form-urlencoded";
      } else if (c.encoding === "json") {
        body = JSON.stringify(fields);
        contentType = "application/json";
      } else if (c.encoding === "json-broken") {
        body = `{"socket_id":"${c.socketId}"`;
        contentType = "application/json";
      } else {
        body = "";
      }
      const validToken = ["agent", "admin", "viewer", "stranger"].includes(c.auth);
      const wellFormed = c.encoding !== "json-broken" && c.encoding !== "none" && /^\d+\.\d+$/.test(c.socketId) && c.channel.kind !== "malformed";
      const allowed =
        (c.channel.kind === "org" && (c.auth === "agent" || c.auth === "admin")) || (c.channel.kind === "agent-user" && c.auth === "agent");
      // the route's order: method, origin, session, size, fields, channel access
      const [why, expected]: [string, readonly number[]] =
        c.method !== "POST"
          ? ["wrong method", [405]]
          : CROSS_ORIGIN.has(c.origin)
            ? ["cross-origin", [403]]
            : !validToken
              ? ["no session", [403]]
              : c.huge
                ? ["body over 64 KB", [413]]
                : !wellFormed
                  ? ["malformed fields", [400]]
                  : !allowed
                    ? ["channel refused", [403]]
                    : ["", []];
      if (expected.length === 0) return null;
      const headers: Record<string, string> = { ...originHeaders(c.origin), ...(c.huge?.headers ?? {}) };
      if (!c.huge && contentType) headers["content-type"] = contentType;
      return {
        why,
        expected,
        call: {
          route: "/api/pusher/auth",
          method: c.method,
          headers,
          body: c.method === "GET" ? undefined : (c.huge?.body ?? body),
          cookie: cookieOf(c.auth, c.garbage, c.tamperAt),
        },
      };
    })
    .filter((value): value is Case => value !== null)
    .map(printable);
}

// ---------------------------------------------------------------------------
// The runs
// ---------------------------------------------------------------------------

const ENDPOINTS: { name: string; cases: () => fc.Arbitrary<Case> }[] = [
  {
    name: "GET /api/messaging/unread-counts",
    cases: () =>
      sessionRouteCases({ route: "/api/messaging/unread-counts", allowed: "GET", mutating: false, permitted: ["agent", "admin"], usual: "agent", acceptsBody: false, input: unreadCountsInput }),
  },
  {
    name: "GET /api/messaging/contacts",
    cases: () =>
      sessionRouteCases({ route: "/api/messaging/contacts", allowed: "GET", mutating: false, permitted: ["agent", "admin"], usual: "agent", acceptsBody: false, input: contactListInput }),
  },
  {
    name: "POST /api/messaging/contacts/{id}/read",
    cases: () =>
      sessionRouteCases({ route: "/api/messaging/contacts/[contactId]/read", allowed: "POST", mutating: true, permitted: ["agent", "admin"], usual: "agent", acceptsBody: true, input: markReadInput }),
  },
  {
    name: "POST /api/messaging/contacts/{id}/unread",
    cases: () =>
      sessionRouteCases({ route: "/api/messaging/contacts/[contactId]/unread", allowed: "POST", mutating: true, permitted: ["agent", "admin"], usual: "agent", acceptsBody: true, input: markUnreadInput }),
  },
  {
    name: "GET /api/messaging/contacts/{id}/messages",
    cases: () =>
      sessionRouteCases({ route: "/api/messaging/contacts/[contactId]/messages", allowed: "GET", routeMethods: ["GET", "POST"], mutating: false, permitted: ["agent", "admin"], usual: "agent", acceptsBody: false, input: conversationInput }),
  },
  {
    name: "POST /api/messaging/contacts/{id}/messages",
    cases: () =>
      sessionRouteCases({ route: "/api/messaging/contacts/[contactId]/messages", allowed: "POST", routeMethods: ["GET", "POST"], mutating: true, permitted: ["agent", "admin"], usual: "agent", acceptsBody: true, input: sendInput }),
  },
  {
    name: "POST /api/messaging/read-all",
    cases: () =>
      sessionRouteCases({ route: "/api/messaging/read-all", allowed: "POST", mutating: true, permitted: ["agent", "admin"], usual: "agent", acceptsBody: true, input: readAllInput }),
  },
  {
    name: "DELETE /api/messaging/messages/{id}",
    cases: () =>
      sessionRouteCases({ route: "/api/messaging/messages/[messageId]", allowed: "DELETE", mutating: true, permitted: ["admin"], usual: "admin", acceptsBody: true, input: deleteInput }),
  },
  { name: "POST /api/webhooks/inbound", cases: webhookCases },
  { name: "POST /api/pusher/auth", cases: pusherAuthCases },
];

describe("fuzzed malformed requests: always a 4xx JSON error, never a 5xx, never a write", () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.name}: ${RUNS} generated cases`, async () => {
      const organizations = [world.acme.organizationId, world.globex.organizationId];
      const before = await snapshotOrganizations(db, organizations);
      const reasons = new Map<string, number>();
      let count = 0;
      await fc.assert(
        fc.asyncProperty(endpoint.cases(), async (fuzz) => {
          const response = await readResponse(await callRoute(fuzz.call));
          const context = describeCase(fuzz);
          expect(response.status, context).toBeGreaterThanOrEqual(400);
          expect(response.status, context).toBeLessThan(500);
          expect(fuzz.expected, `${context}: got ${response.status} ${response.text.slice(0, 200)}`).toContain(response.status);
          expectJsonError(response, context);
          count++;
          reasons.set(fuzz.why, (reasons.get(fuzz.why) ?? 0) + 1);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      );
      expect(await snapshotOrganizations(db, organizations)).toEqual(before);
      expect(count).toBeGreaterThanOrEqual(RUNS);
      tally[endpoint.name] = count;
      // every kind of malformation was exercised, not just the easiest one
      expect(reasons.size, [...reasons.keys()].join(", ")).toBeGreaterThanOrEqual(4);
    }, 120_000);
  }
});

// ---------------------------------------------------------------------------
// Hostile but well-formed: may be accepted or refused, never a 5xx
// ---------------------------------------------------------------------------

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

  it(`mark-read with edge-case lastReadAt times (${RUNS} cases)`, async () => {
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
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);

  it("prototype-named query parameters are ignored like any unknown one", async () => {
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

  it(`contact list and conversation pages with forged cursors (${RUNS} cases)`, async () => {
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
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);
});
