// POST /api/webhooks/inbound/{endpointId} is outside withRoute: the provider
// authenticates with its endpoint's signature over timestamp and raw body,
// never with a session, so cookies and origins must change nothing.
import fc from "fast-check";
import { signInboundWebhook } from "@/lib/webhooks/inbound-signature";
import { printable, type Case } from "./support/fuzz-case";
import { brokenJson, headerValue, hugeBody, junkString, malformedId, wrongTypedJson } from "./support/fuzz-arbitraries";
import { badMessageBody } from "./support/fuzz-inputs";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";
import { methodArbitrary, originHeaders, sometimes, type Origin } from "./support/fuzz-request-dimensions";
import type { FuzzWorld } from "./support/fuzz-world";

fuzzMalformedRequests("POST /api/webhooks/inbound/[endpointId]", webhookCases);

const SIGNATURES = ["valid", "missing", "wrongSecret", "otherBody", "junk", "uppercase", "stale", "future", "badTimestamp", "noTimestamp"] as const;

function webhookCases(world: FuzzWorld): fc.Arbitrary<Case> {
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
    // another organization's contact through Acme's endpoint: the same 404
    { weight: 1, arbitrary: fc.constant({ text: JSON.stringify({ contactId: world.globexContact, body: "cross-tenant" }), statuses: [404] }) },
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
      const secret = c.signature === "wrongSecret" ? "some-other-secret" : world.acmeEndpoint.secret;
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
          route: "/api/webhooks/inbound/[endpointId]",
          params: { endpointId: world.acmeEndpoint.id },
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
