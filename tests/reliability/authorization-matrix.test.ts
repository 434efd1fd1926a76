// The authorization matrix, generated from ONE table: every API route ×
// every method × five callers × two targets → the expected status. On top of
// the status, every case checks that
//   - errors are the JSON error shape,
//   - no response (body or headers) carries another organization's data,
//   - a refusal for a resource that exists in another organization is
//     byte-identical (status, body, headers except Date) to the refusal for a
//     resource that does not exist at all.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { LocalPusherServer } from "@/lib/realtime/local-server/create-local-pusher-server";
import { signInboundWebhook } from "@/lib/webhooks/inbound-signature";
import { DEV_DEFAULTS } from "@/lib/config/server-config";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { startRealtime } from "../support/realtime";
import { API_ROUTES } from "../support/routes";
import { getTestPrisma } from "../support/test-database";
import {
  METHODS,
  SAME_ORIGIN_HEADERS,
  callRoute,
  cookieFor,
  expectJsonError,
  readResponse,
  type Method,
  type ReadResponse,
  type RouteCall,
} from "./support/call-route";

const db = getTestPrisma();

// ---------------------------------------------------------------------------
// Callers and targets
// ---------------------------------------------------------------------------

const CALLERS = ["anonymous", "viewer", "agent", "admin", "foreignAgent"] as const;
type Caller = (typeof CALLERS)[number];
const TARGETS = ["own", "other"] as const;
type TargetKind = (typeof TARGETS)[number];

/** Something a request can point at, in one organization (or nowhere: the ghost). */
type Target = {
  organizationId: string;
  contactId: string;
  /** A live message of that organization; a fresh one per call, so deletes can succeed. */
  message: () => Promise<string>;
  /** A member of that organization (for private-user channels). */
  userId: string;
};

type CallerContext = { caller: Caller; userId: string | null };

/** [own-organization target, other-organization target] */
type Pair = [own: number, other: number];
type Expectation = Record<Caller, Pair>;

type Variant = {
  label: string;
  request: (target: Target, caller: CallerContext) => Promise<Omit<RouteCall, "route" | "method" | "cookie">>;
  expect: Expectation;
  /** Extra checks on a successful own-target answer. */
  check?: (response: ReadResponse, target: Target) => void;
  /** A successful answer about another organization's resource must equal the one about a resource that does not exist. */
  successLeaksNothing?: boolean;
};

const same = (status: number): Pair => [status, status];
const expectation = (rows: Expectation) => rows;

const form = (fields: Record<string, string>) => ({
  headers: { ...SAME_ORIGIN_HEADERS, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
const json = (value: unknown) => ({
  headers: { ...SAME_ORIGIN_HEADERS, "content-type": "application/json" },
  body: JSON.stringify(value),
});
const mutation = { headers: { ...SAME_ORIGIN_HEADERS } };

let tagOf: (organizationId: string) => string = () => "";

function signedWebhook(payload: Record<string, unknown>) {
  const raw = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    headers: {
      "content-type": "application/json",
      "x-webhook-timestamp": String(timestamp),
      "x-webhook-signature": signInboundWebhook(DEV_DEFAULTS.inboundWebhookSecret, timestamp, raw),
    },
    body: raw,
  };
}

// ---------------------------------------------------------------------------
// THE table. A method a route does not list is expected to answer 405 JSON
// to every caller, for every target.
// ---------------------------------------------------------------------------

const TABLE: Record<string, Partial<Record<Method, Variant[]>>> = {
  "/api/messaging/unread-counts": {
    GET: [
      {
        label: "counts",
        request: async (target) => ({ search: `contact_ids=${target.contactId}` }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: same(200),
          admin: same(200),
          foreignAgent: same(200),
        }),
        successLeaksNothing: true,
        check: (response, target) => {
          const { counts } = JSON.parse(response.text) as { counts: Record<string, number> };
          expect(Object.keys(counts).every((id) => id === target.contactId)).toBe(true);
        },
      },
    ],
  },
  "/api/messaging/contacts": {
    GET: [
      {
        label: "list",
        request: async () => ({ search: "filter=all&limit=100" }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: same(200),
          admin: same(200),
          foreignAgent: same(200),
        }),
        check: (response, target) => {
          // positive control: the caller's own data does show up, so the leak search below means something
          expect(response.text).toContain(target.contactId);
        },
      },
    ],
  },
  "/api/messaging/contacts/[contactId]/read": {
    POST: [
      {
        label: "mark read",
        request: async (target) => ({ params: { contactId: target.contactId }, ...mutation }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: [204, 404],
          admin: [204, 404],
          foreignAgent: [204, 404],
        }),
      },
    ],
  },
  "/api/messaging/contacts/[contactId]/unread": {
    POST: [
      {
        label: "mark unread",
        request: async (target) => ({ params: { contactId: target.contactId }, ...mutation }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: [204, 404],
          admin: [204, 404],
          foreignAgent: [204, 404],
        }),
      },
    ],
  },
  "/api/messaging/contacts/[contactId]/messages": {
    GET: [
      {
        label: "conversation",
        request: async (target) => ({ params: { contactId: target.contactId } }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: [200, 404],
          admin: [200, 404],
          foreignAgent: [200, 404],
        }),
        check: (response, target) => expect(response.text).toContain(tagOf(target.organizationId)),
      },
    ],
    POST: [
      {
        label: "send",
        request: async (target) => ({
          params: { contactId: target.contactId },
          ...json({ body: `reply ${tagOf(target.organizationId)}` }),
        }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: [201, 404],
          admin: [201, 404],
          foreignAgent: [201, 404],
        }),
      },
    ],
  },
  "/api/messaging/read-all": {
    POST: [
      {
        label: "read all",
        request: async () => mutation,
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: same(204),
          admin: same(204),
          foreignAgent: same(204),
        }),
      },
    ],
  },
  "/api/messaging/messages/[messageId]": {
    DELETE: [
      {
        label: "delete",
        request: async (target) => ({ params: { messageId: await target.message() }, ...mutation }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: same(403),
          admin: [204, 404],
          foreignAgent: same(403),
        }),
      },
    ],
  },
  "/api/webhooks/inbound": {
    POST: [
      {
        // The provider is authenticated by its signature, never by a session:
        // whoever calls, a signed delivery lands in the contact's own organization.
        label: "signed delivery",
        request: async (target) =>
          signedWebhook({ contactId: target.contactId, body: `inbound ${tagOf(target.organizationId)}` }),
        expect: expectation({
          anonymous: same(201),
          viewer: same(201),
          agent: same(201),
          admin: same(201),
          foreignAgent: same(201),
        }),
        check: (response) => expect(Object.keys(JSON.parse(response.text))).toEqual(["id"]),
      },
      {
        label: "unsigned delivery",
        request: async (target) => ({
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ contactId: target.contactId, body: "unsigned" }),
        }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(401),
          agent: same(401),
          admin: same(401),
          foreignAgent: same(401),
        }),
      },
    ],
  },
  "/api/pusher/auth": {
    POST: [
      {
        label: "organization channel",
        request: async (target) => form({ socket_id: "1234.5678", channel_name: `private-org-${target.organizationId}` }),
        expect: expectation({
          anonymous: same(403),
          viewer: same(403),
          agent: [200, 403],
          admin: [200, 403],
          foreignAgent: [200, 403],
        }),
        check: (response) => expect(JSON.parse(response.text).auth).toMatch(/^[^:]+:[0-9a-f]{64}$/),
      },
      {
        // own = the caller's own user channel; other = a member of the other organization
        label: "user channel",
        request: async (target) => form({ socket_id: "1234.5678", channel_name: `private-user-${target.userId}` }),
        expect: expectation({
          anonymous: same(403),
          viewer: [200, 403],
          agent: [200, 403],
          admin: [200, 403],
          foreignAgent: [200, 403],
        }),
      },
    ],
  },
};

const METHOD_NOT_ALLOWED: Variant = {
  label: "wrong method",
  request: async (target) => ({ params: { contactId: target.contactId, messageId: randomUUID() }, ...mutation }),
  expect: expectation({
    anonymous: same(405),
    viewer: same(405),
    agent: same(405),
    admin: same(405),
    foreignAgent: same(405),
  }),
};

function variantsOf(route: string, method: Method): Variant[] {
  return TABLE[route]?.[method] ?? [METHOD_NOT_ALLOWED];
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

type World = {
  acme: OrgFixture;
  globex: OrgFixture;
  cookies: Record<Caller, string | undefined>;
  userIds: Record<Caller, string | null>;
  /** Strings that belong to one organization: ids, names, emails, message bodies, its tag. */
  secrets: Record<string, string[]>;
};

let world: World;
let server: LocalPusherServer;
const recorded: { caller: Caller; target: TargetKind; response: ReadResponse }[] = [];
let casesRun = 0;

async function secretsOf(fixture: OrgFixture, tag: string): Promise<string[]> {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: fixture.organizationId } });
  const contacts = await db.contact.findMany({ where: { organizationId: fixture.organizationId } });
  const messages = await db.message.findMany({ where: { organizationId: fixture.organizationId } });
  const users = await db.user.findMany({ where: { id: { in: Object.values(fixture.users).map((user) => user.id) } } });
  return [
    tag,
    organization.id,
    organization.name,
    organization.slug,
    ...contacts.flatMap((contact) => [contact.id, contact.name]),
    ...messages.flatMap((message) => [message.id, message.body]),
    ...users.flatMap((user) => [user.id, user.email, user.name]),
  ];
}

function homeOf(caller: Caller): "acme" | "globex" {
  return caller === "foreignAgent" ? "globex" : "acme";
}

function targetFor(caller: Caller, kind: TargetKind): Target {
  const home = homeOf(caller);
  const orgKey = kind === "own" ? home : home === "acme" ? "globex" : "acme";
  const fixture = world[orgKey];
  return {
    organizationId: fixture.organizationId,
    contactId: fixture.contactIds[0],
    message: async () => {
      const [id] = await addMessages(db, fixture.organizationId, [
        { contactId: fixture.contactIds[0], body: `to delete ${tagOf(fixture.organizationId)}` },
      ]);
      return id;
    },
    // "self" resolves to the caller's own id in the user-channel variant
    userId: kind === "own" ? "self" : Object.values(fixture.users)[0].id,
  };
}

function ghostTarget(): Target {
  const contactId = randomUUID();
  return { organizationId: randomUUID(), contactId, message: async () => randomUUID(), userId: randomUUID() };
}

/** Another organization's strings, as seen by this caller (anonymous: both organizations are foreign). */
function foreignSecrets(caller: Caller): string[] {
  if (caller === "anonymous") return [...world.secrets.acme, ...world.secrets.globex];
  return homeOf(caller) === "acme" ? world.secrets.globex : world.secrets.acme;
}

beforeAll(async () => {
  server = await startRealtime();
  const acme = await createOrganization(db, {
    members: { viewer: "viewer", agent: "agent", admin: "admin" },
    contacts: 3,
  });
  const globex = await createOrganization(db, { members: { agent: "agent" }, contacts: 3 });
  const tags = { acme: `acme-secret-${randomUUID().slice(0, 8)}`, globex: `globex-secret-${randomUUID().slice(0, 8)}` };
  tagOf = (organizationId) =>
    organizationId === acme.organizationId ? tags.acme : organizationId === globex.organizationId ? tags.globex : "ghost";
  for (const [key, fixture] of [["acme", acme], ["globex", globex]] as const) {
    await addMessages(
      db,
      fixture.organizationId,
      fixture.contactIds.flatMap((contactId, index) => [
        { contactId, createdAt: minutesAgo(30 + index), body: `hello from ${tags[key]} #${index}` },
        { contactId, createdAt: minutesAgo(20 + index), body: `more from ${tags[key]} #${index}`, kind: "post" as const },
        { contactId, direction: "outbound" as const, createdAt: minutesAgo(10), body: `answer ${tags[key]} #${index}` },
      ]),
    );
  }
  const userIds: World["userIds"] = {
    anonymous: null,
    viewer: acme.users.viewer.id,
    agent: acme.users.agent.id,
    admin: acme.users.admin.id,
    foreignAgent: globex.users.agent.id,
  };
  const cookies = Object.fromEntries(
    await Promise.all(
      CALLERS.map(async (caller) => {
        const userId = userIds[caller];
        const orgId = homeOf(caller) === "acme" ? acme.organizationId : globex.organizationId;
        return [caller, userId ? await cookieFor(userId, orgId) : undefined] as const;
      }),
    ),
  ) as World["cookies"];
  world = {
    acme,
    globex,
    cookies,
    userIds,
    secrets: { acme: await secretsOf(acme, tags.acme), globex: await secretsOf(globex, tags.globex) },
  };
});

afterAll(async () => {
  await server.close();
  console.log(`[authorization matrix] ${casesRun} cases run`);
});

// ---------------------------------------------------------------------------
// Inventory: the table covers every route, and every route answers every method
// ---------------------------------------------------------------------------

function routeFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFilesUnder(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

describe("route inventory", () => {
  const appDir = path.resolve(import.meta.dirname, "..", "..", "app");

  it("tests/support/routes.ts lists exactly the route.ts files under app/api (NextAuth's own route aside)", () => {
    const onDisk = routeFilesUnder(path.join(appDir, "api"))
      .map((file) => `/${path.relative(appDir, path.dirname(file)).split(path.sep).join("/")}`)
      .filter((pattern) => pattern !== "/api/auth/[...nextauth]")
      .sort();
    expect(API_ROUTES.map((route) => route.pattern).sort()).toEqual(onDisk);
  });

  it("the matrix table has a row for every route", () => {
    expect(Object.keys(TABLE).sort()).toEqual(API_ROUTES.map((route) => route.pattern).sort());
  });

  it("every route exports every method, so a wrong method is our JSON 405 and never Next's empty one", async () => {
    for (const route of API_ROUTES) {
      const handlers = await route.load();
      for (const method of METHODS) expect(typeof handlers[method], `${route.pattern} ${method}`).toBe("function");
    }
  });
});

// ---------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------

async function send(route: string, method: Method, variant: Variant, caller: Caller, target: Target) {
  const callerContext = { caller, userId: world.userIds[caller] };
  const resolved =
    target.userId === "self" ? { ...target, userId: callerContext.userId ?? world.acme.users.agent.id } : target;
  const request = await variant.request(resolved, callerContext);
  return readResponse(await callRoute({ route, method, cookie: world.cookies[caller], ...request }));
}

for (const route of API_ROUTES.map((entry) => entry.pattern)) {
  describe(route, () => {
    for (const method of METHODS) {
      for (const variant of variantsOf(route, method)) {
        for (const caller of CALLERS) {
          for (const targetKind of TARGETS) {
            const status = variant.expect[caller][targetKind === "own" ? 0 : 1];
            it(`${method} ${variant.label} · ${caller} · ${targetKind}-org target → ${status}`, async () => {
              casesRun++;
              const target = targetFor(caller, targetKind);
              const response = await send(route, method, variant, caller, target);
              const context = `${method} ${route} (${variant.label}) as ${caller} on ${targetKind}`;
              expect(response.status, `${context}: ${response.text.slice(0, 200)}`).toBe(status);
              recorded.push({ caller, target: targetKind, response });

              if (status >= 400) expectJsonError(response, context);
              else if (targetKind === "own") variant.check?.(response, target);

              // Nothing of another organization, anywhere in the answer.
              const everything = `${response.text}\n${JSON.stringify(response.headers)}`;
              for (const secret of foreignSecrets(caller)) {
                expect(everything.includes(secret), `${context} leaked "${secret}"`).toBe(false);
              }

              // "Exists elsewhere" and "does not exist" must be indistinguishable.
              if (targetKind === "other" && (status >= 400 || variant.successLeaksNothing)) {
                const ghost = await send(route, method, variant, caller, ghostTarget());
                expect(ghost, `${context}: differs from a target that does not exist`).toEqual(response);
              }
            });
          }
        }
      }
    }
  });
}

describe("matrix summary", () => {
  it("ran every generated case and each caller saw its own organization's data somewhere", () => {
    const expected = API_ROUTES.reduce(
      (sum, route) =>
        sum + METHODS.reduce((inner, method) => inner + variantsOf(route.pattern, method).length, 0) * CALLERS.length * 2,
      0,
    );
    expect(casesRun).toBe(expected);
    for (const caller of ["agent", "admin", "foreignAgent"] as const) {
      const home = world.secrets[homeOf(caller)];
      const sawOwn = recorded.some(
        (entry) => entry.caller === caller && entry.response.status === 200 && home.some((s) => entry.response.text.includes(s)),
      );
      expect(sawOwn, caller).toBe(true);
    }
  });
});
