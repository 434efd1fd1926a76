// POST /api/pusher/auth is outside withRoute: it answers Pusher's channel
// authorization (form or JSON fields) and refuses every channel the session
// may not hear, with a 403 as the Pusher client expects.
import fc from "fast-check";
import { printable, type Case } from "./support/fuzz-case";
import { headerValue, hugeBody, junkString } from "./support/fuzz-arbitraries";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";
import {
  CROSS_ORIGIN,
  authArbitrary,
  cookieOf,
  methodArbitrary,
  originArbitrary,
  originHeaders,
  sometimes,
} from "./support/fuzz-request-dimensions";
import type { FuzzWorld } from "./support/fuzz-world";

fuzzMalformedRequests("POST /api/pusher/auth", pusherAuthCases);

function pusherAuthCases(world: FuzzWorld): fc.Arbitrary<Case> {
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
          cookie: cookieOf(world, c.auth, c.garbage, c.tamperAt),
        },
      };
    })
    .filter((value): value is Case => value !== null)
    .map(printable);
}
