// POST /api/messaging/contacts/{id}/messages: an agent's reply, {"body"} and
// nothing else.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { jsonHeaders, rejected, sessionRouteCases, valid, type Input, type Stage } from "./support/fuzz-case";
import { brokenJson, junkString, wrongContentType, wrongTypedJson } from "./support/fuzz-arbitraries";
import { badMessageBody, contactParam } from "./support/fuzz-inputs";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";
import type { FuzzWorld } from "./support/fuzz-world";

fuzzMalformedRequests("POST /api/messaging/contacts/{id}/messages", (world) =>
  sessionRouteCases(world, { route: "/api/messaging/contacts/[contactId]/messages", allowed: "POST", routeMethods: ["GET", "POST"], mutating: true, permitted: ["agent", "admin"], usual: "agent", acceptsBody: true, input: sendInput }),
);

/** An agent's reply must also have something besides whitespace. */
const badReplyBody = fc.oneof(badMessageBody, fc.constantFrom(" ", "\n\t ", "\u00a0\u2028"));

function sendInput(world: FuzzWorld): fc.Arbitrary<Input> {
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
  return fc.tuple(contactParam(world, world.readable, [404]), payload).map(([contact, body]) => {
    const input = { params: { contactId: contact.id }, body: body.body, headers: body.headers };
    if (contact.stage === "params") return rejected("params", [400], input);
    if (body.stage) return rejected(body.stage, body.statuses, input);
    return contact.stage ? rejected(contact.stage, contact.statuses, input) : valid(input);
  });
}
